import { randomUUID } from "node:crypto";
import { schema, withTenant } from "@ordinavo/db";
import { testEngines } from "@ordinavo/db/testing";
import {
  buildContact,
  buildCustomer,
  buildLocation,
  buildPortalUser,
  buildTenant,
  createPortalRequest,
  type StaffIds,
} from "@ordinavo/demo";
import { addDays, localDay } from "@ordinavo/domain";
import { TRPCError } from "@trpc/server";
import { and, eq, sql } from "drizzle-orm";
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

// Issue 11, requests: customer contacts file requests for the places their grants cover and follow
// them; the office reviews them, and an accepted request becomes a target whose planning and
// completion the request follows. Anything a contact may not see answers NOT_FOUND exactly like
// an id that does not exist.
//
// The data: a tenant in Paris with the portal on (admin, manager, dispatcher, employee Lucas);
// customer Aubergine with sites Tilleuls and Platanes; customer Vernay. Contacts: Claire (all of
// Aubergine), Marc (Tilleuls only), Zoé (Vernay). A stranger tenant with a request of its own.

type Team = "admin" | "manager" | "dispatcher" | "lucas";
const TZ = "Europe/Paris";

describe.each(testEngines())("portal requests on %s", (engine) => {
  let h: ApiHarness;
  let tenantId: string;
  let staff: Record<Team, StaffIds>;
  let aubergine: string;
  let tilleuls: string;
  let platanes: string;
  let vernaySite: string;
  let claireContact: string;
  let strangerRequest: string;
  const emails = {
    claire: "claire@aubergine.example",
    marc: "marc@aubergine.example",
    zoe: "zoe@vernay.example",
  };
  const cookies = new Map<string, string>();
  const today = () => localDay(new Date(), TZ);

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

  /** A request as the form sends it. */
  const newRequest = (locationId: string, change: Record<string, unknown> = {}) => ({
    type: "service" as const,
    title: "Water stain in the hall",
    description: "A brown stain appeared on the ceiling near the letterboxes.",
    locationId,
    preferredDates: [{ date: addDays(today(), 3), window: "morning" as const }],
    ...change,
  });

  const file = (body: string, name: string) => new File([body], name);

  /** The message a random id gets: every hidden object must answer with exactly this. */
  async function notFoundMessage(call: () => Promise<unknown>) {
    const error = await call().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("NOT_FOUND");
    return (error as TRPCError).message;
  }

  const requestRow = (id: string) =>
    withTenant(h.db, tenantId, async (tx) => {
      const [row] = await tx.select().from(schema.portalRequests).where(eq(schema.portalRequests.id, id));
      return row!;
    });
  const timelineOf = (objectId: string) =>
    withTenant(h.db, tenantId, (tx) =>
      tx.select().from(schema.timelineEntries).where(eq(schema.timelineEntries.objectId, objectId)),
    );
  const auditOf = (objectId: string) =>
    withTenant(h.db, tenantId, (tx) =>
      tx.select().from(schema.auditLog).where(eq(schema.auditLog.objectId, objectId)),
    );
  const eventsAbout = (objectId: string) =>
    withTenant(h.db, tenantId, (tx) =>
      tx
        .select()
        .from(schema.outboxEvents)
        .where(sql`${schema.outboxEvents.payload}->>'objectId' = ${objectId}`),
    );
  const requestCount = () =>
    withTenant(h.db, tenantId, async (tx) => {
      const [row] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(schema.portalRequests)
        .where(eq(schema.portalRequests.tenantId, tenantId));
      return row!.n;
    });

  /** Claire files a request at Platanes and the manager accepts it; returns both ids. */
  async function accepted(title = "Boiler makes noise") {
    const claire = await portal(emails.claire);
    const { id } = await claire.requests.create(newRequest(platanes, { title }));
    const manager = await staffApi(staff.manager);
    const decision = await manager.portalRequests.accept({ portalRequestId: id, title, priority: "high" });
    return { id, targetId: decision.targetId! };
  }

  beforeAll(async () => {
    h = await openApiHarness(engine);
    const built = await buildWorkspace(
      h.db,
      { admin: "tenant_admin", manager: "manager", dispatcher: "dispatcher", lucas: "employee" },
      { portalEnabled: true, timeZone: TZ },
    );
    tenantId = built.tenantId;
    staff = built.staff;
    aubergine = (await buildCustomer(h.db, { tenantId, name: "Aubergine Immobilier" })).customerId;
    tilleuls = (await buildLocation(h.db, { tenantId, customerId: aubergine, name: "Les Tilleuls" }))
      .locationId;
    platanes = (await buildLocation(h.db, { tenantId, customerId: aubergine, name: "Les Platanes" }))
      .locationId;
    const vernay = (await buildCustomer(h.db, { tenantId, name: "Boulangerie Vernay" })).customerId;
    vernaySite = (await buildLocation(h.db, { tenantId, customerId: vernay, name: "Vernay Centre" }))
      .locationId;
    claireContact = (await buildContact(h.db, { tenantId, customerId: aubergine, name: "Claire Dubois" }))
      .contactPersonId;
    const marcContact = (await buildContact(h.db, { tenantId, customerId: aubergine, locationId: tilleuls }))
      .contactPersonId;
    await buildPortalUser(h.db, {
      tenantId,
      customerId: aubergine,
      email: emails.claire,
      name: "Claire Dubois",
      password: TEST_PASSWORD,
      contactPersonId: claireContact,
    });
    await buildPortalUser(h.db, {
      tenantId,
      customerId: aubergine,
      locationIds: [tilleuls],
      email: emails.marc,
      password: TEST_PASSWORD,
      contactPersonId: marcContact,
    });
    await buildPortalUser(h.db, { tenantId, customerId: vernay, email: emails.zoe, password: TEST_PASSWORD });

    const stranger = await buildTenant(h.db, { portalEnabled: true });
    const strangerCustomer = (await buildCustomer(h.db, { tenantId: stranger.tenantId })).customerId;
    const strangerSite = (
      await buildLocation(h.db, { tenantId: stranger.tenantId, customerId: strangerCustomer })
    ).locationId;
    strangerRequest = (
      await withTenant(h.db, stranger.tenantId, (tx) =>
        createPortalRequest(tx, {
          tenantId: stranger.tenantId,
          customerId: strangerCustomer,
          locationId: strangerSite,
        }),
      )
    ).id;
  }, 180_000);
  afterAll(() => h?.destroy());

  describe("filing a request", () => {
    it("reads the customer from the location and records the submission, its audit row and its files", async () => {
      const claire = await portal(emails.claire);
      const preferredDates = [
        { date: addDays(today(), 5), window: "all_day" as const },
        { date: addDays(today(), 2), window: "afternoon" as const },
      ];
      const { id } = await claire.requests.create({
        ...newRequest(platanes, { preferredDates }),
        files: [file("Meter reading 1234", "meter.txt")],
      });
      const row = await requestRow(id);
      expect(row).toMatchObject({
        customerId: aubergine,
        locationId: platanes,
        status: "submitted",
        firstPreferredDate: addDays(today(), 2),
        preferredDates,
        resultingTargetId: null,
      });

      const entries = await timelineOf(id);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        kind: "portal_request_submitted",
        portalVisible: true,
        customerId: aubergine,
        locationId: platanes,
        actorType: "portal_user",
      });
      const [audit] = await auditOf(id);
      expect(audit).toMatchObject({ action: "portal_request.submitted", actorType: "portal_user" });
      // Ids, counts and kinds only: the texts the customer typed stay out of the audit log.
      expect(JSON.stringify(audit)).not.toContain("stain");
      expect(audit!.metadata).toMatchObject({ customerId: aubergine, files: 1, preferredDates: 2 });
      // One webhook event from the portal: the request's ids and state go out, its words do not.
      expect((await eventsAbout(id)).map((e) => e.payload)).toEqual([
        { tenantId, eventType: "portal_request.created", objectId: id, source: "portal" },
      ]);

      const detail = await claire.requests.get({ portalRequestId: id });
      expect(detail.files).toMatchObject([
        { fileName: "meter.txt", contentType: "text/plain", sizeBytes: 18 },
      ]);
      expect(detail).toMatchObject({ status: "submitted", sentByYou: true, can: { addFiles: true } });
      const opened = await claire.requests.openFile({
        portalRequestId: id,
        attachmentId: detail.files[0]!.id,
      });
      const stream = await opened.read();
      const chunks: Buffer[] = [];
      for await (const chunk of stream!) chunks.push(chunk as Buffer);
      expect(Buffer.concat(chunks).toString()).toBe("Meter reading 1234");
      // A download through the portal is recorded: who (security event), which file (audit, ids only).
      expect((await auditOf(detail.files[0]!.id)).map((a) => a.action).sort()).toEqual([
        "attachment.downloaded",
        "attachment.uploaded",
      ]);
      const downloads = await withTenant(h.db, tenantId, (tx) =>
        tx
          .select()
          .from(schema.securityEvents)
          .where(eq(schema.securityEvents.kind, "portal_file_downloaded")),
      );
      expect(downloads.length).toBeGreaterThan(0);
    });

    it("refuses a location the grants do not cover exactly like one that does not exist", async () => {
      const marc = await portal(emails.marc);
      const missing = await notFoundMessage(() => marc.requests.create(newRequest(randomUUID())));
      expect(missing).toBe("This location does not exist or you cannot see it.");
      // Marc sees Tilleuls only: another site of the same customer…
      expect(await notFoundMessage(() => marc.requests.create(newRequest(platanes)))).toBe(missing);
      // …another customer's site, and the whole-customer contact of another customer.
      expect(await notFoundMessage(() => marc.requests.create(newRequest(vernaySite)))).toBe(missing);
      const zoe = await portal(emails.zoe);
      expect(await notFoundMessage(() => zoe.requests.create(newRequest(tilleuls)))).toBe(missing);
      // His own site works.
      expect((await marc.requests.create(newRequest(tilleuls))).id).toBeTruthy();
    });

    it("offers exactly the covered places", async () => {
      const names = async (email: string) =>
        (await (await portal(email)).requests.places()).map((place) => place.name).sort();
      expect(await names(emails.claire)).toEqual(["Les Platanes", "Les Tilleuls"]);
      expect(await names(emails.marc)).toEqual(["Les Tilleuls"]);
      expect(await names(emails.zoe)).toEqual(["Vernay Centre"]);
    });

    it("checks preferred dates against today in the tenant's zone and files nothing when a field is wrong", async () => {
      const claire = await portal(emails.claire);
      const before = await requestCount();
      const yesterday = { date: addDays(today(), -1), window: "morning" as const };
      expect(
        await fieldErrorsOf(claire.requests.create(newRequest(platanes, { preferredDates: [yesterday] }))),
      ).toEqual({ "preferredDates.0.date": ["Choose a date from today on"] });
      const four = [1, 2, 3, 4].map((n) => ({ date: addDays(today(), n), window: "morning" as const }));
      expect(
        Object.keys(
          await fieldErrorsOf(claire.requests.create(newRequest(platanes, { preferredDates: four }))),
        ),
      ).toEqual(["preferredDates"]);
      expect(await fieldErrorsOf(claire.requests.create(newRequest(platanes, { description: " " })))).toEqual(
        {
          description: ["Describe what you need"],
        },
      );
      // A file the upload rules refuse: the whole request waits for a corrected form.
      expect(
        await fieldErrorsOf(
          claire.requests.create({
            ...newRequest(platanes),
            files: [file("fine", "ok.txt"), file("<html><script>x()</script></html>", "photo.jpg")],
          }),
        ),
      ).toEqual({
        files: ["Only photos (JPEG, PNG, WebP, HEIC, GIF), PDF, plain text and CSV files can be added."],
      });
      expect(await requestCount()).toBe(before);
    });
  });

  describe("reading requests", () => {
    let atTilleuls: string;
    let atPlatanes: string;

    beforeAll(async () => {
      const claire = await portal(emails.claire);
      atTilleuls = (await claire.requests.create(newRequest(tilleuls, { title: "Tilleuls lift" }))).id;
      atPlatanes = (await claire.requests.create(newRequest(platanes, { title: "Platanes gate" }))).id;
    });

    it("lists the covered places' requests, newest first, to every contact who sees the place", async () => {
      const claire = await portal(emails.claire);
      const mine = await claire.requests.list({});
      expect(mine.items[0]).toMatchObject({
        id: atPlatanes,
        sentByYou: true,
        location: { name: "Les Platanes" },
      });
      expect(mine.items.map((item) => item.id)).toContain(atTilleuls);

      const marc = await portal(emails.marc);
      const his = await marc.requests.list({ limit: 50 });
      // Claire's request at Tilleuls is Marc's to see too, without her name.
      expect(his.items.find((item) => item.id === atTilleuls)).toMatchObject({ sentByYou: false });
      expect(his.items.every((item) => item.location.name === "Les Tilleuls")).toBe(true);
      expect(JSON.stringify(his)).not.toContain("Claire");

      const zoe = await portal(emails.zoe);
      expect((await zoe.requests.list({})).items).toEqual([]);
    });

    it("pages and filters by status", async () => {
      const claire = await portal(emails.claire);
      const first = await claire.requests.list({ limit: 1 });
      expect(first.items).toHaveLength(1);
      expect(first.nextCursor).toBeTruthy();
      const second = await claire.requests.list({ limit: 1, cursor: first.nextCursor! });
      expect(second.items[0]!.id).not.toBe(first.items[0]!.id);
      expect((await claire.requests.list({ status: "declined" })).items).toEqual([]);
      expect(await fieldErrorsOf(claire.requests.list({ cursor: "not-a-cursor" }))).toHaveProperty("cursor");
    });

    it("answers NOT_FOUND for another place's, another customer's and another tenant's request, like a missing one", async () => {
      const marc = await portal(emails.marc);
      const missing = await notFoundMessage(() => marc.requests.get({ portalRequestId: randomUUID() }));
      expect(missing).toBe("This request does not exist or you cannot see it.");
      expect(await notFoundMessage(() => marc.requests.get({ portalRequestId: atPlatanes }))).toBe(missing);
      const zoe = await portal(emails.zoe);
      expect(await notFoundMessage(() => zoe.requests.get({ portalRequestId: atTilleuls }))).toBe(missing);
      const claire = await portal(emails.claire);
      expect(await notFoundMessage(() => claire.requests.get({ portalRequestId: strangerRequest }))).toBe(
        missing,
      );
      expect((await marc.requests.get({ portalRequestId: atTilleuls })).title).toBe("Tilleuls lift");
    });

    it("lets only the sender add files, while the request waits", async () => {
      const marc = await portal(emails.marc);
      expect(
        await refusal(marc.requests.addFiles({ portalRequestId: atTilleuls, files: [file("x", "x.txt")] })),
      ).toBe("FORBIDDEN");
      expect(
        await refusal(marc.requests.addFiles({ portalRequestId: atPlatanes, files: [file("x", "x.txt")] })),
      ).toBe("NOT_FOUND");
      const claire = await portal(emails.claire);
      expect(
        await claire.requests.addFiles({ portalRequestId: atTilleuls, files: [file("plan", "plan.txt")] }),
      ).toEqual({ added: 1 });
      // Marc sees the file with the request; a file id of another request does not open through this one.
      const seen = await marc.requests.get({ portalRequestId: atTilleuls });
      expect(seen.files.map((f) => f.fileName)).toEqual(["plan.txt"]);
      expect(seen.can.addFiles).toBe(false);
      expect(
        await refusal(
          claire.requests.openFile({ portalRequestId: atPlatanes, attachmentId: seen.files[0]!.id }),
        ),
      ).toBe("NOT_FOUND");
    });
  });

  describe("the office's review", () => {
    it("is read-only for dispatchers and closed to employees", async () => {
      const claire = await portal(emails.claire);
      const { id } = await claire.requests.create(newRequest(platanes, { title: "Dispatch only looks" }));
      const dispatcher = await staffApi(staff.dispatcher);
      const queue = await dispatcher.portalRequests.queue({});
      expect(queue.reviews).toBe(false);
      expect(queue.items.map((item) => item.id)).toContain(id);
      expect((await dispatcher.portalRequests.detail({ portalRequestId: id })).can).toEqual({
        review: false,
        markInReview: false,
      });
      expect(await refusal(dispatcher.portalRequests.accept({ portalRequestId: id, title: "x" }))).toBe(
        "FORBIDDEN",
      );
      expect(
        await refusal(dispatcher.portalRequests.decline({ portalRequestId: id, customerMessage: "No." })),
      ).toBe("FORBIDDEN");
      const lucas = await staffApi(staff.lucas);
      expect(await refusal(lucas.portalRequests.queue({}))).toBe("FORBIDDEN");
      expect(await refusal(lucas.portalRequests.detail({ portalRequestId: id }))).toBe("FORBIDDEN");
      expect(await refusal(lucas.portalRequests.accept({ portalRequestId: id, title: "x" }))).toBe(
        "FORBIDDEN",
      );
      expect((await requestRow(id)).status).toBe("submitted");
    });

    it("queues waiting requests oldest first, searches by customer, and shows the reviewer the whole request", async () => {
      const manager = await staffApi(staff.manager);
      const queue = await manager.portalRequests.queue({ search: "auberg" });
      expect(queue.reviews).toBe(true);
      expect(queue.items.length).toBeGreaterThan(1);
      expect(queue.items.every((item) => ["submitted", "in_review"].includes(item.status))).toBe(true);
      const times = queue.items.map((item) => item.createdAt.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect((await manager.portalRequests.queue({ search: "vernay" })).items).toEqual([]);
      expect(await refusal(manager.portalRequests.detail({ portalRequestId: strangerRequest }))).toBe(
        "NOT_FOUND",
      );

      const withFile = queue.items.find((item) => item.fileCount > 0)!;
      const detail = await manager.portalRequests.detail({ portalRequestId: withFile.id });
      expect(detail).toMatchObject({
        customer: { id: aubergine, name: "Aubergine Immobilier" },
        sender: { name: "Claire Dubois", email: emails.claire },
        contact: { id: claireContact, name: "Claire Dubois" },
        can: { review: true, markInReview: true },
      });
      expect(detail.files[0]).toMatchObject({ fileName: "meter.txt" });
      expect(detail.suggested.description).toContain("Preferred dates:");
    });

    it("accepts: a target with the request's customer, location and contact, linked, in one transaction with the milestones, audit and events", async () => {
      const claire = await portal(emails.claire);
      const { id } = await claire.requests.create(newRequest(platanes, { title: "Leaking tap" }));
      const manager = await staffApi(staff.manager);
      await manager.portalRequests.markInReview({ portalRequestId: id });
      expect((await claire.requests.get({ portalRequestId: id })).status).toBe("in_review");

      const decision = await manager.portalRequests.accept({
        portalRequestId: id,
        title: "Fix the leaking tap",
        priority: "urgent",
        dueDate: addDays(today(), 7),
        customerMessage: "We will plan a plumber this week.",
      });
      expect(decision).toMatchObject({ id, status: "accepted" });
      const row = await requestRow(id);
      expect(row).toMatchObject({
        status: "accepted",
        resultingTargetId: decision.targetId,
        reviewedById: staff.manager.userId,
        customerMessage: "We will plan a plumber this week.",
      });
      const target = await (await staffApi(staff.admin)).targets.get({ targetId: decision.targetId! });
      expect(target.target).toMatchObject({
        customerId: aubergine,
        locationId: platanes,
        contactId: claireContact,
        title: "Fix the leaking tap",
        priority: "urgent",
        dueDate: addDays(today(), 7),
        source: "portal_request",
        status: "open",
      });
      expect((await timelineOf(decision.targetId!)).map((e) => e.kind)).toEqual(["target_created"]);
      const reviewed = (await timelineOf(id)).filter((e) => e.kind === "portal_request_reviewed");
      expect(reviewed).toMatchObject([
        { portalVisible: true, actorType: "staff", actorId: staff.manager.userId },
      ]);
      expect((await auditOf(id)).map((a) => a.action).sort()).toEqual([
        "portal_request.accepted",
        "portal_request.in_review",
        "portal_request.submitted",
      ]);
      expect((await auditOf(decision.targetId!)).map((a) => a.action)).toEqual(["target.created"]);
      expect((await eventsAbout(decision.targetId!)).map((e) => e.payload.eventType)).toEqual([
        "target.created",
      ]);

      const seen = await claire.requests.get({ portalRequestId: id });
      expect(seen).toMatchObject({
        status: "accepted",
        customerMessage: "We will plan a plumber this week.",
      });
      expect(seen.milestones.reviewed).toBeInstanceOf(Date);
      expect(JSON.stringify(seen)).not.toContain(decision.targetId!);
      // Decided once: a second decision is refused and changes nothing.
      expect(
        await refusal(manager.portalRequests.decline({ portalRequestId: id, customerMessage: "No" })),
      ).toBe("FORBIDDEN");
    });

    it("leaves nothing behind when the target cannot be made", async () => {
      const claire = await portal(emails.claire);
      const site = (await buildLocation(h.db, { tenantId, customerId: aubergine, name: "Closing soon" }))
        .locationId;
      const { id } = await claire.requests.create(newRequest(site));
      await withTenant(h.db, tenantId, (tx) =>
        tx.update(schema.locations).set({ archivedAt: new Date() }).where(eq(schema.locations.id, site)),
      );
      const manager = await staffApi(staff.manager);
      expect(
        await fieldErrorsOf(manager.portalRequests.accept({ portalRequestId: id, title: "Too late" })),
      ).toEqual({
        locationId: ["Choose one of this customer's locations"],
      });
      expect(await requestRow(id)).toMatchObject({ status: "submitted", resultingTargetId: null });
      expect((await timelineOf(id)).map((e) => e.kind)).toEqual(["portal_request_submitted"]);
      expect((await auditOf(id)).map((a) => a.action)).toEqual(["portal_request.submitted"]);
      const targets = await withTenant(h.db, tenantId, (tx) =>
        tx
          .select()
          .from(schema.targets)
          .where(and(eq(schema.targets.locationId, site))),
      );
      expect(targets).toEqual([]);
    });

    it("declines only with a message for the customer, who then reads it", async () => {
      const claire = await portal(emails.claire);
      const { id } = await claire.requests.create(newRequest(tilleuls, { title: "New intercom" }));
      const admin = await staffApi(staff.admin);
      expect(
        await fieldErrorsOf(admin.portalRequests.decline({ portalRequestId: id, customerMessage: "  " })),
      ).toEqual({ customerMessage: ["Tell the customer why the request is declined"] });
      expect((await requestRow(id)).status).toBe("submitted");

      const message = "Installing intercoms is outside our contract.";
      expect(
        await admin.portalRequests.decline({ portalRequestId: id, customerMessage: message }),
      ).toMatchObject({
        status: "declined",
        targetId: null,
      });
      expect((await timelineOf(id)).find((e) => e.kind === "portal_request_reviewed")).toMatchObject({
        portalVisible: true,
      });
      expect((await auditOf(id)).map((a) => a.action)).toContain("portal_request.declined");
      const marc = await portal(emails.marc);
      expect(await marc.requests.get({ portalRequestId: id })).toMatchObject({
        status: "declined",
        customerMessage: message,
      });
    });
  });

  describe("following the work", () => {
    it("becomes planned with a visit, accepted again when it is called off, and completed when the work is done", async () => {
      const { id, targetId } = await accepted();
      const admin = await staffApi(staff.admin);
      const start = new Date(Date.now() + 3 * 86_400_000);
      const visit = await admin.appointments.create({
        targetId,
        plannedStart: start,
        plannedEnd: new Date(start.getTime() + 3_600_000),
        assignedEmployeeId: staff.lucas.userId,
      });
      const appointmentId = visit.appointment!.id;
      expect((await requestRow(id)).status).toBe("planned");
      const claire = await portal(emails.claire);
      const planned = await claire.requests.get({ portalRequestId: id });
      expect(planned.nextVisit?.start.getTime()).toBe(start.getTime());
      expect(planned.milestones.planned).toBeInstanceOf(Date);

      await admin.appointments.changeStatus({ appointmentId, status: "cancelled" });
      expect((await requestRow(id)).status).toBe("accepted");
      expect((await claire.requests.get({ portalRequestId: id })).nextVisit).toBeNull();

      await admin.targets.changeStatus({ targetId, status: "done" });
      expect((await requestRow(id)).status).toBe("completed");
      const kinds = (await timelineOf(id)).map((e) => e.kind);
      expect(kinds.filter((k) => k === "portal_request_planned")).toHaveLength(1);
      expect(kinds).toContain("portal_request_completed");
      expect(
        (await timelineOf(id))
          .filter((e) => e.kind.startsWith("portal_request_"))
          .every((e) => e.portalVisible),
      ).toBe(true);
      expect((await claire.requests.get({ portalRequestId: id })).milestones.completed).toBeInstanceOf(Date);
      // Each step the request took with its target is in the audit log, from and to.
      const steps = (await auditOf(id))
        .filter((a) => a.action === "portal_request.status_changed")
        .map((a) => a.metadata);
      expect(steps).toEqual(
        expect.arrayContaining([
          { from: "accepted", to: "planned" },
          { from: "planned", to: "accepted" },
          { from: "accepted", to: "completed" },
        ]),
      );
      expect(steps).toHaveLength(3);
      // The office's History tells the same story, each entry linking to the request's page.
      const history = await admin.timeline.customer({
        customerId: aubergine,
        groups: ["portal"],
        limit: 100,
      });
      const told = history.items.filter((item) => item.object?.id === id);
      expect(told.map((item) => item.kind).sort()).toEqual([
        "portal_request_completed",
        "portal_request_planned",
        "portal_request_reviewed",
        "portal_request_submitted",
      ]);
      expect(told.every((item) => item.object?.href === `/requests/${id}`)).toBe(true);
    });

    it("completes when the employee finishes the visit on site", async () => {
      const { id, targetId } = await accepted("Gate motor");
      const admin = await staffApi(staff.admin);
      const start = new Date(Date.now() + 60_000);
      const visit = await admin.appointments.create({
        targetId,
        plannedStart: start,
        plannedEnd: new Date(start.getTime() + 3_600_000),
        assignedEmployeeId: staff.lucas.userId,
      });
      const appointmentId = visit.appointment!.id;
      const lucas = await staffApi(staff.lucas);
      for (const status of ["on_site", "completed"] as const) {
        await lucas.execution.record({
          clientId: randomUUID(),
          appointmentId,
          kind: "status_change",
          status,
          recordedAt: new Date(),
        });
      }
      expect((await requestRow(id)).status).toBe("completed");
      expect((await timelineOf(id)).map((e) => e.kind)).toContain("portal_request_completed");
    });
  });
});
