import { z } from "zod";
import { priorities, targetSources, targetStatuses } from "../vocabulary";
import {
  choice,
  optionalFormat,
  optionalReference,
  optionalText,
  planningDay,
  reference,
  requiredText,
} from "./fields";

const targetFields = {
  locationId: optionalReference("Choose a location"),
  contactId: optionalReference("Choose a contact person"),
  title: requiredText("Title", 200, "Enter a title"),
  description: optionalText("Description", 5000),
  priority: choice(priorities, "Choose a priority"),
  dueDate: optionalFormat(planningDay("Enter the due date as YYYY-MM-DD"), "Due date"),
};

export const ZCreateTargetInput = z.object({
  customerId: reference("Choose a customer"),
  ...targetFields,
  priority: targetFields.priority.default("normal"),
  source: choice(targetSources, "Choose where this work comes from").default("manual"),
});
export type CreateTargetInput = z.infer<typeof ZCreateTargetInput>;

/** Keys left out stay as they are. The status changes through `ZChangeTargetStatusInput`. */
export const ZUpdateTargetInput = z
  .object(targetFields)
  .partial()
  .extend({ targetId: reference("Choose a target") });
export type UpdateTargetInput = z.infer<typeof ZUpdateTargetInput>;

/** Whether the change is allowed is the target machine's call (`targetMachine`). */
export const ZChangeTargetStatusInput = z.object({
  targetId: reference("Choose a target"),
  status: choice(targetStatuses, "Choose a status"),
});
export type ChangeTargetStatusInput = z.infer<typeof ZChangeTargetStatusInput>;
