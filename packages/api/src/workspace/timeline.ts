import { workspaceT } from "../realms/workspace";

export const timelineRouter = workspaceT.router({});
