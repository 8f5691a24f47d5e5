import { describe, expect, it } from "vitest";
import { errorPaths, ids } from "../test-support";
import { ZPublishVisitReportInput } from "./visit-report";

describe("publishing a visit report", () => {
  it.each([
    [{ portalTitle: "Maintenance done", portalSummary: "All good." }, []],
    [{ portalTitle: "Maintenance done", portalSummary: "All good.", portalMessage: "" }, []],
    [{ portalTitle: "", portalSummary: "All good." }, ["portalTitle"]],
    [{ portalTitle: "t".repeat(201), portalSummary: "All good." }, ["portalTitle"]],
    [{ portalTitle: "Done", portalSummary: "s".repeat(5001) }, ["portalSummary"]],
    [{ portalTitle: "Done", portalSummary: "Ok", portalMessage: "m".repeat(2001) }, ["portalMessage"]],
  ])("publish %j → errors at %j", (change, paths) => {
    expect(errorPaths(ZPublishVisitReportInput, { visitReportId: ids.b, ...change })).toEqual(paths);
  });
});
