import { portalTimelineKinds } from "@ordinavo/policy";
import { describe, expect, it } from "vitest";
import { labelOfKind, portalKindsOf, portalTimelineGroupIds, portalTimelineGroups } from "./kinds";

describe("the portal timeline's kinds", () => {
  it("files every kind the policy lets the portal show under exactly one group, with a label", () => {
    const grouped = Object.values(portalTimelineGroups).flat();
    expect([...grouped].sort()).toEqual([...portalTimelineKinds].sort());
    expect(new Set(grouped).size).toBe(grouped.length);
    for (const kind of portalTimelineKinds) expect(labelOfKind[kind], kind).toBeDefined();
  });

  it("reads a group's kinds, or all of them", () => {
    expect(portalKindsOf("reports")).toEqual(["visit_report_published"]);
    expect(portalKindsOf().sort()).toEqual([...portalTimelineKinds].sort());
    expect(portalTimelineGroupIds).toEqual(["requests", "appointments", "reports", "follow_ups"]);
  });
});
