import { normalizeClientAddress } from "@ordinavo/auth";
import { ZCreatePortalRequestInput, ZPortalRequestIdInput } from "@ordinavo/domain";
import { MAX_FILE_BYTES, MAX_FILES_PER_OWNER, uploadRefusals } from "@ordinavo/files";
import { z } from "zod";
import { permitted, portalT } from "../realms/portal";
import type { OpenedAttachment } from "../services/attachments/open";
import { MAX_FILES_PER_POST, tooManyFilesMessage } from "../services/portal-requests/files";
import {
  ZAddRequestFilesInput,
  ZOpenRequestFileInput,
  ZPortalRequestListInput,
} from "../services/portal-requests/inputs";
import {
  addPortalRequestFiles,
  createPortalRequest,
  getPortalRequest,
  listPortalRequests,
  openPortalRequestFile,
  requestPlaces,
} from "../services/portal-requests/portal";
import { ZPortalRequestDetail, ZPortalRequestPage, ZRequestPlace } from "../services/portal-requests/views";

// Requests a customer contact sends from the portal and follows there. Files travel only through
// the portal's own routes (the new-request form's multipart post, the download route), which call
// these procedures with the server-side caller; over HTTP a File or a stream does not travel.

export const portalRequestsRouter = portalT.router({
  /** The contact's requests, newest first (all the places their grants cover). */
  list: permitted("portal_request.read")
    .input(ZPortalRequestListInput)
    .output(ZPortalRequestPage)
    .query(({ ctx, input }) => listPortalRequests(ctx.service, input)),

  /** One request; outside the contact's grants it is NOT_FOUND, like a missing one. */
  get: permitted("portal_request.read")
    .input(ZPortalRequestIdInput)
    .output(ZPortalRequestDetail)
    .query(({ ctx, input }) => getPortalRequest(ctx.service, input)),

  /** The locations a request may be filed for. */
  places: permitted("portal_request.create")
    .output(z.array(ZRequestPlace))
    .query(({ ctx }) => requestPlaces(ctx.service)),

  /** The file rules the new-request form states and its route applies. */
  limits: permitted("portal_request.create")
    .output(
      z.object({
        maxFileBytes: z.number(),
        maxFilesPerPost: z.number(),
        maxFilesPerRequest: z.number(),
        refusals: z.object({
          empty: z.string(),
          too_large: z.string(),
          type: z.string(),
          damaged: z.string(),
          full: z.string(),
          too_many: z.string(),
          /** A post with no file in it. */
          none: z.string(),
          /** A post the route could not read as a form (not multipart). */
          resend: z.string(),
        }),
      }),
    )
    .query(() => ({
      maxFileBytes: MAX_FILE_BYTES,
      maxFilesPerPost: MAX_FILES_PER_POST,
      maxFilesPerRequest: MAX_FILES_PER_OWNER,
      refusals: {
        ...uploadRefusals,
        too_many: tooManyFilesMessage,
        none: "Choose a file",
        resend: "Send the form again, please.",
      },
    })),

  /** A new request for one covered location, with files sent along (all or none). */
  create: permitted("portal_request.create")
    .input(
      ZCreatePortalRequestInput.extend({
        files: z.array(z.instanceof(File, { error: "Choose a file" })).default([]),
      }),
    )
    .output(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) => createPortalRequest(ctx.service, input)),

  /** More files for the contact's own request while it waits for review. */
  addFiles: permitted("portal_request.create")
    .input(ZAddRequestFilesInput)
    .output(z.object({ added: z.number() }))
    .mutation(({ ctx, input }) => addPortalRequestFiles(ctx.service, input)),

  /**
   * For the download route: what the file is and a `read()` that opens its bytes (over HTTP only
   * the description travels, and nothing is opened).
   */
  openFile: permitted("portal_request.read")
    .input(ZOpenRequestFileInput)
    .output(
      z.custom<OpenedAttachment>(
        (value) =>
          typeof value === "object" &&
          value !== null &&
          typeof (value as OpenedAttachment).read === "function",
      ),
    )
    .query(({ ctx, input }) =>
      openPortalRequestFile(ctx.service, {
        ...input,
        clientAddress: normalizeClientAddress(ctx.request.clientAddress),
      }),
    ),
});
