import { permitted, workspaceT } from "../realms/workspace";
import { auditLog, ZAuditLog, ZAuditLogInput } from "../services/audit";

/** The tenant's audit log for admins: who changed what, which fields, when. Never the values. */
export const auditRouter = workspaceT.router({
  list: permitted("audit_log.read")
    .input(ZAuditLogInput)
    .output(ZAuditLog)
    .query(({ ctx, input }) => auditLog(ctx.service, input)),
});
