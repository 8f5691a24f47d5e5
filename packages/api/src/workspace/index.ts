import { workspaceT } from "../realms/workspace";
import { apiKeysRouter } from "./api-keys";
import { devRouter } from "./dev";
import { securityRouter } from "./security";
import { authRouter, sessionRouter } from "./session";
import { settingsRouter } from "./settings";
import { usersRouter } from "./users";

export const workspaceRouter = workspaceT.router({
  auth: authRouter,
  session: sessionRouter,
  users: usersRouter,
  apiKeys: apiKeysRouter,
  security: securityRouter,
  settings: settingsRouter,
  dev: devRouter,
});

export type WorkspaceRouter = typeof workspaceRouter;
