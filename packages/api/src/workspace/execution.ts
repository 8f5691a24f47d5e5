import { workspaceT } from "../realms/workspace";

export const executionRouter = workspaceT.router({});
