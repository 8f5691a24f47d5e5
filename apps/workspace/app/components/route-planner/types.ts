import type { WorkspaceRouter } from "@ordinavo/api";
import type { inferRouterOutputs } from "@trpc/server";

/** An employee's day as `routes.day` answers it. */
export type RouteView = inferRouterOutputs<WorkspaceRouter>["routes"]["day"];
export type Stop = RouteView["stops"][number];
