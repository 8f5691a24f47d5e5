import { workspaceT } from "../realms/workspace";
import { apiKeysRouter } from "./api-keys";
import { appointmentsRouter } from "./appointments";
import { boardRouter } from "./board";
import { contactsRouter } from "./contacts";
import { customersRouter } from "./customers";
import { devRouter } from "./dev";
import { internalNotesRouter } from "./internal-notes";
import { locationsRouter } from "./locations";
import { recurringRouter } from "./recurring";
import { routesRouter } from "./routes";
import { securityRouter } from "./security";
import { authRouter, sessionRouter } from "./session";
import { settingsRouter } from "./settings";
import { targetsRouter } from "./targets";
import { usersRouter } from "./users";

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
});

export type WorkspaceRouter = typeof workspaceRouter;
