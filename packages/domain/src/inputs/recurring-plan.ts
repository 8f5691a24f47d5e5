import { z } from "zod";
import { flag, optionalReference, planningDay, reference, requiredText, wholeNumber } from "./fields";
import { timeZone } from "./time-zone";

/** An RFC 5545 rule. Only its shape is checked here; the recurrence code parses it fully. */
const rrule = requiredText("Recurrence rule", 500, "Enter a recurrence rule").regex(/FREQ=/i, {
  error: "The recurrence rule needs a FREQ= part",
});

const startTime = z
  .string({ error: "Enter a start time as HH:MM" })
  .trim()
  .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, { error: "Enter a start time as HH:MM (24-hour clock)" });

const planFields = {
  title: requiredText("Title", 200, "Enter a title"),
  rrule,
  startsOn: planningDay("Enter the first day as YYYY-MM-DD"),
  startTime,
  timeZone,
  durationMinutes: wholeNumber("Duration", 5, 1440, "minutes"),
  defaultAssigneeId: optionalReference("Choose an employee"),
  /** How many days ahead appointments are generated. */
  horizonDays: wholeNumber("Planning horizon", 1, 365, "days"),
  active: flag("Active"),
};

export const ZCreateRecurringPlanInput = z.object({
  customerId: reference("Choose a customer"),
  locationId: reference("Choose a location"),
  ...planFields,
  horizonDays: planFields.horizonDays.default(56),
  active: planFields.active.default(true),
});
export type CreateRecurringPlanInput = z.infer<typeof ZCreateRecurringPlanInput>;

/** Keys left out stay as they are. A plan stays at its customer and location. */
export const ZUpdateRecurringPlanInput = z
  .object(planFields)
  .partial()
  .extend({ recurringPlanId: reference("Choose a recurring plan") });
export type UpdateRecurringPlanInput = z.infer<typeof ZUpdateRecurringPlanInput>;
