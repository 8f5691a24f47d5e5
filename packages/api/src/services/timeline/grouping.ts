import type { ObjectType, TimelineKind } from "@ordinavo/domain/vocabulary";
import { type PreviewIndex, previewKey } from "./hydrate";
import { generatedKinds } from "./kinds";

// Repeated generated entries: a recurring plan that generates twelve visits writes a "generated"
// and a "planned" entry for each. Consecutive entries of that kind for visits of one plan are shown
// as one ("12 recurring visits generated", with the visits' date range). Grouping only joins
// neighbours, so it never reorders the history, and the page's cursor is placed after a group's
// last entry (page.ts) so the next page never starts in the middle of one.

export interface EntryRow {
  id: string;
  kind: TimelineKind;
  objectType: ObjectType;
  objectId: string;
  locationId: string | null;
  occurredAt: Date;
  /** The time as the database has it (microseconds), for the cursor. */
  occurredAtText: string;
  actorType: string | null;
  actorId: string | null;
}

/** A run of entries shown as one item; `planId` is set for a run of one plan's generated visits. */
export interface Segment {
  rows: EntryRow[];
  planId: string | null;
}

/** The plan whose generated visit this entry is about, or null when it is not such an entry. */
export function generatedPlanOf(row: EntryRow, previews: PreviewIndex): string | null {
  if (!generatedKinds.includes(row.kind) || row.objectType !== "appointment") return null;
  const preview = previews.get(previewKey("appointment", row.objectId));
  return typeof preview === "object" ? (preview.planId ?? null) : null;
}

/** Splits visible rows (in history order) into items: single entries and runs of one plan. */
export function segment(rows: readonly EntryRow[], previews: PreviewIndex): Segment[] {
  const out: Segment[] = [];
  for (const row of rows) {
    const planId = generatedPlanOf(row, previews);
    const last = out.at(-1);
    if (planId && last?.planId === planId) last.rows.push(row);
    else out.push({ rows: [row], planId });
  }
  return out;
}

/** True when the entry is hidden from the viewer (the record exists but they may not see it). */
export const isHidden = (row: EntryRow, previews: PreviewIndex) =>
  previews.get(previewKey(row.objectType, row.objectId)) === "hidden";
