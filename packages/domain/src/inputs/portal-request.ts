import { z } from "zod";
import { portalRequestTypes, timeWindows } from "../vocabulary";
import { choice, optionalText, planningDay, reference, requiredText } from "./fields";

export const maxPreferredDates = 5;

/**
 * A day the customer would like the visit, and when in that day. Only the format is checked:
 * whether the date is in the past depends on "today", which a pure schema does not know.
 */
export const ZPreferredDate = z.object({
  date: planningDay("Enter the date as YYYY-MM-DD"),
  window: choice(timeWindows, "Choose a time of day"),
});
export type PreferredDate = z.infer<typeof ZPreferredDate>;

/** A request a portal user sends for one of the locations they may see. */
export const ZCreatePortalRequestInput = z.object({
  locationId: reference("Choose a location"),
  type: choice(portalRequestTypes, "Choose what kind of request this is"),
  title: requiredText("Title", 200, "Enter a title"),
  description: requiredText("Description", 5000, "Describe what you need"),
  preferredDates: z
    .array(ZPreferredDate)
    .max(maxPreferredDates, { error: `Choose at most ${maxPreferredDates} preferred dates` })
    .default([]),
});
export type CreatePortalRequestInput = z.infer<typeof ZCreatePortalRequestInput>;

export const portalRequestDecisions = ["accept", "decline"] as const;
export type PortalRequestDecision = (typeof portalRequestDecisions)[number];

/** A manager's decision. The customer message is shown in the portal, so it must be customer-safe. */
export const ZReviewPortalRequestInput = z
  .object({
    portalRequestId: reference("Choose a request"),
    decision: choice(portalRequestDecisions, "Choose to accept or decline the request"),
    customerMessage: optionalText("Message to the customer", 2000),
  })
  .superRefine((review, ctx) => {
    if (review.decision === "decline" && review.customerMessage == null) {
      ctx.addIssue({
        code: "custom",
        message: "Tell the customer why the request is declined",
        path: ["customerMessage"],
      });
    }
  });
export type ReviewPortalRequestInput = z.infer<typeof ZReviewPortalRequestInput>;
