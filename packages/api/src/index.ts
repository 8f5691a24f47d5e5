export { connectCaller, portalCaller, workspaceCaller } from "./callers";
export { type ConnectRouter, connectRouter } from "./connect";
export type { ApiServices, RequestFacts } from "./context";
export { AppError, type AppErrorCode, appErrorCodes, describeError, type ErrorData } from "./errors";
export { handleConnectRequest, handlePortalRequest, handleWorkspaceRequest } from "./http";
export { type PortalRouter, portalRouter } from "./portal";
export { openConnectInProcess } from "./script";
export type { Access, Meta } from "./trpc";
export { type WorkspaceRouter, workspaceRouter } from "./workspace";
