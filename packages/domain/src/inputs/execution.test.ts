import { describe, expect, it } from "vitest";
import { errorPaths, ids, messagesAt, parseValid } from "../test-support";
import { maxAttachmentBytes, ZAttachmentMetadataInput, ZCreateAttachmentInput } from "./attachment";
import { ZCreateMobileUpdateInput } from "./mobile-update";
import {
  checkFollowUp,
  ZCreateVisitReportInput,
  ZPublishVisitReportInput,
  ZReturnVisitReportInput,
  ZUpdateVisitReportInput,
} from "./visit-report";

describe("ZCreateMobileUpdateInput", () => {
  const base = { appointmentId: ids.a, recordedAt: "2025-03-03T09:12:00+01:00" };

  it.each([
    ["status change", { kind: "status_change", status: "on_site" }, []],
    ["status change with a note", { kind: "status_change", status: "on_site", body: "Gate was open" }, []],
    ["status change without status", { kind: "status_change" }, ["status"]],
    ["status change to an unknown status", { kind: "status_change", status: "lunch" }, ["status"]],
    ["comment", { kind: "comment", body: "Customer asked for an invoice copy" }, []],
    ["blank comment", { kind: "comment", body: "  " }, ["body"]],
    ["comment with a status", { kind: "comment", body: "Hi", status: "on_site" }, ["status"]],
    ["problem report without text", { kind: "problem_report" }, ["body"]],
    ["long problem report", { kind: "problem_report", body: "p".repeat(2001) }, ["body"]],
    ["unknown kind", { kind: "photo" }, ["kind"]],
  ])("%s → errors at %j", (_, change, paths) => {
    expect(errorPaths(ZCreateMobileUpdateInput, { ...base, ...change })).toEqual(paths);
  });

  it("explains the missing parts", () => {
    expect(messagesAt(ZCreateMobileUpdateInput, { ...base, kind: "status_change" }, "status")).toEqual([
      "Choose the new status",
    ]);
    expect(messagesAt(ZCreateMobileUpdateInput, { ...base, kind: "problem_report" }, "body")).toEqual([
      "Describe the problem",
    ]);
  });

  it.each([
    [{ latitude: 48.8, longitude: 2.3 }, []],
    [{ latitude: 48.8, longitude: 2.3, accuracyMeters: 12.5 }, []],
    [{ latitude: 48.8, longitude: 2.3, accuracyMeters: 10001 }, ["position.accuracyMeters"]],
    [{ latitude: 48.8, longitude: 2.3, accuracyMeters: -1 }, ["position.accuracyMeters"]],
    [{ latitude: 95, longitude: 2.3 }, ["position.latitude"]],
    [{ latitude: 48.8 }, ["position.longitude"]],
  ])("position %j → errors at %j", (position, paths) => {
    expect(
      errorPaths(ZCreateMobileUpdateInput, { ...base, kind: "comment", body: "Here", position }),
    ).toEqual(paths);
  });

  it("reads the recording time", () => {
    const update = parseValid(ZCreateMobileUpdateInput, { ...base, kind: "comment", body: "Here" });
    expect(update.recordedAt).toEqual(new Date("2025-03-03T08:12:00Z"));
    expect(
      errorPaths(ZCreateMobileUpdateInput, { ...base, kind: "comment", body: "x", recordedAt: "now" }),
    ).toEqual(["recordedAt"]);
  });
});

describe("visit reports", () => {
  const valid = {
    appointmentId: ids.a,
    title: "Quarterly maintenance",
    result: "completed",
    summary: "Replaced filters, checked pressure.",
    followUpRequired: false,
    billable: true,
  };

  it("parses a complete report", () => {
    expect(
      parseValid(ZCreateVisitReportInput, { ...valid, problems: "", billingNote: "2 filters" }),
    ).toMatchObject({
      problems: null,
      billingNote: "2 filters",
    });
  });

  it.each([
    [
      "follow-up without details",
      { followUpRequired: true },
      "followUpDetails",
      "Describe the follow-up that is needed",
    ],
    [
      "follow-up with blank details",
      { followUpRequired: true, followUpDetails: " " },
      "followUpDetails",
      "Describe the follow-up that is needed",
    ],
    ["unknown result", { result: "great" }, "result", "Choose the result of the visit"],
    [
      "summary too long",
      { summary: "s".repeat(10001) },
      "summary",
      "Summary must be at most 10000 characters",
    ],
    [
      "problems too long",
      { problems: "p".repeat(10001) },
      "problems",
      "Problems must be at most 10000 characters",
    ],
    [
      "billing note too long",
      { billingNote: "b".repeat(2001) },
      "billingNote",
      "Billing note must be at most 2000 characters",
    ],
    ["billable missing", { billable: undefined }, "billable", "Billable must be yes or no"],
  ])("%s", (_, change, path, message) => {
    const input = { ...valid, ...change };
    expect(errorPaths(ZCreateVisitReportInput, input)).toEqual([path]);
    expect(messagesAt(ZCreateVisitReportInput, input, path)).toEqual([message]);
  });

  it("shows the follow-up error together with other field errors", () => {
    expect(errorPaths(ZCreateVisitReportInput, { ...valid, title: "", followUpRequired: true })).toEqual([
      "followUpDetails",
      "title",
    ]);
  });

  it.each([
    [{ followUpRequired: true }, []],
    [{ followUpRequired: true, followUpDetails: "" }, ["followUpDetails"]],
    [{ followUpDetails: null }, []],
    [{ followUpRequired: true, followUpDetails: "Order part" }, []],
  ])("update %j → errors at %j", (change, paths) => {
    expect(errorPaths(ZUpdateVisitReportInput, { visitReportId: ids.b, ...change })).toEqual(paths);
  });

  it("checkFollowUp checks a merged report", () => {
    expect(checkFollowUp({ followUpRequired: true, followUpDetails: null })?.path).toBe("followUpDetails");
    expect(checkFollowUp({ followUpRequired: false, followUpDetails: null })).toBeNull();
  });

  it.each([
    [{ reason: "Add the serial number" }, []],
    [{ reason: " " }, ["reason"]],
    [{ reason: "r".repeat(2001) }, ["reason"]],
  ])("return %j → errors at %j", (change, paths) => {
    expect(errorPaths(ZReturnVisitReportInput, { visitReportId: ids.b, ...change })).toEqual(paths);
  });

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

describe("attachment metadata", () => {
  const valid = {
    fileName: "boiler photo.JPG",
    contentType: "Image/JPEG",
    sizeBytes: 2048,
    checksumSha256: "A".repeat(64),
  };

  it("normalises type and checksum", () => {
    expect(parseValid(ZAttachmentMetadataInput, valid)).toEqual({
      ...valid,
      contentType: "image/jpeg",
      checksumSha256: "a".repeat(64),
    });
  });

  it.each([
    ["slash in name", { fileName: "../etc/passwd" }, "fileName"],
    ["backslash in name", { fileName: "c:\\boot.ini" }, "fileName"],
    ["control character in name", { fileName: "a\u0007b.txt" }, "fileName"],
    ["dots only", { fileName: ".." }, "fileName"],
    ["name too long", { fileName: `${"n".repeat(252)}.pdf` }, "fileName"],
    ["type without subtype", { contentType: "image" }, "contentType"],
    ["type with parameters", { contentType: "text/plain; charset=utf-8" }, "contentType"],
    ["empty file", { sizeBytes: 0 }, "sizeBytes"],
    ["too large", { sizeBytes: maxAttachmentBytes + 1 }, "sizeBytes"],
    ["short checksum", { checksumSha256: "ab".repeat(31) }, "checksumSha256"],
    ["checksum not hex", { checksumSha256: "g".repeat(64) }, "checksumSha256"],
  ])("%s", (_, change, path) => {
    expect(errorPaths(ZAttachmentMetadataInput, { ...valid, ...change })).toEqual([path]);
  });

  it("allows exactly 25 MiB", () => {
    expect(errorPaths(ZAttachmentMetadataInput, { ...valid, sizeBytes: 25 * 1024 * 1024 })).toEqual([]);
  });

  it("names the owner on create", () => {
    expect(
      errorPaths(ZCreateAttachmentInput, { ...valid, ownerType: "visit_report", ownerId: ids.a }),
    ).toEqual([]);
    expect(errorPaths(ZCreateAttachmentInput, { ...valid, ownerType: "customer", ownerId: ids.a })).toEqual([
      "ownerType",
    ]);
  });
});
