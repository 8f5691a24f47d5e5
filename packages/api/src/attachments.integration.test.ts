import { createHash } from "node:crypto";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { buffer } from "node:stream/consumers";
import { schema, withTenant } from "@ordinavo/db";
import { testEngines } from "@ordinavo/db/testing";
import { buildCustomer, buildLocation, buildVisit, type StaffIds } from "@ordinavo/demo";
import {
  type DiskFileStore,
  type FileStore,
  MAX_FILE_BYTES,
  MAX_FILES_PER_OWNER,
  uploadRefusals,
} from "@ordinavo/files";
import { imageInfo, samplePng } from "@ordinavo/files/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiHarness, buildWorkspace, fieldErrorsOf, openApiHarness, refusal } from "./test-support";

// Attachments end to end on real storage (a disk store in a temporary directory): upload, list,
// open, remove; types read from bytes; limits; who may see and add which files; and uploads that
// fail half-way leaving nothing behind.
//
// The data: one tenant with a member of each role and a second employee ("colleague"). The
// employee has a visit with a draft report and a mobile update, and a second visit whose report is
// already submitted; the colleague has a visit and report of their own. A second tenant holds a
// file of its own.

type Role = "admin" | "manager" | "dispatcher" | "employee" | "colleague";

const png = samplePng;
const fileOf = (bytes: Uint8Array<ArrayBuffer> | string, name: string, type = "") =>
  new File([bytes], name, { type });

async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe.each(testEngines())("attachments on %s", (engine) => {
  let h: ApiHarness;
  let tenantId: string;
  let staff: Record<Role, StaffIds>;
  let own: { targetId: string; appointmentId: string; reportId: string; updateId: string };
  let submittedReportId: string;
  let colleagueReportId: string;
  let foreignAttachmentId: string;
  let store: DiskFileStore;
  let customerId: string;

  const as = (role: Role) => h.staff(staff[role].email);
  const rowsOf = (ownerId: string) =>
    withTenant(h.db, tenantId, (tx) =>
      tx.select().from(schema.attachments).where(eq(schema.attachments.ownerId, ownerId)),
    );

  async function report(
    tenant: string,
    visit: { targetId: string; appointmentId: string },
    customerId: string,
    authorId: string,
    status: "draft" | "submitted" = "draft",
  ) {
    const [row] = await withTenant(h.db, tenant, (tx) =>
      tx
        .insert(schema.visitReports)
        .values({ tenantId: tenant, ...visit, customerId, authorId, title: "Boiler service", status })
        .returning({ id: schema.visitReports.id }),
    );
    return row!.id;
  }

  beforeAll(async () => {
    h = await openApiHarness(engine);
    store = h.services.files as DiskFileStore;
    const ours = await buildWorkspace(h.db, {
      admin: "tenant_admin",
      manager: "manager",
      dispatcher: "dispatcher",
      employee: "employee",
      colleague: "employee",
    });
    tenantId = ours.tenantId;
    staff = ours.staff;
    ({ customerId } = await buildCustomer(h.db, { tenantId, name: "Gérance Saône" }));
    const { locationId } = await buildLocation(h.db, { tenantId, customerId });
    const visit = await buildVisit(h.db, {
      tenantId,
      customerId,
      locationId,
      assignedEmployeeId: staff.employee.userId,
    });
    const [update] = await withTenant(h.db, tenantId, (tx) =>
      tx
        .insert(schema.mobileUpdates)
        .values({
          tenantId,
          appointmentId: visit.appointmentId,
          employeeId: staff.employee.userId,
          kind: "problem_report",
          recordedAt: new Date(),
        })
        .returning({ id: schema.mobileUpdates.id }),
    );
    own = {
      ...visit,
      reportId: await report(tenantId, visit, customerId, staff.employee.userId),
      updateId: update!.id,
    };
    const second = await buildVisit(h.db, {
      tenantId,
      customerId,
      assignedEmployeeId: staff.employee.userId,
    });
    submittedReportId = await report(tenantId, second, customerId, staff.employee.userId, "submitted");
    const theirs = await buildVisit(h.db, {
      tenantId,
      customerId,
      assignedEmployeeId: staff.colleague.userId,
    });
    colleagueReportId = await report(tenantId, theirs, customerId, staff.colleague.userId);

    // Another tenant, with a file of its own (added through the API like ours).
    const other = await buildWorkspace(h.db, { admin: "tenant_admin", worker: "employee" });
    const { customerId: otherCustomer } = await buildCustomer(h.db, { tenantId: other.tenantId });
    const otherVisit = await buildVisit(h.db, {
      tenantId: other.tenantId,
      customerId: otherCustomer,
      assignedEmployeeId: other.staff.worker.userId,
    });
    const otherReport = await report(other.tenantId, otherVisit, otherCustomer, other.staff.worker.userId);
    const worker = await h.staff(other.staff.worker.email);
    foreignAttachmentId = (
      await worker.attachments.upload({
        ownerType: "visit_report",
        ownerId: otherReport,
        file: fileOf("their notes", "notes.txt"),
      })
    ).id;
  }, 180_000);
  afterAll(() => h?.destroy());

  it("uploads a photo to the employee's draft report, lists it, opens it and its preview", async () => {
    const employee = await as("employee");
    const bytes = await png(900, 600);
    const view = await employee.attachments.upload({
      ownerType: "visit_report",
      ownerId: own.reportId,
      file: fileOf(bytes, "C:\\fakepath\\boiler.png", "image/png"),
    });
    expect(view).toMatchObject({
      fileName: "boiler.png",
      contentType: "image/png",
      sizeBytes: bytes.byteLength,
      isImage: true,
      hasPreview: true,
      uploadedById: staff.employee.userId,
      canRemove: true,
    });

    const [row] = (await rowsOf(own.reportId)).filter((r) => r.id === view.id);
    expect(row!.checksumSha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(await store.has(row!.storageKey)).toBe(true);

    const listed = await employee.attachments.list({ ownerType: "visit_report", ownerId: own.reportId });
    expect(listed.map((f) => f.id)).toContain(view.id);

    const original = await employee.attachments.open({ attachmentId: view.id });
    expect(original).toMatchObject({
      fileName: "boiler.png",
      contentType: "image/png",
      sizeBytes: bytes.byteLength,
    });
    expect(new Uint8Array(await buffer((await original.read())!))).toEqual(bytes);

    const preview = await employee.attachments.open({ attachmentId: view.id, variant: "preview" });
    expect(preview.contentType).toBe("image/webp");
    expect(await imageInfo(await buffer((await preview.read())!))).toMatchObject({
      format: "webp",
      width: 480,
    });

    // A manager and an admin read report files; the audit entry names ids, size and type only.
    expect(
      (await (await as("manager")).attachments.list({ ownerType: "visit_report", ownerId: own.reportId }))
        .length,
    ).toBeGreaterThan(0);
    const [audit] = await withTenant(h.db, tenantId, (tx) =>
      tx.select().from(schema.auditLog).where(eq(schema.auditLog.objectId, view.id)),
    );
    expect(audit).toMatchObject({ action: "attachment.uploaded", objectType: "attachment" });
    expect(audit!.metadata).toEqual({
      ownerType: "visit_report",
      ownerId: own.reportId,
      customerId: row!.customerId,
      sizeBytes: bytes.byteLength,
      contentType: "image/png",
    });
    expect(JSON.stringify(audit)).not.toContain("boiler");
  });

  it("reads the type from the bytes, whatever the name and the browser say", async () => {
    const employee = await as("employee");
    const view = await employee.attachments.upload({
      ownerType: "mobile_update",
      ownerId: own.updateId,
      file: fileOf(await png(), "invoice.pdf", "application/pdf"),
    });
    expect(view).toMatchObject({ contentType: "image/png", fileName: "invoice.pdf.png" });

    const text = await employee.attachments.upload({
      ownerType: "mobile_update",
      ownerId: own.updateId,
      file: fileOf("Leak under the sink, photo follows", "note", "image/jpeg"),
    });
    expect(text).toMatchObject({
      contentType: "text/plain",
      fileName: "note.txt",
      isImage: false,
      hasPreview: false,
    });
    await expect(
      employee.attachments.open({ attachmentId: text.id, variant: "preview" }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it.each([
    [
      "an HTML page named like a photo",
      "<!doctype html><script>alert(1)</script>",
      "photo.jpg",
      "image/jpeg",
    ],
    ["an SVG drawing", '<svg xmlns="http://www.w3.org/2000/svg"/>', "plan.svg", "image/svg+xml"],
    ["a Windows program renamed to .png", "MZ\u0090\u0000\u0003", "setup.png", "image/png"],
  ])("refuses %s with a field error and stores nothing", async (_what, content, name, type) => {
    const employee = await as("employee");
    const before = (await filesUnder(store.root)).length;
    const rowsBefore = (await rowsOf(own.updateId)).length;
    const errors = await fieldErrorsOf(
      employee.attachments.upload({
        ownerType: "mobile_update",
        ownerId: own.updateId,
        file: fileOf(content, name, type),
      }),
    );
    expect(errors.file?.[0]).toMatch(/Only photos/);
    expect((await filesUnder(store.root)).length).toBe(before);
    expect((await rowsOf(own.updateId)).length).toBe(rowsBefore);
  });

  it("refuses files over the size limit and owners that are full", async () => {
    const employee = await as("employee");
    const big = fileOf(new Uint8Array(MAX_FILE_BYTES + 1), "scan.pdf");
    expect(
      (
        await fieldErrorsOf(
          employee.attachments.upload({ ownerType: "visit_report", ownerId: own.reportId, file: big }),
        )
      ).file?.[0],
    ).toMatch(/at most 10 MB/);

    // A fresh report holding as many files as allowed but one.
    const visit = await buildVisit(h.db, { tenantId, customerId, assignedEmployeeId: staff.employee.userId });
    const full = await report(tenantId, visit, customerId, staff.employee.userId);
    await withTenant(h.db, tenantId, (tx) =>
      tx.insert(schema.attachments).values(
        Array.from({ length: MAX_FILES_PER_OWNER - 1 }, (_, i) => ({
          tenantId,
          customerId,
          ownerType: "visit_report" as const,
          ownerId: full,
          storageKey: `${tenantId}/filler-${full}-${i}`,
          fileName: `f${i}.txt`,
          sizeBytes: 1,
          contentType: "text/plain",
          checksumSha256: "0".repeat(64),
          uploadedById: staff.employee.userId,
        })),
      ),
    );
    await employee.attachments.upload({
      ownerType: "visit_report",
      ownerId: full,
      file: fileOf("last one", "a.txt"),
    });
    const before = (await filesUnder(store.root)).length;
    const errors = await fieldErrorsOf(
      employee.attachments.upload({
        ownerType: "visit_report",
        ownerId: full,
        file: fileOf("one too many", "b.txt"),
      }),
    );
    expect(errors.file).toEqual([uploadRefusals.full]);
    expect((await rowsOf(full)).length).toBe(MAX_FILES_PER_OWNER);
    expect((await filesUnder(store.root)).length).toBe(before);
  });

  it("answers another tenant's file and an unassigned employee's work with NOT_FOUND", async () => {
    const admin = await as("admin");
    expect(await refusal(admin.attachments.open({ attachmentId: foreignAttachmentId }))).toBe("NOT_FOUND");
    expect(await refusal(admin.attachments.remove({ attachmentId: foreignAttachmentId }))).toBe("NOT_FOUND");

    const employee = await as("employee");
    const colleague = await as("colleague");
    const mine = await employee.attachments.upload({
      ownerType: "visit_report",
      ownerId: own.reportId,
      file: fileOf("meter 1234", "meter.txt"),
    });
    expect(await refusal(colleague.attachments.open({ attachmentId: mine.id }))).toBe("NOT_FOUND");
    expect(await refusal(colleague.attachments.remove({ attachmentId: mine.id }))).toBe("NOT_FOUND");
    expect(
      await refusal(colleague.attachments.list({ ownerType: "visit_report", ownerId: own.reportId })),
    ).toBe("NOT_FOUND");
    expect(
      await refusal(
        employee.attachments.upload({
          ownerType: "visit_report",
          ownerId: colleagueReportId,
          file: fileOf("x", "x.txt"),
        }),
      ),
    ).toBe("NOT_FOUND");
    expect(
      await refusal(
        colleague.attachments.upload({
          ownerType: "mobile_update",
          ownerId: own.updateId,
          file: fileOf("x", "x.txt"),
        }),
      ),
    ).toBe("NOT_FOUND");
  });

  it("keeps report files from dispatchers; targets' files are theirs to add and read", async () => {
    const dispatcher = await as("dispatcher");
    const reportFile = await (await as("employee")).attachments.upload({
      ownerType: "visit_report",
      ownerId: own.reportId,
      file: fileOf("for the reviewer", "r.txt"),
    });
    expect(
      await refusal(dispatcher.attachments.list({ ownerType: "visit_report", ownerId: own.reportId })),
    ).toBe("NOT_FOUND");
    expect(await refusal(dispatcher.attachments.open({ attachmentId: reportFile.id }))).toBe("NOT_FOUND");

    const plan = await dispatcher.attachments.upload({
      ownerType: "target",
      ownerId: own.targetId,
      file: fileOf("a,b\n1,2\n", "access-plan.csv"),
    });
    expect(plan).toMatchObject({ contentType: "text/csv", uploadedById: null, canRemove: true });
    // The assigned employee reads the task's files but adds none to it.
    const employee = await as("employee");
    expect(
      (await employee.attachments.list({ ownerType: "target", ownerId: own.targetId })).map((f) => f.id),
    ).toEqual([plan.id]);
    expect(
      await refusal(
        employee.attachments.upload({
          ownerType: "target",
          ownerId: own.targetId,
          file: fileOf("x", "x.txt"),
        }),
      ),
    ).toBe("FORBIDDEN");
    // Managers read but do not add.
    expect(
      await refusal(
        (await as("manager")).attachments.upload({
          ownerType: "target",
          ownerId: own.targetId,
          file: fileOf("x", "x.txt"),
        }),
      ),
    ).toBe("FORBIDDEN");
  });

  it("adds and removes files only while the report can change: its uploader, or a tenant admin", async () => {
    const employee = await as("employee");
    expect(
      await refusal(
        employee.attachments.upload({
          ownerType: "visit_report",
          ownerId: submittedReportId,
          file: fileOf("x", "x.txt"),
        }),
      ),
    ).toBe("FORBIDDEN");

    const view = await employee.attachments.upload({
      ownerType: "visit_report",
      ownerId: own.reportId,
      file: fileOf(await png(), "to-remove.png"),
    });
    const [row] = (await rowsOf(own.reportId)).filter((r) => r.id === view.id);
    // A manager may not: they add no files.
    expect(await refusal((await as("manager")).attachments.remove({ attachmentId: view.id }))).toBe(
      "FORBIDDEN",
    );
    // A tenant admin may take a file off a draft report (here one of two the employee added).
    const admin = await as("admin");
    const wrong = await employee.attachments.upload({
      ownerType: "visit_report",
      ownerId: own.reportId,
      file: fileOf("the wrong customer's meter", "wrong.txt"),
    });
    const adminList = await admin.attachments.list({ ownerType: "visit_report", ownerId: own.reportId });
    expect(adminList.find((f) => f.id === wrong.id)?.canRemove).toBe(true);
    await admin.attachments.remove({ attachmentId: wrong.id });
    expect((await rowsOf(own.reportId)).some((r) => r.id === wrong.id)).toBe(false);

    await employee.attachments.remove({ attachmentId: view.id });
    expect((await rowsOf(own.reportId)).some((r) => r.id === view.id)).toBe(false);
    expect(await store.has(row!.storageKey)).toBe(false);
    expect(await store.has(`${row!.storageKey}.preview`)).toBe(false);
    expect(await refusal(employee.attachments.open({ attachmentId: view.id }))).toBe("NOT_FOUND");
    const audits = await withTenant(h.db, tenantId, (tx) =>
      tx.select().from(schema.auditLog).where(eq(schema.auditLog.objectId, view.id)),
    );
    expect(audits.map((a) => a.action).sort()).toEqual(["attachment.removed", "attachment.uploaded"]);

    // Once submitted, the report's files stay: no remove, and the list says so.
    const kept = await employee.attachments.upload({
      ownerType: "visit_report",
      ownerId: own.reportId,
      file: fileOf("kept", "kept.txt"),
    });
    await withTenant(h.db, tenantId, (tx) =>
      tx
        .update(schema.visitReports)
        .set({ status: "submitted" })
        .where(eq(schema.visitReports.id, own.reportId)),
    );
    try {
      for (const who of ["employee", "admin"] as const) {
        const api = await as(who);
        const listed = await api.attachments.list({ ownerType: "visit_report", ownerId: own.reportId });
        expect(listed.find((f) => f.id === kept.id)?.canRemove).toBe(false);
        expect(await refusal(api.attachments.remove({ attachmentId: kept.id }))).toBe("FORBIDDEN");
      }
    } finally {
      await withTenant(h.db, tenantId, (tx) =>
        tx
          .update(schema.visitReports)
          .set({ status: "draft" })
          .where(eq(schema.visitReports.id, own.reportId)),
      );
    }
  });

  it("leaves neither a file nor a row when the database write fails after the bytes were stored", async () => {
    const employee = await as("employee");
    const before = await filesUnder(store.root);
    const rowsBefore = (await rowsOf(own.reportId)).length;
    // A real failure inside the insert transaction, after original and preview were stored.
    await h.database.asOwner(`
      create function refuse_attachment() returns trigger language plpgsql as
        $$ begin raise exception 'storage test: refused'; end $$;
      create trigger refuse_attachment before insert on attachments
        for each row execute function refuse_attachment();
    `);
    try {
      await expect(
        employee.attachments.upload({
          ownerType: "visit_report",
          ownerId: own.reportId,
          file: fileOf(await png(), "x.png"),
        }),
      ).rejects.toThrow();
    } finally {
      await h.database.asOwner(
        "drop trigger refuse_attachment on attachments; drop function refuse_attachment();",
      );
    }
    expect(await filesUnder(store.root)).toEqual(before);
    expect((await rowsOf(own.reportId)).length).toBe(rowsBefore);
  });

  it("says that storage is not configured when the launcher gave none", async () => {
    const employee = await as("employee");
    const [stored] = await rowsOf(own.updateId);
    const real = h.services.files;
    h.services.files = undefined;
    try {
      const upload = employee.attachments.upload({
        ownerType: "mobile_update",
        ownerId: own.updateId,
        file: fileOf("reading", "r.txt"),
      });
      await expect(upload).rejects.toMatchObject({ message: "File storage is not configured." });
      const opened = await employee.attachments.open({ attachmentId: stored!.id });
      await expect(opened.read()).rejects.toMatchObject({ message: "File storage is not configured." });
    } finally {
      h.services.files = real;
    }
  });

  it("removes the original again when storing the preview fails", async () => {
    const employee = await as("employee");
    const before = await filesUnder(store.root);
    const real = h.services.files!;
    const failingPreview: FileStore = {
      kind: real.kind,
      put: (key, body, type) =>
        key.endsWith(".preview") ? Promise.reject(new Error("disk full")) : real.put(key, body, type),
      open: (key) => real.open(key),
      remove: (key) => real.remove(key),
      has: (key) => real.has(key),
    };
    h.services.files = failingPreview;
    try {
      await expect(
        employee.attachments.upload({
          ownerType: "visit_report",
          ownerId: own.reportId,
          file: fileOf(await png(), "y.png"),
        }),
      ).rejects.toThrow();
    } finally {
      h.services.files = real;
    }
    expect(await filesUnder(store.root)).toEqual(before);
  });
});
