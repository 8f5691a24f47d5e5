import { workspaceT } from "../realms/workspace";

export const auditRouter = workspaceT.router({});
