import type { Transaction } from "@ordinavo/db";
import type { ObjectType } from "@ordinavo/domain/vocabulary";
import { project } from "@ordinavo/policy";
import type { StaffContext } from "../context";
import type { EntryRow, Segment } from "./grouping";
import { loadPreviews, type PreviewIndex, previewKey } from "./hydrate";
import { generatedKinds, recordedBy, stepPersonShown } from "./kinds";
import { type ActorRef, actorNames } from "./people";
import type { TimelineItem } from "./views";

// Turns a page's segments into the History's items: what (the record's preview), who (the entry's
// actor, or for older entries the person the record names for that step, in both cases only where
// the viewer may see that person on the record), where and when.

export async function shapeItems(
  tx: Transaction,
  ctx: StaffContext,
  segments: readonly Segment[],
  previews: PreviewIndex,
): Promise<TimelineItem[]> {
  const grouped = (s: Segment) => s.planId !== null && s.rows.length > 1;
  await loadPreviews(
    tx,
    ctx,
    [
      ...segments
        .filter(grouped)
        .map((s) => ({ objectType: "recurring_plan" as const, objectId: s.planId! })),
      ...segments.flatMap((s) =>
        s.rows[0]!.locationId ? [{ objectType: "location" as const, objectId: s.rows[0]!.locationId }] : [],
      ),
    ],
    previews,
  );
  const previewOf = (type: ObjectType, id: string) => {
    const found = previews.get(previewKey(type, id));
    return typeof found === "object" ? found : null;
  };

  const actorOf = (row: EntryRow): ActorRef | null => {
    // A step whose person the viewer's view of the record leaves out names nobody (kinds.ts).
    if (!stepPersonShown(ctx, row)) return null;
    // The entry's own actor, as the viewer's projection of the entry carries it.
    const seen = project(ctx.actor, "timeline_entry", row, ctx.gates);
    if (seen?.actorType) return { type: seen.actorType as ActorRef["type"], id: seen.actorId ?? null };
    const preview = previewOf(row.objectType, row.objectId);
    const step = recordedBy[row.kind];
    const person = step ? preview?.people[step] : null;
    if (person) return { type: "staff", id: person };
    // Generated visits without a person behind them were made by the system.
    if (preview?.planId && generatedKinds.includes(row.kind)) return { type: "system", id: null };
    return null;
  };
  const assigneeOf = (row: EntryRow): ActorRef | null => {
    const id = previewOf(row.objectType, row.objectId)?.people.assignee;
    return id ? { type: "staff", id } : null;
  };
  const heads = segments.map((s) => s.rows[0]!);
  const nameOf = await actorNames(tx, ctx, [...heads.map(actorOf), ...heads.map(assigneeOf)]);

  const location = (id: string | null) => {
    if (!id) return null;
    const place = previewOf("location", id);
    return place ? { id, name: place.title, href: place.href ?? `/locations/${id}` } : null;
  };

  const objectOf = (row: EntryRow): TimelineItem["object"] => {
    const found = previews.get(previewKey(row.objectType, row.objectId));
    if (found === "gone" || found === "hidden" || found === undefined) return null;
    const base = { type: row.objectType, id: row.objectId };
    if (found === "undescribed") {
      return {
        ...base,
        title: null,
        status: null,
        start: null,
        end: null,
        due: null,
        excerpt: null,
        assignee: null,
        href: null,
      };
    }
    return {
      ...base,
      title: found.title,
      status: found.status,
      start: found.start,
      end: found.end,
      due: found.due,
      excerpt: found.excerpt,
      assignee: nameOf(assigneeOf(row))?.name ?? null,
      href: found.href,
    };
  };

  return segments.map((s): TimelineItem => {
    const head = s.rows[0]!;
    const common = {
      id: head.id,
      occurredAt: head.occurredAt,
      location: location(head.locationId),
      actor: nameOf(actorOf(head)),
    };
    if (!grouped(s)) return { ...common, kind: head.kind, object: objectOf(head), group: null };
    const visits = [...new Set(s.rows.map((row) => row.objectId))];
    if (visits.length === 1) {
      // One generated visit told twice ("generated", then "planned"): one entry about that visit.
      const generated = s.rows.find((row) => row.kind === "recurring_visit_generated") ?? head;
      return { ...common, kind: generated.kind, object: objectOf(generated), group: null };
    }
    const starts = visits
      .map((id) => previewOf("appointment", id)?.start)
      .filter((start): start is Date => start instanceof Date)
      .sort((a, b) => a.getTime() - b.getTime());
    const plan = previewOf("recurring_plan", s.planId!);
    return {
      ...common,
      kind: "recurring_visit_generated",
      object: plan
        ? { ...objectOf({ ...head, objectType: "recurring_plan", objectId: s.planId! })!, assignee: null }
        : null,
      group: {
        visits: visits.length,
        entries: s.rows.length,
        firstVisit: starts[0] ?? null,
        lastVisit: starts.at(-1) ?? null,
        since: s.rows.at(-1)!.occurredAt,
        plan: plan ? { id: s.planId!, title: plan.title, href: plan.href } : null,
      },
    };
  });
}
