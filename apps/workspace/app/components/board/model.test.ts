import { describe, expect, it } from "vitest";
import { boardModel, filterBacklog } from "./model";
import type { BoardData, RawAppointment } from "./types";

const paris = "Europe/Paris";
const viewer = {
  userId: "u-ines",
  movableStatuses: ["scheduled", "confirmed"],
  busyStatuses: ["scheduled", "confirmed", "en_route", "on_site", "completed"],
};

function appointment(change: Partial<RawAppointment>): RawAppointment {
  return {
    id: "a1",
    targetId: "t1",
    targetTitle: "Boiler service",
    customerName: "Boulangerie Martin",
    locationName: "Shop",
    city: "Lyon",
    assignedEmployeeId: "u-ines",
    // 09:00–10:00 in Paris (winter time).
    plannedStart: new Date("2026-12-08T08:00:00Z"),
    plannedEnd: new Date("2026-12-08T09:00:00Z"),
    status: "scheduled",
    fixedTime: false,
    recurring: false,
    overlaps: false,
    ...change,
  };
}

function board(appointments: RawAppointment[], change: Partial<BoardData> = {}): BoardData {
  return {
    timeZone: paris,
    days: ["2026-12-07", "2026-12-08", "2026-12-09", "2026-12-10", "2026-12-11", "2026-12-12", "2026-12-13"],
    employees: [{ id: "u-ines", name: "Inès Faure", role: "employee", group: "field" }],
    appointments,
    backlog: [],
    seesEveryone: true,
    can: { plan: true },
    ...change,
  } as BoardData;
}

describe("the board's model", () => {
  it("places an appointment by its wall-clock time in the workspace's zone", () => {
    const [a] = boardModel(board([appointment({})]), viewer, "week").appointments;
    expect(a).toMatchObject({
      day: "2026-12-08",
      startMinute: 9 * 60,
      endMinute: 10 * 60,
      timeText: "09:00–10:00",
    });
    expect(a?.statusText).toBe("Scheduled");
  });

  it("lets the viewer move only what is still movable, and only with the right to plan", () => {
    const started = appointment({ id: "a2", status: "en_route" });
    const model = boardModel(board([appointment({}), started]), viewer, "week");
    expect(model.appointments.map((a) => a.movable)).toEqual([true, false]);
    const readOnly = boardModel(
      board([appointment({})], { can: { plan: false } } as Partial<BoardData>),
      viewer,
      "week",
    );
    expect(readOnly.appointments[0]?.movable).toBe(false);
  });

  it("marks changes on their way, and work being planned, as pending", () => {
    const ghost = appointment({ id: "ghost:t9", targetId: "t9" });
    const model = boardModel(board([appointment({}), ghost]), viewer, "week", new Set(["a1"]));
    expect(model.appointments.map((a) => [a.pending, a.movable])).toEqual([
      [true, true],
      [true, false],
    ]);
    expect(model.appointments[1]?.statusText).toBe("Planning…");
  });

  it("shows work that began the evening before from midnight of the first day", () => {
    const overnight = appointment({
      plannedStart: new Date("2026-12-06T21:00:00Z"), // Sun 22:00 in Paris
      plannedEnd: new Date("2026-12-07T01:00:00Z"), // Mon 02:00
    });
    const [a] = boardModel(board([overnight]), viewer, "week").appointments;
    expect(a).toMatchObject({ day: "2026-12-07", startMinute: 0, endMinute: 2 * 60 });
  });

  it("gives the unassigned lane to those who see everyone, and a row to former members", () => {
    const left = appointment({ id: "a3", assignedEmployeeId: "u-gone" });
    const rows = boardModel(board([appointment({}), left]), viewer, "week").rows;
    expect(rows).toEqual([
      { id: null, name: "Unassigned" },
      { id: "u-ines", name: "Inès Faure", isMe: true },
      { id: "u-gone", name: "Former member" },
    ]);
    const own = boardModel(board([appointment({})], { seesEveryone: false }), viewer, "week").rows;
    expect(own.map((r) => r.id)).toEqual(["u-ines"]);
  });

  it("widens the day view's hours to the work of the day", () => {
    const early = appointment({
      plannedStart: new Date("2026-12-08T04:30:00Z"), // 05:30
      plannedEnd: new Date("2026-12-08T19:15:00Z"), // 20:15
    });
    expect(boardModel(board([early], { days: ["2026-12-08"] }), viewer, "day").range).toEqual({
      from: 5 * 60,
      to: 21 * 60,
    });
    expect(boardModel(board([], { days: ["2026-12-08"] }), viewer, "day").range).toEqual({
      from: 7 * 60,
      to: 19 * 60,
    });
  });
});

describe("the backlog filter", () => {
  const items = [
    { title: "Window cleaning", customerName: "Lumière Coworking", locationName: "Confluence", city: "Lyon" },
    { title: "Boiler service", customerName: "Boulangerie Martin", locationName: null, city: "Villeurbanne" },
    { title: "Carpet shampooing", customerName: "Cabinet Foch", locationName: "Cabinet", city: null },
  ];

  it("keeps everything when empty", () => {
    expect(filterBacklog(items, "  ")).toHaveLength(3);
  });

  it("finds words in the title, the customer, the location and the city, ignoring case and accents", () => {
    expect(filterBacklog(items, "lumiere").map((i) => i.title)).toEqual(["Window cleaning"]);
    expect(filterBacklog(items, "VILLEURBANNE").map((i) => i.title)).toEqual(["Boiler service"]);
    expect(filterBacklog(items, "confluence").map((i) => i.title)).toEqual(["Window cleaning"]);
  });

  it("needs every word to match", () => {
    expect(filterBacklog(items, "cleaning lyon").map((i) => i.title)).toEqual(["Window cleaning"]);
    expect(filterBacklog(items, "cleaning villeurbanne")).toEqual([]);
  });
});
