import { appointmentMachine } from "./appointment";
import { importJobMachine } from "./import-job";
import { portalRequestMachine } from "./portal-request";
import { targetMachine } from "./target";
import { visitReportMachine } from "./visit-report";
import { webhookDeliveryMachine } from "./webhook-delivery";

export * from "./appointment";
export * from "./import-job";
export * from "./machine";
export * from "./portal-request";
export * from "./target";
export * from "./visit-report";
export * from "./webhook-delivery";

/** Every status machine, by the entity it governs. */
export const machines = {
  target: targetMachine,
  appointment: appointmentMachine,
  visit_report: visitReportMachine,
  portal_request: portalRequestMachine,
  import_job: importJobMachine,
  webhook_delivery: webhookDeliveryMachine,
} as const;
