import type { z } from "zod";

/** A problem with one field, found by a rule that looks at several fields together. */
export type FieldIssue = { path: string; message: string };

/** Reports a rule's issue on the parse context, so it reaches the form next to its field. */
export function report(ctx: z.RefinementCtx, issue: FieldIssue | null): void {
  if (!issue) return;
  const path = issue.path.split(".").map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  ctx.addIssue({ code: "custom", message: issue.message, path });
}
