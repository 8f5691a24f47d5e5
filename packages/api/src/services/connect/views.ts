import { followUpStatuses } from "@ordinavo/domain";
import { z } from "zod";
import { ZAppointmentView } from "../appointments/views";
import { ZCustomerView, ZLocationView } from "../customers/views";
import { ZReportView } from "../reports/views";
import { ZTargetView } from "../targets/views";

// What an integration receives of each kind: the service's view cut to the policy's integration
// field list (packages/policy/src/fields/rules.ts), every field always present. Rows go through
// `project(actor, kind, row, gates)` first; views.test.ts keeps each schema equal to the policy's
// list, so a field the policy withholds cannot be added here by mistake.

/** Customers: every field of the workspace's view but the internal `notes`. */
export const ZConnectCustomer = ZCustomerView.omit({ notes: true }).required();

/** Locations ("Via API if scoped"): no access or parking notes — on-site hints stay inside. */
export const ZConnectLocation = ZLocationView.omit({ accessNotes: true, parkingNotes: true }).required();

/** Targets (work): everything but who created it. */
export const ZConnectTarget = ZTargetView.required();

/** Appointments: no employee identities, nothing of routes. */
export const ZConnectAppointment = ZAppointmentView.omit({ assignedEmployeeId: true }).required();

/**
 * A visit report as its event announced it: no billing, no review trail, no portal texts.
 */
export const ZConnectVisitReport = ZReportView.omit({
  authorId: true,
  billable: true,
  billingNote: true,
  approvedById: true,
  returnedAt: true,
  returnedById: true,
  returnedReason: true,
}).required();

/**
 * Follow-up work a visit report asked for. The policy has no field list for follow-ups, so only
 * what their webhook event carries goes out: ids, state and due date — never the free-text
 * `details` (the target it became carries the work's description, under `targets:read`).
 */
export const ZConnectFollowUp = z.object({
  id: z.string(),
  visitReportId: z.string(),
  customerId: z.string(),
  locationId: z.string().nullable(),
  targetId: z.string().nullable(),
  status: z.enum(followUpStatuses),
  dueDate: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

/** A page of a Connect list. */
export const connectPage = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
