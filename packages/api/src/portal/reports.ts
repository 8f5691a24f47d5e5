import { normalizeClientAddress } from "@ordinavo/auth";
import { z } from "zod";
import { permitted, portalT } from "../realms/portal";
import {
  openPortalFile,
  type PortalOpenedFile,
  portalReport,
  portalReports,
  ZPortalFileIdInput,
  ZPortalReport,
  ZPortalReportIdInput,
  ZPortalReports,
  ZPortalReportsInput,
} from "../services/portal-reports";

/** Published visit reports and their released files. */
export const portalReportsRouter = portalT.router({
  list: permitted("portal.visit_report.read")
    .input(ZPortalReportsInput)
    .output(ZPortalReports)
    .query(({ ctx, input }) => portalReports(ctx.service, input)),

  get: permitted("portal.visit_report.read")
    .input(ZPortalReportIdInput)
    .output(ZPortalReport)
    .query(({ ctx, input }) => portalReport(ctx.service, input)),

  /**
   * For the portal's download route: the file's description and a `read()` that opens its bytes
   * and records the download. Over HTTP only the description travels, and nothing is opened.
   * Asked as a report reader: with files switched off for the tenant the file is NOT_FOUND like
   * any other file the contact may not have, not a refusal that says it exists.
   */
  openFile: permitted("portal.visit_report.read")
    .input(ZPortalFileIdInput)
    .output(
      z.custom<PortalOpenedFile>(
        (value) =>
          typeof value === "object" &&
          value !== null &&
          typeof (value as PortalOpenedFile).read === "function",
      ),
    )
    .query(({ ctx, input }) =>
      openPortalFile(ctx.service, {
        attachmentId: input.attachmentId,
        clientAddress: normalizeClientAddress(ctx.request.clientAddress),
      }),
    ),
});
