import {
  portalRequestStatuses,
  ZAcceptPortalRequestInput,
  ZDeclinePortalRequestInput,
  ZPortalRequestIdInput,
} from "@ordinavo/domain";
import { z } from "zod";
import { permitted, workspaceT } from "../realms/workspace";
import { ZPortalRequestQueueInput } from "../services/portal-requests/inputs";
import {
  acceptPortalRequest,
  declinePortalRequest,
  markPortalRequestInReview,
  portalRequestDetail,
  portalRequestQueue,
} from "../services/portal-requests/review";
import { ZRequestQueue, ZRequestReview } from "../services/portal-requests/views";

// Requests from the Customer Portal, reviewed before they become targets. Reading is
// portal_request.read (admins, managers, dispatchers); deciding is portal_request.review and the
// policy's canReviewPortalRequest, checked again by the service for each request.

const ZDecision = z.object({
  id: z.string(),
  status: z.enum(portalRequestStatuses),
  /** The target an acceptance made. */
  targetId: z.string().nullable(),
});

export const portalRequestsRouter = workspaceT.router({
  /** Waiting requests (the default) oldest first, or one status / all newest first; by customer name. */
  queue: permitted("portal_request.read")
    .input(ZPortalRequestQueueInput)
    .output(ZRequestQueue)
    .query(({ ctx, input }) => portalRequestQueue(ctx.service, input)),

  detail: permitted("portal_request.read")
    .input(ZPortalRequestIdInput)
    .output(ZRequestReview)
    .query(({ ctx, input }) => portalRequestDetail(ctx.service, input)),

  markInReview: permitted("portal_request.review")
    .input(ZPortalRequestIdInput)
    .output(ZDecision.omit({ targetId: true }))
    .mutation(({ ctx, input }) => markPortalRequestInReview(ctx.service, input)),

  /** Makes a target of the request (customer, location, contact; source "portal_request"). */
  accept: permitted("portal_request.review")
    .input(ZAcceptPortalRequestInput)
    .output(ZDecision)
    .mutation(({ ctx, input }) => acceptPortalRequest(ctx.service, input)),

  /** Declines it with a message the customer reads. */
  decline: permitted("portal_request.review")
    .input(ZDeclinePortalRequestInput)
    .output(ZDecision)
    .mutation(({ ctx, input }) => declinePortalRequest(ctx.service, input)),
});
