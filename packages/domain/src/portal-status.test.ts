import { describe, expect, it } from "vitest";
import {
  firstNameOf,
  portalAppointmentStatus,
  portalAppointmentStatuses,
  portalOpenTargetStatuses,
  portalWorkKind,
  portalWorkKinds,
  portalWorkStatus,
} from "./portal-status";
import { appointmentStatuses, targetSources, targetStatuses } from "./vocabulary";

describe("portal appointment statuses", () => {
  it.each([
    ["scheduled", "scheduled"],
    ["confirmed", "scheduled"],
    ["en_route", "on_the_way"],
    ["on_site", "in_progress"],
    ["in_progress", "in_progress"],
    ["completed", "done"],
    ["not_completed", "not_completed"],
    ["cancelled", "cancelled"],
    ["no_show", "missed"],
  ] as const)("%s reads as %s", (internal, shown) => {
    expect(portalAppointmentStatus(internal)).toBe(shown);
  });

  it("maps every internal status to a portal state, and uses every portal state", () => {
    const shown = appointmentStatuses.map(portalAppointmentStatus);
    for (const state of shown) expect(portalAppointmentStatuses).toContain(state);
    expect(new Set(shown)).toEqual(new Set(portalAppointmentStatuses));
  });
});

describe("portal open work", () => {
  it.each([
    ["open", "waiting"],
    ["planned", "planned"],
    ["in_progress", "in_progress"],
    ["done", null],
    ["cancelled", null],
  ] as const)("%s reads as %s", (internal, shown) => {
    expect(portalWorkStatus(internal)).toBe(shown);
  });

  it("counts exactly the statuses with a portal state as open", () => {
    expect(portalOpenTargetStatuses).toEqual(targetStatuses.filter((s) => portalWorkStatus(s) !== null));
    expect(portalOpenTargetStatuses).toEqual(["open", "planned", "in_progress"]);
  });
});

describe("first names", () => {
  it.each([
    ["Lucas Moreau", "Lucas"],
    ["  Léa   Chevalier ", "Léa"],
    ["Inès", "Inès"],
    ["", null],
    ["   ", null],
    [null, null],
  ])("%j → %j", (name, first) => {
    expect(firstNameOf(name)).toBe(first);
  });
});

describe("what the portal names work by", () => {
  it("names every kind of work without the office's title", () => {
    expect(targetSources.map((source) => [source, portalWorkKind(source)])).toEqual([
      ["manual", "service"],
      ["portal_request", "request"],
      ["import", "service"],
      ["follow_up", "follow_up"],
      ["recurring", "regular"],
    ]);
    for (const source of targetSources) expect(portalWorkKinds).toContain(portalWorkKind(source));
  });
});
