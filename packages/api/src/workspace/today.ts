import { workspaceT } from "../realms/workspace";

export const todayRouter = workspaceT.router({});
