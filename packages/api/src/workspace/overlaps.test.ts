import { describe, expect, it } from "vitest";
import { overlappingIds } from "../services/appointments/conflicts";

const at = (hhmm: string) => new Date(`2027-03-01T${hhmm}:00Z`);
const visit = (id: string, employee: string | null, from: string, to: string, status = "scheduled") => ({
  id,
  assignedEmployeeId: employee,
  plannedStart: at(from),
  plannedEnd: at(to),
  status,
});

describe("overlapping appointments on the board", () => {
  it("marks both visits of a person that share time, and only those", () => {
    const found = overlappingIds([
      visit("a", "ana", "08:00", "09:00"),
      visit("b", "ana", "08:30", "09:30"),
      visit("c", "ana", "09:30", "10:00"), // starts when b ends: back to back is fine
      visit("d", "ben", "08:00", "09:00"), // another person
    ]);
    expect([...found].sort()).toEqual(["a", "b"]);
  });

  it("finds a short visit inside a long one that is not its neighbour", () => {
    const found = overlappingIds([
      visit("long", "ana", "08:00", "12:00"),
      visit("x", "ana", "09:00", "09:30"),
      visit("y", "ana", "10:00", "10:30"),
    ]);
    expect([...found].sort()).toEqual(["long", "x", "y"]);
  });

  it("ignores unassigned, cancelled and no-show visits", () => {
    const found = overlappingIds([
      visit("a", null, "08:00", "09:00"),
      visit("b", null, "08:00", "09:00"),
      visit("c", "ana", "08:00", "09:00"),
      visit("d", "ana", "08:00", "09:00", "cancelled"),
      visit("e", "ana", "08:30", "09:00", "no_show"),
    ]);
    expect(found.size).toBe(0);
  });
});
