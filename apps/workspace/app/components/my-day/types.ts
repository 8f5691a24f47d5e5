import type { WorkspaceRouter } from "@ordinavo/api";
import type { inferRouterOutputs } from "@trpc/server";

// Mobile execution's shapes as the API sends them (Dates stay Dates: superjson in the browser,
// single fetch in loaders).

type Outputs = inferRouterOutputs<WorkspaceRouter>;

/** `execution.myDay`: the signed-in person's visits of one day, in route order. */
export type MyDay = Outputs["execution"]["myDay"];
export type VisitCard = MyDay["visits"][number];
export type VisitContact = NonNullable<VisitCard["contact"]>;
/** `execution.visit`: one visit for the execution page. */
export type VisitView = Outputs["execution"]["visit"];
export type VisitUpdate = VisitView["updates"][number];
