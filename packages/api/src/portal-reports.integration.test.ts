import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import { schema, withTenant } from "@ordinavo/db";
import { testEngines } from "@ordinavo/db/testing";
import {
  buildContact,
  buildCustomer,
  buildInternalNote,
  buildLocation,
  buildPortalUser,
  buildTarget,
  buildVisit,
  createAttachment,
  createRoute,
  createRouteStop,
  createVisitReport,
  type StaffIds,
} from "@ordinavo/demo";
import type { AppointmentStatus, AttachmentOwnerType } from "@ordinavo/domain";
import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { portalCaller } from "./callers";
import {
  type ApiHarness,
  buildWorkspace,
  fieldErrorsOf,
  openApiHarness,
  PORTAL,
  refusal,
  request,
  TEST_PASSWORD,
} from "./test-support";

// Issue 11, appointments, reports and files in the Customer Portal: staff publish approved reports
// with texts for the customer and release files one by one; contacts see only published reports,
// released files and appointments at the places their grants cover, in plain words. Everything a
// contact may not have answers NOT_FOUND exactly like an id that does not exist.
//
// The data: a tenant with the portal and its file downloads on (admin, manager without review
// rights, employee Lucas), customer Aubergine with sites Tilleuls and Platanes, customer Vernay;
// contacts: Claire (all of Aubergine), Marc (Tilleuls only), Zoé (Vernay). A stranger tenant.

type Team = "admin" | "manager" | "lucas";

/** Strings planted in internal fields; no portal answer may carry any of them. */
const MARK = {
  title: "MARK-internal-title",
  summary: "MARK-internal-summary",
  problems: "MARK-problem-report",
  followUp: "MARK-follow-up-details",
  billing: "MARK-billing-note",
  returned: "MARK-returned-reason",
  note: "MARK-internal-note",
  description: "MARK-target-description",
  access: "MARK-access-notes",
  surname: "Markovitch",
  email: "mark-employee@staff.example",
  contactPhone: "+33 9 99 99 99 99",
  contactEmail: "mark-contact@customer.example",
  stopKm: "8765.4321",
} as const;

describe.each(testEngines())("portal appointments, reports and files on %s", (engine) => {
  let h: ApiHarness;
  let tenantId: string;
  let staff: Record<Team, StaffIds>;
  let strangerAdmin: StaffIds;
  let aubergine: string;
  let tilleuls: string;
  let platanes: string;
  let vernay: string;
  let vernaySite: string;
  const contacts = {
    claire: "claire@aubergine.example",
    marc: "marc@aubergine.example",
    zoe: "zoe@vernay.example",
  };
  const cookies = new Map<string, string>();

  const staffApi = (who: StaffIds) => h.staff(who.email);

  /** A portal caller signed in as the contact (one sign-in, a fresh caller per use). */
  async function portal(email: string) {
    let cookie = cookies.get(email);
    if (!cookie) {
      const signIn = await portalCaller({ services: h.services, request: request(PORTAL) });
      await signIn.api.auth.signIn({ email, password: TEST_PASSWORD });
      cookie = signIn.cookies[0]!.split(";")[0]!;
      cookies.set(email, cookie);
    }
    return (await portalCaller({ services: h.services, request: request(PORTAL, cookie) })).api;
  }

  async function setGates(gates: Partial<typeof schema.tenantSettings.$inferInsert>) {
    await withTenant(h.db, tenantId, (tx) =>
      tx.update(schema.tenantSettings).set(gates).where(eq(schema.tenantSettings.tenantId, tenantId)),
    );
  }

  /** A completed visit and its report (approved unless said otherwise), with planted internal text. */
  async function report(
    place: { customerId: string; locationId: string | null },
    options: { status?: "draft" | "submitted" | "approved"; title?: string; summary?: string } = {},
  ) {
    const status = options.status ?? "approved";
    const { appointmentId, targetId } = await buildVisit(h.db, {
      tenantId,
      ...place,
      target: { title: "Boiler service", description: MARK.description },
      assignedEmployeeId: staff.lucas.userId,
      status: "completed",
      plannedStart: new Date(Date.now() - 3 * 86_400_000),
      plannedEnd: new Date(Date.now() - 3 * 86_400_000 + 3_600_000),
    });
    const row = await withTenant(h.db, tenantId, (tx) =>
      createVisitReport(tx, {
        tenantId,
        appointmentId,
        targetId,
        ...place,
        authorId: staff.lucas.userId,
        title: options.title ?? MARK.title,
        status,
        result: "completed",
        summary: options.summary ?? MARK.summary,
        problems: MARK.problems,
        followUpRequired: true,
        followUpDetails: MARK.followUp,
        billable: true,
        billingNote: MARK.billing,
        returnedReason: MARK.returned,
        submittedAt: status === "draft" ? null : new Date(),
        approvedAt: status === "approved" ? new Date() : null,
        approvedById: status === "approved" ? staff.admin.userId : null,
      }),
    );
    return row.id;
  }

  /** A file with real bytes in storage. */
  async function file(
    ownerType: AttachmentOwnerType,
    ownerId: string,
    customerId: string,
    body = `contents of ${randomUUID()}`,
  ) {
    const storageKey = `${tenantId}/${randomUUID()}`;
    const bytes = new TextEncoder().encode(body);
    await h.services.files!.put(storageKey, bytes, "text/plain");
    const row = await withTenant(h.db, tenantId, (tx) =>
      createAttachment(tx, {
        tenantId,
        customerId,
        ownerType,
        ownerId,
        storageKey,
        fileName: "checklist.txt",
        contentType: "text/plain",
        sizeBytes: bytes.length,
        uploadedById: staff.lucas.userId,
      }),
    );
    return { id: row.id, body };
  }

  const publish = (visitReportId: string, title = "Boiler serviced") =>
    staffApi(staff.admin).then((admin) =>
      admin.reports.publish({
        visitReportId,
        portalTitle: title,
        portalSummary: "We serviced the boiler; it runs well.",
        portalMessage: "Thank you for letting us in.",
      }),
    );

  const release = (attachmentId: string, released = true) =>
    staffApi(staff.admin).then((admin) => admin.attachments.release({ attachmentId, released }));

  /** The error message a random id gets: every hidden object must answer with exactly this. */
  async function missingMessage(call: () => Promise<unknown>) {
    const error = await call().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("NOT_FOUND");
    return (error as TRPCError).message;
  }

  const auditOf = (objectId: string) =>
    withTenant(h.db, tenantId, (tx) =>
      tx.select().from(schema.auditLog).where(eq(schema.auditLog.objectId, objectId)),
    );
  const timelineOf = (objectId: string) =>
    withTenant(h.db, tenantId, (tx) =>
      tx.select().from(schema.timelineEntries).where(eq(schema.timelineEntries.objectId, objectId)),
    );
  const downloadEvents = () =>
    withTenant(h.db, tenantId, (tx) =>
      tx
        .select()
        .from(schema.securityEvents)
        .where(
          and(
            eq(schema.securityEvents.tenantId, tenantId),
            eq(schema.securityEvents.kind, "portal_file_downloaded"),
          ),
        ),
    );

  async function readAll(stream: Readable | null): Promise<string> {
    expect(stream).not.toBeNull();
    const chunks: Buffer[] = [];
    for await (const chunk of stream!) chunks.push(Buffer.from(chunk as Uint8Array));
    return Buffer.concat(chunks).toString("utf8");
  }

  beforeAll(async () => {
    h = await openApiHarness(engine);
    const built = await buildWorkspace(
      h.db,
      {
        admin: "tenant_admin",
        manager: "manager",
        lucas: { role: "employee", name: `Lucas ${MARK.surname}`, email: MARK.email },
      },
      { portalEnabled: true, portalAttachmentDownloads: true, timeZone: "Europe/Paris" },
    );
    tenantId = built.tenantId;
    staff = built.staff;
    strangerAdmin = (await buildWorkspace(h.db, { admin: "tenant_admin" })).staff.admin;
    aubergine = (await buildCustomer(h.db, { tenantId, name: "Aubergine Immobilier" })).customerId;
    const site = (name: string, customerId: string) =>
      buildLocation(h.db, {
        tenantId,
        customerId,
        name,
        addressLine1: `1 rue ${name}`,
        postalCode: "69002",
        city: "Lyon",
        accessNotes: MARK.access,
      }).then((l) => l.locationId);
    tilleuls = await site("Les Tilleuls", aubergine);
    platanes = await site("Les Platanes", aubergine);
    vernay = (await buildCustomer(h.db, { tenantId, name: "Boulangerie Vernay" })).customerId;
    vernaySite = await site("Vernay Croix-Rousse", vernay);
    await buildContact(h.db, {
      tenantId,
      customerId: aubergine,
      locationId: tilleuls,
      name: "Mme Roux",
      phone: MARK.contactPhone,
      email: MARK.contactEmail,
    });
    await buildInternalNote(h.db, { tenantId, customerId: aubergine, body: MARK.note });
    const password = TEST_PASSWORD;
    await buildPortalUser(h.db, { tenantId, customerId: aubergine, email: contacts.claire, password });
    await buildPortalUser(h.db, {
      tenantId,
      customerId: aubergine,
      locationIds: [tilleuls],
      email: contacts.marc,
      password,
    });
    await buildPortalUser(h.db, { tenantId, customerId: vernay, email: contacts.zoe, password });
  }, 180_000);
  afterAll(() => h?.destroy());

  // ---- Staff: publishing ------------------------------------------------------------------------

  it("publishes approved reports only, with field errors for missing texts, prefilled without internal notes", async () => {
    const admin = await staffApi(staff.admin);
    const draft = await report({ customerId: aubergine, locationId: tilleuls }, { status: "draft" });
    expect(await admin.reports.publication({ visitReportId: draft })).toBeNull();
    expect(await refusal(publish(draft))).toBe("FORBIDDEN");
    const submitted = await report({ customerId: aubergine, locationId: tilleuls }, { status: "submitted" });
    expect(await refusal(publish(submitted))).toBe("FORBIDDEN");

    const approved = await report({ customerId: aubergine, locationId: tilleuls });
    const before = await admin.reports.publication({ visitReportId: approved });
    expect(before).not.toBeNull();
    expect(before!.published).toBeNull();
    expect(before!.can).toEqual({ publish: true, unpublish: false, release: true });
    // The prefill: the title, the result and the author's summary; never problems, follow-up
    // details, billing or the return reason.
    expect(before!.draft.title).toBe(MARK.title);
    expect(before!.draft.summary).toBe(`The work was completed.\n\n${MARK.summary}`);
    expect(before!.draft.message).toMatch(/follow-up visit/);
    const prefill = JSON.stringify(before!.draft);
    for (const mark of [MARK.problems, MARK.followUp, MARK.billing, MARK.returned]) {
      expect(prefill).not.toContain(mark);
    }

    const errors = await fieldErrorsOf(
      admin.reports.publish({ visitReportId: approved, portalTitle: "  ", portalSummary: "" }),
    );
    expect(errors).toEqual({
      portalTitle: ["Enter a title for the customer"],
      portalSummary: ["Write a summary for the customer"],
    });
    // Who may: as for reviewing (managers only where the tenant lets them review); never employees.
    expect(
      await refusal(
        (await staffApi(staff.manager)).reports.publish({
          visitReportId: approved,
          portalTitle: "T",
          portalSummary: "S",
        }),
      ),
    ).toBe("FORBIDDEN");
    expect(await refusal((await staffApi(staff.lucas)).reports.unpublish({ visitReportId: approved }))).toBe(
      "FORBIDDEN",
    );
    expect(await (await staffApi(staff.manager)).reports.publication({ visitReportId: approved })).toBeNull();
    // Another tenant's report does not exist for its admin.
    expect(
      await refusal(
        (await staffApi(strangerAdmin)).reports.publish({
          visitReportId: approved,
          portalTitle: "T",
          portalSummary: "S",
        }),
      ),
    ).toBe("NOT_FOUND");

    const published = await publish(approved);
    expect(published.published).toMatchObject({
      title: "Boiler serviced",
      summary: "We serviced the boiler; it runs well.",
      message: "Thank you for letting us in.",
      publishedByName: staff.admin.name,
    });
    expect(published.can.unpublish).toBe(true);
    // Published once: one portal-visible timeline entry, one audit entry (field names only).
    const entries = await timelineOf(approved);
    const shared = entries.filter((e) => e.kind === "visit_report_published");
    expect(shared.map((e) => [e.portalVisible, e.actorId, e.locationId])).toEqual([
      [true, staff.admin.userId, tilleuls],
    ]);
    await publish(approved, "Boiler serviced (corrected)");
    expect((await timelineOf(approved)).filter((e) => e.kind === "visit_report_published")).toHaveLength(1);
    const audit = await auditOf(approved);
    expect(audit.map((a) => a.action).sort()).toEqual([
      "visit_report.portal_text_changed",
      "visit_report.published",
    ]);
    expect(audit.find((a) => a.action === "visit_report.published")?.changedFields.sort()).toEqual([
      "portalMessage",
      "portalSummary",
      "portalTitle",
      "publishedAt",
    ]);
    expect(audit.find((a) => a.action === "visit_report.portal_text_changed")?.changedFields).toEqual([
      "portalTitle",
      "publishedAt",
    ]);
    expect(JSON.stringify(audit)).not.toContain("Boiler serviced");
  });

  it("shows the published snapshot, unchanged when the internal report is corrected later", async () => {
    const id = await report({ customerId: aubergine, locationId: tilleuls });
    await publish(id, "Snapshot title");
    await withTenant(h.db, tenantId, (tx) =>
      tx
        .update(schema.visitReports)
        .set({
          title: `${MARK.title} corrected`,
          summary: `${MARK.summary} corrected`,
          result: "not_completed",
        })
        .where(eq(schema.visitReports.id, id)),
    );
    const claire = await portal(contacts.claire);
    const got = await claire.reports.get({ reportId: id });
    expect(got).toMatchObject({
      id,
      title: "Snapshot title",
      summary: "We serviced the boiler; it runs well.",
      message: "Thank you for letting us in.",
      location: { name: "Les Tilleuls", address: "1 rue Les Tilleuls, 69002 Lyon" },
    });
    expect(JSON.stringify(got)).not.toContain("corrected");
    const listed = (await (await portal(contacts.claire)).reports.list({ limit: 50 })).items.find(
      (r) => r.id === id,
    );
    expect(listed?.title).toBe("Snapshot title");
    // The staff form starts from what is published, not from the corrected text.
    const publication = await (await staffApi(staff.admin)).reports.publication({ visitReportId: id });
    expect(publication!.draft.title).toBe("Snapshot title");
  });

  it("takes a report out of the portal at once when unpublished, files and timeline with it", async () => {
    const id = await report({ customerId: aubergine, locationId: tilleuls });
    const shared = await file("visit_report", id, aubergine);
    await publish(id);
    await release(shared.id);
    expect((await (await portal(contacts.claire)).reports.get({ reportId: id })).files).toHaveLength(1);
    await (await portal(contacts.claire)).reports.openFile({ attachmentId: shared.id });

    const after = await (await staffApi(staff.admin)).reports.unpublish({ visitReportId: id });
    expect(after.published).toBeNull();
    expect(after.draft.title).toBe("Boiler serviced");
    const missing = await missingMessage(async () =>
      (await portal(contacts.claire)).reports.get({ reportId: randomUUID() }),
    );
    expect(
      await missingMessage(async () => (await portal(contacts.claire)).reports.get({ reportId: id })),
    ).toBe(missing);
    const list = await (await portal(contacts.claire)).reports.list({ limit: 50 });
    expect(list.items.map((r) => r.id)).not.toContain(id);
    const fileMissing = await missingMessage(async () =>
      (await portal(contacts.claire)).reports.openFile({ attachmentId: randomUUID() }),
    );
    expect(
      await missingMessage(async () =>
        (await portal(contacts.claire)).reports.openFile({ attachmentId: shared.id }),
      ),
    ).toBe(fileMissing);
    const entries = (await timelineOf(id)).filter((e) => e.kind === "visit_report_published");
    expect(entries.map((e) => e.portalVisible)).toEqual([false]);
    expect((await auditOf(id)).map((a) => a.action)).toContain("visit_report.unpublished");
    // Publishing again shares it again, with a new portal-visible entry.
    await publish(id);
    expect((await (await portal(contacts.claire)).reports.get({ reportId: id })).files).toHaveLength(1);
    const again = (await timelineOf(id)).filter((e) => e.kind === "visit_report_published");
    expect(again.map((e) => e.portalVisible).sort()).toEqual([false, true]);
  });

  it("releases and withdraws files of approved reports only", async () => {
    const admin = await staffApi(staff.admin);
    const approved = await report({ customerId: aubergine, locationId: tilleuls });
    const shared = await file("visit_report", approved, aubergine);
    const released = await release(shared.id);
    expect(released.releasedAt).toBeInstanceOf(Date);
    const publication = await admin.reports.publication({ visitReportId: approved });
    expect(publication!.files.map((f) => [f.id, f.releasedAt !== null])).toEqual([[shared.id, true]]);
    expect((await release(shared.id, false)).releasedAt).toBeNull();
    // Releasing twice changes nothing and writes one entry per change.
    await release(shared.id);
    await release(shared.id);
    expect((await auditOf(shared.id)).map((a) => a.action).sort()).toEqual([
      "attachment.released",
      "attachment.released",
      "attachment.withdrawn",
    ]);

    // A task's file is never shared; a draft report's files wait for its approval.
    const { targetId } = await buildTarget(h.db, { tenantId, customerId: aubergine, locationId: tilleuls });
    const taskFile = await file("target", targetId, aubergine);
    expect(await refusal(release(taskFile.id))).toBe("FORBIDDEN");
    const draft = await report({ customerId: aubergine, locationId: tilleuls }, { status: "draft" });
    const draftFile = await file("visit_report", draft, aubergine);
    expect(await refusal(release(draftFile.id))).toBe("FORBIDDEN");
    const rows = await withTenant(h.db, tenantId, (tx) =>
      tx.select().from(schema.attachments).where(eq(schema.attachments.id, taskFile.id)),
    );
    expect(rows[0]!.portalReleasedAt).toBeNull();
    // Not for managers without review rights, employees, or another tenant.
    expect(
      await refusal(
        (await staffApi(staff.manager)).attachments.release({ attachmentId: shared.id, released: false }),
      ),
    ).toBe("FORBIDDEN");
    expect(
      await refusal(
        (await staffApi(staff.lucas)).attachments.release({ attachmentId: shared.id, released: false }),
      ),
    ).toBe("FORBIDDEN");
    expect(
      await refusal(
        (await staffApi(strangerAdmin)).attachments.release({ attachmentId: shared.id, released: false }),
      ),
    ).toBe("NOT_FOUND");
  });

  // ---- The portal: reports and files ---------------------------------------------------------------

  it("lists and opens only published reports at the places a contact's grants cover", async () => {
    const atTilleuls = await report({ customerId: aubergine, locationId: tilleuls });
    const atPlatanes = await report({ customerId: aubergine, locationId: platanes });
    const customerWide = await report({ customerId: aubergine, locationId: null });
    const unpublished = await report({ customerId: aubergine, locationId: tilleuls });
    const atVernay = await report({ customerId: vernay, locationId: vernaySite });
    for (const id of [atTilleuls, atPlatanes, customerWide, atVernay]) await publish(id, `Shared ${id}`);

    const ids = async (email: string) => {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await (await portal(email)).reports.list({ limit: 2, cursor });
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((r) => r.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(new Set(seen).size).toBe(seen.length);
      return seen;
    };
    const claire = await ids(contacts.claire);
    expect(claire).toEqual(expect.arrayContaining([atTilleuls, atPlatanes, customerWide]));
    expect(claire).not.toContain(unpublished);
    expect(claire).not.toContain(atVernay);
    const marc = await ids(contacts.marc);
    expect(marc).toContain(atTilleuls);
    for (const hidden of [atPlatanes, customerWide, unpublished, atVernay])
      expect(marc).not.toContain(hidden);
    expect(await ids(contacts.zoe)).toEqual([atVernay]);

    const card = (await (await portal(contacts.claire)).reports.list({ limit: 50 })).items.find(
      (r) => r.id === atTilleuls,
    );
    expect(Object.keys(card!).sort()).toEqual([
      "fileCount",
      "id",
      "location",
      "publishedAt",
      "title",
      "visitDate",
    ]);
    expect(card).toMatchObject({
      title: `Shared ${atTilleuls}`,
      location: { name: "Les Tilleuls" },
      fileCount: 0,
    });

    const missing = await missingMessage(async () =>
      (await portal(contacts.marc)).reports.get({ reportId: randomUUID() }),
    );
    for (const hidden of [atPlatanes, customerWide, unpublished, atVernay]) {
      expect(
        await missingMessage(async () => (await portal(contacts.marc)).reports.get({ reportId: hidden })),
      ).toBe(missing);
    }
    expect((await (await portal(contacts.marc)).reports.get({ reportId: atTilleuls })).id).toBe(atTilleuls);
  });

  it("offers released files of published reports while the tenant shares files, and records each download", async () => {
    const id = await report({ customerId: aubergine, locationId: tilleuls });
    const shared = await file("visit_report", id, aubergine, "shared checklist");
    const kept = await file("visit_report", id, aubergine, "internal photo");
    await publish(id);
    await release(shared.id);

    const got = await (await portal(contacts.claire)).reports.get({ reportId: id });
    expect(got.filesShared).toBe(true);
    expect(got.files).toEqual([
      { id: shared.id, fileName: "checklist.txt", sizeBytes: shared.body.length, contentType: "text/plain" },
    ]);
    expect(
      (await (await portal(contacts.claire)).reports.list({ limit: 50 })).items.find((r) => r.id === id)
        ?.fileCount,
    ).toBe(1);

    const eventsBefore = (await downloadEvents()).length;
    const opened = await (await portal(contacts.claire)).reports.openFile({ attachmentId: shared.id });
    expect(opened).toMatchObject({ fileName: "checklist.txt", contentType: "text/plain" });
    // Asking is not downloading: nothing is recorded until the bytes are opened.
    expect((await downloadEvents()).length).toBe(eventsBefore);
    expect(await readAll(await opened.read())).toBe("shared checklist");
    const events = await downloadEvents();
    expect(events.length).toBe(eventsBefore + 1);
    const claireId = (
      await withTenant(h.db, tenantId, (tx) =>
        tx.select().from(schema.portalUsers).where(eq(schema.portalUsers.email, contacts.claire)),
      )
    )[0]!.id;
    expect(events.at(-1)).toMatchObject({ realm: "portal", subjectUserId: claireId, actorUserId: claireId });
    const downloaded = (await auditOf(shared.id)).filter((a) => a.action === "attachment.downloaded");
    expect(downloaded.map((a) => [a.actorType, a.actorId])).toEqual([["portal_user", claireId]]);
    // A second download is a second event.
    await readAll(
      await (await (await portal(contacts.claire)).reports.openFile({ attachmentId: shared.id })).read(),
    );
    expect((await downloadEvents()).length).toBe(eventsBefore + 2);

    const missing = await missingMessage(async () =>
      (await portal(contacts.claire)).reports.openFile({ attachmentId: randomUUID() }),
    );
    // Unreleased, another customer's contact, files switched off: all look like a missing file.
    expect(
      await missingMessage(async () =>
        (await portal(contacts.claire)).reports.openFile({ attachmentId: kept.id }),
      ),
    ).toBe(missing);
    expect(
      await missingMessage(async () =>
        (await portal(contacts.zoe)).reports.openFile({ attachmentId: shared.id }),
      ),
    ).toBe(missing);
    const { targetId } = await buildTarget(h.db, { tenantId, customerId: aubergine, locationId: tilleuls });
    const taskFile = await file("target", targetId, aubergine);
    await withTenant(h.db, tenantId, (tx) =>
      tx
        .update(schema.attachments)
        .set({ portalReleasedAt: new Date() })
        .where(eq(schema.attachments.id, taskFile.id)),
    );
    expect(
      await missingMessage(async () =>
        (await portal(contacts.claire)).reports.openFile({ attachmentId: taskFile.id }),
      ),
    ).toBe(missing);

    await setGates({ portalAttachmentDownloads: false });
    try {
      const off = await (await portal(contacts.claire)).reports.get({ reportId: id });
      expect(off.filesShared).toBe(false);
      expect(off.files).toEqual([]);
      expect(
        (await (await portal(contacts.claire)).reports.list({ limit: 50 })).items.find((r) => r.id === id)
          ?.fileCount,
      ).toBe(0);
      expect(
        await missingMessage(async () =>
          (await portal(contacts.claire)).reports.openFile({ attachmentId: shared.id }),
        ),
      ).toBe(missing);
      // Staff may still release; the panel says customers see no files while the setting is off.
      const publication = await (await staffApi(staff.admin)).reports.publication({ visitReportId: id });
      expect(publication!.downloadsEnabled).toBe(false);
      expect((await release(kept.id)).releasedAt).toBeInstanceOf(Date);
    } finally {
      await setGates({ portalAttachmentDownloads: true });
    }
    expect((await (await portal(contacts.claire)).reports.get({ reportId: id })).files).toHaveLength(2);
  });

  // ---- The portal: appointments and open work ------------------------------------------------------

  it("lists appointments at covered places with plain statuses, and the technician's first name only with the gate", async () => {
    const hour = 3_600_000;
    const day = 24 * hour;
    const visit = async (
      locationId: string | null,
      offsetDays: number,
      status: AppointmentStatus,
      customerId = aubergine,
      title = `Work ${randomUUID().slice(0, 6)}`,
    ) => {
      const start = new Date(Date.now() + offsetDays * day);
      const built = await buildVisit(h.db, {
        tenantId,
        customerId,
        locationId,
        target: { title, description: MARK.description },
        assignedEmployeeId: staff.lucas.userId,
        status,
        plannedStart: start,
        plannedEnd: new Date(start.getTime() + 2 * hour),
      });
      return built.appointmentId;
    };
    const tomorrow = await visit(tilleuls, 1, "confirmed", aubergine, "Annual boiler service");
    const onTheWay = await visit(platanes, 0.001, "en_route");
    const wide = await visit(null, 2, "scheduled");
    const elsewhere = await visit(vernaySite, 1, "scheduled", vernay);
    const tooFar = await visit(tilleuls, 75, "scheduled");
    const done = await visit(tilleuls, -5, "completed");
    const failed = await visit(tilleuls, -6, "not_completed");
    const longAgo = await visit(tilleuls, -45, "completed");
    // The route stop carries planning numbers the portal must never show.
    await withTenant(h.db, tenantId, async (tx) => {
      const route = await createRoute(tx, {
        tenantId,
        employeeId: staff.lucas.userId,
        day: new Date(Date.now() + day).toISOString().slice(0, 10),
      });
      await createRouteStop(tx, {
        tenantId,
        routeId: route.id,
        appointmentId: tomorrow,
        position: 3,
        workMinutes: 60,
        travelKmFromPrevious: Number(MARK.stopKm),
      });
    });

    const all = async (email: string, when: "upcoming" | "recent") => {
      const seen: { id: string; status: string; technician: string | null; title: string | null }[] = [];
      let cursor: string | undefined;
      do {
        const page = await (await portal(email)).appointments.list({ when, limit: 2, cursor });
        seen.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return seen;
    };
    const upcoming = await all(contacts.claire, "upcoming");
    const upcomingIds = upcoming.map((a) => a.id);
    expect(upcomingIds).toEqual(expect.arrayContaining([tomorrow, onTheWay, wide]));
    for (const hidden of [elsewhere, tooFar, done, failed, longAgo])
      expect(upcomingIds).not.toContain(hidden);
    // Soonest first.
    expect(upcomingIds.indexOf(onTheWay)).toBeLessThan(upcomingIds.indexOf(tomorrow));
    expect(upcomingIds.indexOf(tomorrow)).toBeLessThan(upcomingIds.indexOf(wide));
    const first = upcoming.find((a) => a.id === tomorrow)!;
    // The office's title of the work is internal: the portal names the kind of work instead.
    expect(first).toMatchObject({ status: "scheduled", title: null, kind: "service", technician: null });
    expect(JSON.stringify(upcoming)).not.toContain("Annual boiler service");
    expect(upcoming.find((a) => a.id === onTheWay)?.status).toBe("on_the_way");
    const page = await (await portal(contacts.claire)).appointments.list({ when: "upcoming", limit: 50 });
    expect(page.days).toBe(60);
    const one = page.items.find((a) => a.id === tomorrow)!;
    expect(Object.keys(one).sort()).toEqual([
      "id",
      "kind",
      "location",
      "plannedEnd",
      "plannedStart",
      "status",
      "technician",
      "title",
    ]);
    expect(one.location).toEqual({ name: "Les Tilleuls", address: "1 rue Les Tilleuls, 69002 Lyon" });

    const recent = await all(contacts.claire, "recent");
    expect(recent.map((a) => a.id)).toEqual(expect.arrayContaining([done, failed]));
    expect(recent.map((a) => a.id)).not.toContain(longAgo);
    expect(recent.find((a) => a.id === done)?.status).toBe("done");
    expect(recent.find((a) => a.id === failed)?.status).toBe("not_completed");

    // A location grant: that location only, never customer-wide visits.
    const marc = (await all(contacts.marc, "upcoming")).map((a) => a.id);
    expect(marc).toContain(tomorrow);
    for (const hidden of [onTheWay, wide, elsewhere]) expect(marc).not.toContain(hidden);
    expect((await all(contacts.zoe, "upcoming")).map((a) => a.id)).toEqual([elsewhere]);

    await setGates({ portalShowsTechnician: true });
    try {
      const shown = await all(contacts.claire, "upcoming");
      expect(shown.find((a) => a.id === tomorrow)?.technician).toBe("Lucas");
      expect(JSON.stringify(shown)).not.toContain(MARK.surname);
    } finally {
      await setGates({ portalShowsTechnician: false });
    }

    expect(
      await fieldErrorsOf(
        (await portal(contacts.claire)).appointments.list({ when: "upcoming", cursor: "nope" }),
      ),
    ).toHaveProperty("cursor");
  });

  it("lists the open work at covered places with a reduced status and the next visit", async () => {
    const target = async (locationId: string | null, status: "open" | "planned" | "in_progress" | "done") =>
      (
        await buildTarget(h.db, {
          tenantId,
          customerId: aubergine,
          locationId,
          title: `Task ${status} ${randomUUID().slice(0, 6)}`,
          description: MARK.description,
          status,
        })
      ).targetId;
    const waiting = await target(tilleuls, "open");
    const underway = await target(tilleuls, "in_progress");
    const finished = await target(tilleuls, "done");
    const elsewhere = await target(platanes, "open");
    const start = new Date(Date.now() + 4 * 86_400_000);
    const planned = await buildVisit(h.db, {
      tenantId,
      customerId: aubergine,
      locationId: tilleuls,
      target: { title: "Planned task" },
      status: "scheduled",
      plannedStart: start,
      plannedEnd: new Date(start.getTime() + 3_600_000),
    });

    const work = async (email: string) => {
      const seen: { id: string; status: string; nextVisit: Date | null }[] = [];
      let cursor: string | undefined;
      do {
        const page = await (await portal(email)).appointments.openWork({ limit: 3, cursor });
        seen.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return seen;
    };
    const claire = await work(contacts.claire);
    const byId = new Map(claire.map((w) => [w.id, w]));
    expect(byId.get(waiting)?.status).toBe("waiting");
    expect(byId.get(underway)?.status).toBe("in_progress");
    expect(byId.get(planned.targetId)).toMatchObject({ status: "planned", nextVisit: start });
    expect(byId.has(finished)).toBe(false);
    expect(byId.has(elsewhere)).toBe(true);
    const marc = new Set((await work(contacts.marc)).map((w) => w.id));
    expect(marc.has(waiting)).toBe(true);
    expect(marc.has(elsewhere)).toBe(false);
    expect((await work(contacts.zoe)).map((w) => w.id)).not.toContain(waiting);
  });

  // ---- Nothing internal leaks --------------------------------------------------------------------

  it("never carries internal text, billing, planning numbers or employee details in a portal answer", async () => {
    const id = await report({ customerId: aubergine, locationId: tilleuls });
    const shared = await file("visit_report", id, aubergine);
    await publish(id);
    await release(shared.id);
    await setGates({ portalShowsTechnician: true });
    try {
      const claire = () => portal(contacts.claire);
      const answers = [
        await (await claire()).appointments.list({ when: "upcoming", limit: 50 }),
        await (await claire()).appointments.list({ when: "recent", limit: 50 }),
        await (await claire()).appointments.openWork({ limit: 50 }),
        await (await claire()).reports.list({ limit: 50 }),
        await (await claire()).reports.get({ reportId: id }),
        await (await claire()).reports.openFile({ attachmentId: shared.id }),
      ];
      const text = `${JSON.stringify(answers)} ${superjson.stringify(answers)}`;
      for (const mark of Object.values(MARK)) expect(text).not.toContain(mark);
      expect(text).not.toContain(staff.lucas.userId);
      expect(text).not.toContain(staff.admin.userId);
      // The answers did carry the shared things (the test would pass on empty answers otherwise).
      expect(text).toContain("Boiler serviced");
      expect(text).toContain("Lucas");
      expect(text).toContain(shared.id);
    } finally {
      await setGates({ portalShowsTechnician: false });
    }
  });
});
