import { describe, expect, it } from "vitest";
import { project } from "./fields";
import { sampleRow, staff } from "./test-support";
import { unwritableVisitReportFields, writableVisitReportFields } from "./writes";

// A visit report's reviewer trail and who writes which of its fields. The reviewer ids are for
// the reviewing office: the report page names the reviewer only to readers who receive the id.

describe("visit report reviewer ids", () => {
  const seen = (role: Parameters<typeof staff>[0]) =>
    project(staff(role), "visit_report", sampleRow("visit_report"))!;

  it("go to admins and managers", () => {
    for (const role of ["tenant_admin", "manager"] as const) {
      expect(seen(role)).toHaveProperty("returnedById");
      expect(seen(role)).toHaveProperty("approvedById");
    }
  });

  it("are withheld from employees and dispatchers, and so is the author from dispatchers", () => {
    for (const role of ["employee", "dispatcher"] as const) {
      expect(seen(role)).not.toHaveProperty("returnedById");
      expect(seen(role)).not.toHaveProperty("approvedById");
    }
    expect(seen("dispatcher")).not.toHaveProperty("authorId");
    expect(seen("employee")).toHaveProperty("authorId");
  });
});

describe("writable visit report fields", () => {
  it("gives each role its list, and the refusal agrees with it", () => {
    expect(writableVisitReportFields(staff("tenant_admin"))).toContain("billingNote");
    expect(writableVisitReportFields(staff("employee"))).not.toContain("billingNote");
    expect(writableVisitReportFields(staff("dispatcher"))).toEqual([]);
    expect(writableVisitReportFields(staff("manager"))).toEqual([]);
    for (const role of ["tenant_admin", "manager", "dispatcher", "employee"] as const) {
      const actor = staff(role);
      const change = { visitReportId: "r-1", summary: "x", billingNote: "y", status: "approved" };
      const allowed = writableVisitReportFields(actor);
      expect(unwritableVisitReportFields(actor, change)).toEqual(
        Object.keys(change).filter((key) => key !== "visitReportId" && !(allowed as string[]).includes(key)),
      );
    }
  });
});
