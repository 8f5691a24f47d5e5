import type { Transaction } from "@ordinavo/db";
import type { ObjectType } from "@ordinavo/domain/vocabulary";
import type { StaffContext } from "../context";

// What the History shows of the record behind an entry. A preview is built only from the viewer's
// projection of that record (the policy's field lists), after the record's own object check: a
// dispatcher gets a report's status but not its text, a reader without note access no note at all.

/** The people a record names for its steps (ids from the viewer's projection only). */
export interface RecordPeople {
  createdBy?: string | null;
  author?: string | null;
  approvedBy?: string | null;
  returnedBy?: string | null;
  publishedBy?: string | null;
  reviewedBy?: string | null;
  assignee?: string | null;
}

export interface Preview {
  title: string | null;
  /** The record's status, in staff words. */
  status: string | null;
  /** A visit's planned time. */
  start: Date | null;
  end: Date | null;
  /** A due date (YYYY-MM-DD). */
  due: string | null;
  /** A short piece of text the viewer may read on the record itself. */
  excerpt: string | null;
  href: string | null;
  people: RecordPeople;
  /** For visits a recurring plan generated: the plan (groups repeated generated entries). */
  planId?: string | null;
}

/** Per id: the preview, "hidden" when the viewer may not see the record; no key: the record is gone. */
export type Previews = Map<string, Preview | "hidden">;

export type PreviewLoader = (tx: Transaction, ctx: StaffContext, ids: string[]) => Promise<Previews>;

export const emptyPreview: Preview = {
  title: null,
  status: null,
  start: null,
  end: null,
  due: null,
  excerpt: null,
  href: null,
  people: {},
};

/** The first words of a text, on one line (the full text stays on the record's own page). */
export function excerpt(text: string | null | undefined, max = 140): string | null {
  if (!text) return null;
  const line = text.replace(/\s+/g, " ").trim();
  if (!line) return null;
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line;
}

/** Where each kind of record is shown in the workspace. */
export const hrefOf: Partial<Record<ObjectType, (id: string) => string>> = {
  customer: (id) => `/customers/${id}`,
  location: (id) => `/locations/${id}`,
  target: (id) => `/targets/${id}`,
  appointment: (id) => `/appointments/${id}`,
  recurring_plan: (id) => `/recurring/${id}`,
  visit_report: (id) => `/reports/${id}`,
};

/** A projected value, or null when the projection left it out. */
export const field = <T>(value: T | undefined): T | null => (value === undefined ? null : value);
