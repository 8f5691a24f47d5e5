import { schema, withTenant } from "@ordinavo/db";
import type { VisitReportStatus } from "@ordinavo/domain";
import { and, asc, desc, eq, inArray, or, type SQL, sql } from "drizzle-orm";
import { attachmentsFor } from "../attachments/list";
import type { StaffContext } from "../context";
import { cursorCodec, keysetPage } from "../cursor";
import { seesAll } from "../scope";
import { contextOf, reportsWithContext } from "./context-rows";
import type { ReportQueueInput } from "./inputs";
import { reportFacts } from "./load";
import { reportCan, reportView, reviewsReports } from "./views";

// The review queue and "My reports". Reviewers see submitted reports, oldest first: the one
// waiting longest is on top. Dispatchers and managers without review rights see the same list
// read-only. Employees see their own reports that are not yet approved, newest first.

/** The reports an employee is still working on or waiting about. */
const ownOpenStatuses: readonly VisitReportStatus[] = ["draft", "returned", "submitted"];

const cursor = cursorCodec("timestamp", "uuid");

export function reportQueue(ctx: StaffContext, input: ReportQueueInput) {
  return withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const r = schema.visitReports;
    const a = schema.appointments;
    // Reports go with their visits: whoever sees every appointment sees every report; anyone else
    // sees their own (the policy's list scopes have no kind of their own for reports).
    const tenantWide = seesAll(ctx, "appointment");
    const mode = tenantWide ? (reviewsReports(ctx) ? "review" : "readOnly") : "mine";
    const status = input.status ?? (tenantWide ? "submitted" : null);
    // The waiting queue runs oldest submission first; every other list shows the latest change first.
    const oldestFirst = tenantWide && status === "submitted";
    const sortColumn = oldestFirst ? r.submittedAt : r.updatedAt;
    const after = input.cursor ? cursor.decode(input.cursor, "cursor") : null;
    const keyset: SQL | undefined = after
      ? oldestFirst
        ? sql`(${sortColumn}, ${r.id}) > (${after[0]}::timestamptz, ${after[1]}::uuid)`
        : sql`(${sortColumn}, ${r.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)`
      : undefined;
    const own = tenantWide
      ? undefined
      : or(eq(r.authorId, ctx.actor.userId), eq(a.assignedEmployeeId, ctx.actor.userId));
    const rows = await reportsWithContext(
      tx,
      and(
        eq(r.tenantId, ctx.tenantId),
        status ? eq(r.status, status) : inArray(r.status, [...ownOpenStatuses]),
        own,
        keyset,
      ),
      sortColumn,
    )
      .orderBy(...(oldestFirst ? [asc(sortColumn), asc(r.id)] : [desc(sortColumn), desc(r.id)]))
      .limit(input.limit + 1);
    const { page, nextCursor } = keysetPage(rows, input.limit, (last) =>
      cursor.encode([last.sortAt, last.row.id]),
    );
    const files = await attachmentsFor(
      tx,
      ctx,
      "visit_report",
      page.map((found) => found.row.id),
    );
    return {
      mode,
      status,
      items: page.map((found) => {
        const facts = reportFacts(found.row, found.assignedEmployeeId);
        const report = reportView(ctx.actor, found.row, ctx.gates);
        return {
          report,
          context: contextOf(ctx, found, report),
          photos: (files.get(found.row.id) ?? []).filter((file) => file.isImage),
          can: reportCan(ctx, facts),
        };
      }),
      nextCursor,
    } as const;
  });
}
