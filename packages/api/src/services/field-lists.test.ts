import { schema } from "@ordinavo/db";
import { columns, type FieldKind } from "@ordinavo/policy";
import { getTableColumns, type Table } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { ZContactView, ZCustomerView, ZLocationView } from "./customers/views";

// A kind's fields are declared in the database schema, named again by the policy (which decides
// who receives each one) and shaped by the service's view. These checks tie the three together:
// a column the policy does not classify, a policy field that no column holds, or a view field the
// policy never hands out fails here instead of silently vanishing from a screen.

const tables: { kind: FieldKind; table: Table; view?: z.ZodObject }[] = [
  { kind: "customer", table: schema.customers, view: ZCustomerView },
  { kind: "location", table: schema.locations, view: ZLocationView },
  { kind: "contact_person", table: schema.contactPersons, view: ZContactView },
  { kind: "internal_note", table: schema.internalNotes },
  { kind: "target", table: schema.targets },
  { kind: "appointment", table: schema.appointments },
  { kind: "recurring_plan", table: schema.recurringPlans },
  { kind: "visit_report", table: schema.visitReports },
  { kind: "external_reference", table: schema.externalReferences },
];

/** Stored helper columns (lowered search texts) are derived from other fields, never shown. */
const derived = (name: string) => name.startsWith("search");

describe.each(tables)("$kind: schema, policy and view agree", ({ kind, table, view }) => {
  const stored = Object.keys(getTableColumns(table)).filter((name) => !derived(name));
  const named: readonly string[] = columns[kind];

  it("the policy classifies every column, and names no column that does not exist", () => {
    expect([...named].sort()).toEqual([...stored].sort());
  });

  it.runIf(view)("the view shapes only fields the policy can hand out", () => {
    const shaped = Object.keys(view!.shape);
    expect(shaped.filter((field) => !named.includes(field))).toEqual([]);
  });
});
