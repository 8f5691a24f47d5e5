import { z } from "zod";
import { loginEmail, noDuplicates, optionalReference, reference } from "./fields";

/** Access to a whole customer (no location) or to one of its locations. */
export const ZPortalGrantInput = z.object({
  customerId: reference("Choose a customer"),
  locationId: optionalReference("Choose a location").transform((id) => id ?? null),
});
export type PortalGrantInput = z.infer<typeof ZPortalGrantInput>;

export const ZCreatePortalInvitationInput = z.object({
  contactPersonId: reference("Choose a contact person"),
  email: loginEmail,
  grants: z
    .array(ZPortalGrantInput, { error: "Choose what this person may see" })
    .min(1, { error: "Choose what this person may see" })
    .max(200, { error: "Grant at most 200 customers or locations" })
    .superRefine(
      noDuplicates(
        (grant) => `${grant.customerId}/${grant.locationId ?? "*"}`,
        "This access is listed twice",
      ),
    ),
});
export type CreatePortalInvitationInput = z.infer<typeof ZCreatePortalInvitationInput>;
