import { workspaceT } from "../realms/workspace";
import { apiKeysRouter } from "./api-keys";
import { appointmentsRouter } from "./appointments";
import { attachmentsRouter } from "./attachments";
import { auditRouter } from "./audit";
import { boardRouter } from "./board";
import { contactsRouter } from "./contacts";
import { customersRouter } from "./customers";
import { devRouter } from "./dev";
import { executionRouter } from "./execution";
import { importsRouter } from "./imports";
import { internalNotesRouter } from "./internal-notes";
import { locationsRouter } from "./locations";
import { portalAccessRouter } from "./portal-access";
import { portalRequestsRouter } from "./portal-requests";
import { recurringRouter } from "./recurring";
import { reportsRouter } from "./reports";
import { retentionRouter } from "./retention";
import { routesRouter } from "./routes";
import { securityRouter } from "./security";
import { authRouter, sessionRouter } from "./session";
import { settingsRouter } from "./settings";
import { targetsRouter } from "./targets";
import { timelineRouter } from "./timeline";
import { todayRouter } from "./today";
import { usersRouter } from "./users";
import { webhooksRouter } from "./webhooks";

export const workspaceRouter = workspaceT.router({
  auth: authRouter,
  session: sessionRouter,
  users: usersRouter,
  apiKeys: apiKeysRouter,
  security: securityRouter,
  settings: settingsRouter,
  dev: devRouter,
  customers: customersRouter,
  locations: locationsRouter,
  contacts: contactsRouter,
  internalNotes: internalNotesRouter,
  targets: targetsRouter,
  appointments: appointmentsRouter,
  board: boardRouter,
  routes: routesRouter,
  recurring: recurringRouter,
  today: todayRouter,
  execution: executionRouter,
  reports: reportsRouter,
  portalAccess: portalAccessRouter,
  portalRequests: portalRequestsRouter,
  attachments: attachmentsRouter,
  timeline: timelineRouter,
  audit: auditRouter,
  imports: importsRouter,
  webhooks: webhooksRouter,
  retention: retentionRouter,
});

export type WorkspaceRouter = typeof workspaceRouter;
