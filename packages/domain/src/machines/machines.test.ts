import { describe, expect, it } from "vitest";
import { machines } from "./index";
import { machineEntities, type StatusMachine, TransitionError } from "./machine";

// The edges every machine must have, written out by hand. Any status pair not listed here must be
// refused, so adding or removing an edge in the code without changing this table fails a test.
const expectedEdges: Record<keyof typeof machines, readonly string[]> = {
  target: [
    "open → planned",
    "open → done",
    "open → cancelled",
    "planned → open",
    "planned → in_progress",
    "planned → cancelled",
    "in_progress → done",
    "in_progress → open",
    "cancelled → open",
  ],
  appointment: [
    "scheduled → confirmed",
    "scheduled → en_route",
    "scheduled → on_site",
    "scheduled → cancelled",
    "scheduled → no_show",
    "confirmed → scheduled",
    "confirmed → en_route",
    "confirmed → on_site",
    "confirmed → cancelled",
    "confirmed → no_show",
    "en_route → on_site",
    "en_route → scheduled",
    "en_route → cancelled",
    "en_route → no_show",
    "on_site → in_progress",
    "on_site → completed",
    "on_site → not_completed",
    "in_progress → completed",
    "in_progress → not_completed",
  ],
  visit_report: ["draft → submitted", "submitted → approved", "submitted → returned", "returned → submitted"],
  portal_request: [
    "submitted → in_review",
    "in_review → accepted",
    "in_review → declined",
    "accepted → planned",
    "accepted → completed",
    "planned → accepted",
    "planned → completed",
  ],
  import_job: [
    "pending → validating",
    "pending → cancelled",
    "validating → running",
    "validating → failed",
    "validating → cancelled",
    "running → completed",
    "running → completed_with_warnings",
    "running → failed",
    "running → cancelled",
  ],
  webhook_delivery: [
    "pending → delivering",
    "delivering → succeeded",
    "delivering → retrying",
    "delivering → failed",
    "retrying → delivering",
  ],
};

const expectedFinal: Record<keyof typeof machines, readonly string[]> = {
  target: ["done"],
  appointment: ["completed", "not_completed", "cancelled", "no_show"],
  visit_report: ["approved"],
  portal_request: ["declined", "completed"],
  import_job: ["completed", "completed_with_warnings", "failed", "cancelled"],
  webhook_delivery: ["succeeded", "failed"],
};

it("has a machine for every entity", () => {
  expect(Object.keys(machines).sort()).toEqual([...machineEntities].sort());
});

describe.each(machineEntities)("%s machine", (entity) => {
  const machine = machines[entity] as StatusMachine<string>;
  const edges = new Set(expectedEdges[entity]);
  const pairs = machine.statuses.flatMap((from) => machine.statuses.map((to) => [from, to] as const));

  it("expected table names only known statuses", () => {
    for (const edge of edges) {
      const [from, to] = edge.split(" → ");
      expect(machine.statuses).toContain(from);
      expect(machine.statuses).toContain(to);
    }
  });

  it.each(pairs)("%s → %s", (from, to) => {
    const allowed = edges.has(`${from} → ${to}`);
    expect(machine.canTransition(from, to)).toBe(allowed);
    if (allowed) {
      expect(() => machine.assertTransition(from, to)).not.toThrow();
    } else {
      const error = catchError(() => machine.assertTransition(from, to));
      expect(error).toBeInstanceOf(TransitionError);
      expect(error).toMatchObject({ entity, from, to });
    }
  });

  it.each(machine.statuses)("next statuses of %s", (from) => {
    const expected = machine.statuses.filter((to) => edges.has(`${from} → ${to}`));
    expect([...machine.nextStatuses(from)].sort()).toEqual(expected.sort());
    expect(machine.isFinal(from)).toBe(expectedFinal[entity].includes(from));
  });

  it("refuses statuses it does not know", () => {
    expect(machine.canTransition("bogus", machine.statuses[0]!)).toBe(false);
    expect(machine.nextStatuses("__proto__")).toEqual([]);
  });
});

describe("TransitionError", () => {
  it("reads as a sentence", () => {
    const error = catchError(() => machines.visit_report.assertTransition("approved", "draft"));
    expect(error).toBeInstanceOf(TransitionError);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe("A visit report cannot go from approved to draft");
    expect(error).toMatchObject({
      name: "TransitionError",
      entity: "visit_report",
      from: "approved",
      to: "draft",
    });
  });

  it("spells statuses with spaces", () => {
    const error = catchError(() => machines.appointment.assertTransition("completed", "on_site"));
    expect((error as Error).message).toBe("An appointment cannot go from completed to on site");
  });
});

function catchError(run: () => void): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("Expected the call to throw");
}
