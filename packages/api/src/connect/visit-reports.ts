import { z } from "zod";
import { connectT, permitted } from "../realms/connect";
import { getVisitReport } from "../services/connect/reads";
import { ZConnectVisitReport } from "../services/connect/views";

export { ZConnectVisitReport };

export const connectVisitReportsRouter = connectT.router({
  /**
   * One visit report, "event-based": reports reach integrations through webhooks
   * (`visit_report.submitted`, `visit_report.approved`), and a receiver fetches the report its
   * event names. Only reports in an announced status are found; others are NOT_FOUND.
   */
  get: permitted("visit_report.read")
    .input(z.object({ visitReportId: z.uuid({ error: "visitReportId must be a UUID" }) }))
    .output(ZConnectVisitReport)
    .query(({ ctx, input }) => getVisitReport(ctx.service, input)),
});
