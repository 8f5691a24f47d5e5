import { z } from "zod";
import { portalRequestTypes, timeWindows } from "../vocabulary";
import type { FieldIssue } from "./field-issue";
import { choice, noDuplicates, optionalText, planningDay, reference, requiredText } from "./fields";
import { ZCreateTargetInput } from "./target";

// What a customer contact sends from the portal, and what a reviewer decides about it. The
// messages are English; the portal shows them through its `errors` words (English and French).

/** A customer may suggest up to this many days for the visit. */
export const MAX_PREFERRED_DATES = 3;
export const PORTAL_REQUEST_TITLE_MAX = 120;
export const PORTAL_REQUEST_DESCRIPTION_MAX = 4000;
/** What the customer reads about the decision. */
export const CUSTOMER_MESSAGE_MAX = 2000;

export const preferredDateMessages = {
  format: "Enter the date as YYYY-MM-DD",
  window: "Choose a time of day",
  past: "Choose a date from today on",
  twice: "This date and time of day are listed twice",
  tooMany: `Choose at most ${MAX_PREFERRED_DATES} preferred dates`,
} as const;

/** A day the customer would like the visit, and when in that day. */
export const ZPreferredDate = z.object({
  date: planningDay(preferredDateMessages.format),
  window: choice(timeWindows, preferredDateMessages.window),
});
export type PreferredDate = z.infer<typeof ZPreferredDate>;

/**
 * A request a portal user sends for exactly one location their grants cover. Only the format of a
 * preferred date is checked here: whether it lies in the past depends on "today" in the service
 * provider's time zone, which the service knows (`pastPreferredDates`).
 */
export const ZCreatePortalRequestInput = z.object({
  type: choice(portalRequestTypes, "Choose what kind of request this is"),
  title: requiredText("Title", PORTAL_REQUEST_TITLE_MAX, "Give your request a short title"),
  description: requiredText("Description", PORTAL_REQUEST_DESCRIPTION_MAX, "Describe what you need"),
  locationId: reference("Choose a location"),
  preferredDates: z
    .array(ZPreferredDate)
    .max(MAX_PREFERRED_DATES, { error: preferredDateMessages.tooMany })
    .superRefine(noDuplicates((d: PreferredDate) => `${d.date}|${d.window}`, preferredDateMessages.twice))
    .default([]),
});
export type CreatePortalRequestInput = z.infer<typeof ZCreatePortalRequestInput>;

/** The preferred dates before `today` (YYYY-MM-DD in the tenant's zone), as field issues. */
export function pastPreferredDates(dates: readonly PreferredDate[], today: string): FieldIssue[] {
  return dates.flatMap((d, index) =>
    d.date < today ? [{ path: `preferredDates.${index}.date`, message: preferredDateMessages.past }] : [],
  );
}

export const ZPortalRequestIdInput = z.object({ portalRequestId: reference("Choose a request") });

/**
 * Accepting makes a target of the request: its title, description, priority and due date are the
 * target's own fields (the same rules as creating a target); customer, location, contact and source
 * come from the request. An optional message tells the customer what happens next.
 */
export const ZAcceptPortalRequestInput = ZCreateTargetInput.pick({
  title: true,
  description: true,
  priority: true,
  dueDate: true,
}).extend({
  portalRequestId: reference("Choose a request"),
  customerMessage: optionalText("Message to the customer", CUSTOMER_MESSAGE_MAX),
});
export type AcceptPortalRequestInput = z.infer<typeof ZAcceptPortalRequestInput>;

/** Declining always tells the customer why; the message is shown in the portal. */
export const ZDeclinePortalRequestInput = z.object({
  portalRequestId: reference("Choose a request"),
  customerMessage: requiredText(
    "Message to the customer",
    CUSTOMER_MESSAGE_MAX,
    "Tell the customer why the request is declined",
  ),
});
export type DeclinePortalRequestInput = z.infer<typeof ZDeclinePortalRequestInput>;
