import { workspaceT } from "../realms/workspace";

export const reportsRouter = workspaceT.router({});
