import { z } from "zod";
import { retentionSubjects } from "../vocabulary";
import { choice, flag, reference, wholeNumber } from "./fields";

const policyFields = {
  subject: choice(retentionSubjects, "Choose what this policy deletes"),
  retainDays: wholeNumber("Retention", 1, 3650, "days"),
  active: flag("Active"),
};

export const ZCreateRetentionPolicyInput = z.object({
  ...policyFields,
  active: policyFields.active.default(true),
});
export type CreateRetentionPolicyInput = z.infer<typeof ZCreateRetentionPolicyInput>;

/** Keys left out stay as they are. */
export const ZUpdateRetentionPolicyInput = z
  .object(policyFields)
  .partial()
  .extend({ retentionPolicyId: reference("Choose a retention policy") });
export type UpdateRetentionPolicyInput = z.infer<typeof ZUpdateRetentionPolicyInput>;
