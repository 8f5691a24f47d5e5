import type { StaffRole } from "@ordinavo/domain/vocabulary";
import { describe, expect, it } from "vitest";
import { type Actor, closedGates } from "./actors";
import { administers, type ScopedKind, scopedKinds, scopeOf, seesWholeTenant, staffGroupOf } from "./scopes";

const tenantId = "t-1";
const staff = (role: StaffRole): Actor => ({ kind: "staff", userId: `u-${role}`, tenantId, role });

describe("list scopes", () => {
  it.each(["tenant_admin", "manager", "dispatcher"] as const)("a %s lists the whole tenant", (role) => {
    for (const kind of ["customer", "location", "target", "appointment", "route"] as ScopedKind[]) {
      expect(scopeOf(staff(role), kind)).toEqual({ kind: "tenant" });
      expect(seesWholeTenant(staff(role), kind)).toBe(true);
    }
  });

  it("an employee lists their assigned work only", () => {
    for (const kind of [
      "customer",
      "location",
      "contact_person",
      "target",
      "appointment",
      "route",
    ] as ScopedKind[]) {
      expect(scopeOf(staff("employee"), kind)).toEqual({ kind: "assigned", employeeId: "u-employee" });
    }
  });

  it("a kind the role cannot read at all is an empty scope", () => {
    // Dispatchers do not read internal notes; employees only where the tenant allows it.
    expect(scopeOf(staff("dispatcher"), "internal_note")).toEqual({ kind: "none" });
    expect(scopeOf(staff("employee"), "internal_note", closedGates).kind).toBe("none");
    expect(
      scopeOf(staff("employee"), "internal_note", { ...closedGates, employeesSeeInternalNotes: true }).kind,
    ).toBe("assigned");
  });

  it("an integration lists what its scopes let it read, tenant-wide", () => {
    const key: Actor = {
      kind: "integration",
      apiKeyId: "k",
      tenantId,
      scopes: ["customers:read"],
      sourceSystem: null,
    };
    expect(scopeOf(key, "customer")).toEqual({ kind: "tenant" });
    expect(scopeOf(key, "appointment")).toEqual({ kind: "none" });
  });

  it("a portal user lists by their grants, and nothing without one", () => {
    const grants = [{ customerId: "c-1", locationId: null }];
    const portal: Actor = { kind: "portal", portalUserId: "p", tenantId, grants };
    const gates = { ...closedGates, portalEnabled: true };
    expect(scopeOf(portal, "customer", gates)).toEqual({ kind: "grants", grants });
    expect(scopeOf({ ...portal, grants: [] }, "customer", gates)).toEqual({ kind: "none" });
    expect(scopeOf(portal, "contact_person", gates)).toEqual({ kind: "none" });
  });

  it("an actor without a tenant lists nothing", () => {
    for (const kind of scopedKinds)
      expect(scopeOf({ ...staff("tenant_admin"), tenantId: "" }, kind).kind).toBe("none");
  });
});

describe("staff groups on the planning screens", () => {
  it("employees are field staff; every other role is office", () => {
    expect(staffGroupOf("employee", tenantId)).toBe("field");
    for (const role of ["tenant_admin", "manager", "dispatcher"] as const)
      expect(staffGroupOf(role, tenantId)).toBe("office");
  });
});

describe("the administering role", () => {
  it("is the tenant admin's alone", () => {
    expect(administers("tenant_admin")).toBe(true);
    for (const role of ["manager", "dispatcher", "employee"] as const) expect(administers(role)).toBe(false);
  });
});
