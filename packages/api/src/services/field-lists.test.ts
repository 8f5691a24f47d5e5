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

const tables: { kind: FieldKind; table: Table }[] = [
  { kind: "customer", table: schema.customers },
  { kind: "location", table: schema.locations },
  { kind: "contact_person", table: schema.contactPersons },
  { kind: "internal_note", table: schema.internalNotes },
  { kind: "target", table: schema.targets },
  { kind: "appointment", table: schema.appointments },
  { kind: "recurring_plan", table: schema.recurringPlans },
  { kind: "visit_report", table: schema.visitReports },
  { kind: "external_reference", table: schema.externalReferences },
  { kind: "webhook_subscription", table: schema.webhookSubscriptions },
];

/** Stored helper columns (lowered search texts) are derived from other fields, never shown. */
const derived = (name: string) => name.startsWith("search");

const views: { kind: FieldKind; view: z.ZodObject }[] = [
  { kind: "customer", view: ZCustomerView },
  { kind: "location", view: ZLocationView },
  { kind: "contact_person", view: ZContactView },
];

describe("schema and policy agree", () => {
  it.each(tables)(
    "$kind: the policy classifies every column, and names none that does not exist",
    ({ kind, table }) => {
      const stored = Object.keys(getTableColumns(table)).filter((name) => !derived(name));
      expect([...columns[kind]].sort()).toEqual([...stored].sort());
    },
  );

  it.each(views)("$kind: the view shapes only fields the policy can hand out", ({ kind, view }) => {
    const named: readonly string[] = columns[kind];
    expect(Object.keys(view.shape).filter((field) => !named.includes(field))).toEqual([]);
  });
});
