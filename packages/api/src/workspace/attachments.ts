import { workspaceT } from "../realms/workspace";

export const attachmentsRouter = workspaceT.router({});
