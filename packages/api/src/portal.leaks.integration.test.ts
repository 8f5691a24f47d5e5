import { randomUUID } from "node:crypto";
import { schema, withTenant } from "@ordinavo/db";
import { testEngines } from "@ordinavo/db/testing";
import {
  buildContact,
  buildCustomer,
  buildLocation,
  buildPortalUser,
  buildVisit,
  createAttachment,
  createBillingTrigger,
  createExternalReference,
  createFollowUp,
  createInternalNote,
  createMobileUpdate,
  createPortalRequest,
  createRoute,
  createRouteStop,
  createTimelineEntry,
  createVisitReport,
  type StaffIds,
} from "@ordinavo/demo";
import { addDays, localDay } from "@ordinavo/domain";
import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { portalCaller } from "./callers";
import { portalRouter } from "./portal";
import { callPath, type PortalApi, portalAs, portalCookie } from "./portal.test-support";
import {
  type ApiHarness,
  buildWorkspace,
  openApiHarness,
  PORTAL,
  request,
  TEST_PASSWORD,
} from "./test-support";

// Nothing internal leaves through the portal. One world on one database: two tenants; in the
// first, customer Aubergine with sites Alpha and Beta and a second customer, Vernay. Every field
// the spec keeps internal carries a "LEAK-" marker (internal notes, the report's own texts,
// billing, mobile updates, employees' details, contacts' private fields, access notes, webhooks,
// API keys, imports, mapping warnings, external references, audit and outbox rows), and so does
// everything of Vernay and of the other tenant. Things at site Beta carry "HIDDEN-SITE-": the
// whole-customer contact sees them, the Alpha-only contact must not.
//
// Then every procedure of the portal router is called — the list comes from the router itself,
// so a new procedure without a row in the table below fails this test — by both contacts: what
// they may see must come back without a marker (nor a field named like an internal one), and
// every id of something they may not see (another customer's, another tenant's, another site's,
// an unpublished report, an unreleased file) must be refused exactly as a random id is, as
// NOT_FOUND for reads.

/** Markers: everything internal, another customer's or tenant's; and Beta's, for the Alpha contact. */
const LEAK = /.{0,40}leak-.{0,40}/i;
const HIDDEN_SITE = /.{0,40}hidden-site-.{0,40}/i;
/** Field names that only internal views have. */
const internalKeys = new Set([
  "position",
  "travelMinutesFromPrevious",
  "travelKmFromPrevious",
  "routeId",
  "optimisedAt",
  "billable",
  "billingNote",
  "problems",
  "returnedReason",
  "followUpDetails",
  "authorId",
  "approvedById",
  "returnedById",
  "publishedById",
  "reviewedById",
  "assignedEmployeeId",
  "createdById",
  "uploadedById",
  "secret",
  "secretHash",
  "payload",
  "storageKey",
  "checksumSha256",
  "accessNotes",
  "parkingNotes",
  "externalId",
  "sourceSystem",
  "portalUserId",
  "tenantId",
]);

type Who = "site" | "whole";

/** The ids the table's inputs use. */
interface World {
  customer: string;
  siteA: string;
  siteB: string;
  otherCustomer: string;
  otherCustomerSite: string;
  foreignCustomer: string;
  foreignSite: string;
  /** Requests: the Alpha contact's own (submitted, with a file), a colleague's at Alpha, one at Beta… */
  requestOwn: string;
  requestColleague: string;
  requestBeta: string;
  requestOther: string;
  requestForeign: string;
  fileOwnRequest: string;
  fileBetaRequest: string;
  fileOtherRequest: string;
  /** Reports: published at Alpha (with a released and an unreleased file), unpublished, draft… */
  reportPublished: string;
  reportUnpublished: string;
  reportDraft: string;
  reportBeta: string;
  reportOther: string;
  reportForeign: string;
  fileReleased: string;
  fileUnreleased: string;
  fileOfUnpublished: string;
  fileBeta: string;
  fileOther: string;
  fileForeign: string;
  fileOfTarget: string;
  fileOfUpdate: string;
}

/** How a call ended: its value, or the refusal's code and message. */
type Outcome = { ok: true; value: unknown } | { ok: false; code: string; message: string };

async function outcome(promise: Promise<unknown>): Promise<Outcome> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    if (error instanceof TRPCError) return { ok: false, code: error.code, message: error.message };
    throw error;
  }
}

/** A one-pixel PNG, for the file procedures. */
const png = () =>
  new File(
    [
      Buffer.from(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
        "base64",
      ),
    ],
    "pixel.png",
    { type: "image/png" },
  );

interface Row {
  /** Inputs this contact may use: the answer is scanned for markers. */
  visible?: (w: World, who: Who) => unknown[];
  /**
   * Inputs naming something this contact may not see: refused exactly as `missing` is, or as the
   * input given with it (`like`: the same call with only the hidden id replaced by a random one).
   */
  hidden?: (w: World, who: Who) => (unknown | Like)[];
  /** The same input with ids that exist nowhere. */
  missing?: () => unknown;
  /** Called with a session of its own (signing out ends the session). */
  ownSession?: boolean;
  /** Refused whatever the input (a public step that needs a token nobody has): scanned, not required to succeed. */
  anyOutcome?: boolean;
}

/** A hidden input and the call it must be refused like. */
class Like {
  constructor(
    readonly input: unknown,
    readonly like: unknown,
  ) {}
}

const none = () => randomUUID();
/** Beta's things are hidden from the Alpha contact only. */
const beta = (who: Who, ...ids: string[]) => (who === "site" ? ids : []);

/** Every portal procedure, by path. A new procedure needs a row here, or the test fails. */
const table: Record<string, Row> = {
  "auth.signIn": { visible: () => [], anyOutcome: true },
  "auth.signOut": { visible: () => [undefined], ownSession: true },
  "auth.requestPasswordReset": { visible: () => [{ email: "nobody@example.test" }] },
  "auth.resetPassword": {
    visible: () => [{ token: "not-a-token", password: "a long new password 2027" }],
    anyOutcome: true,
  },
  "session.me": { visible: () => [undefined] },
  "account.setLocale": { visible: () => [{ locale: "fr" }, { locale: "en" }] },
  "account.switchCustomer": {
    visible: (w) => [{ customerId: w.customer }],
    hidden: (w) => [{ customerId: w.otherCustomer }, { customerId: w.foreignCustomer }],
    missing: () => ({ customerId: none() }),
  },
  "invitations.get": { visible: () => [{ token: "not-a-token" }] },
  "invitations.accept": {
    visible: () => [{ token: "not-a-token", name: "Someone", password: "x" }],
    anyOutcome: true,
  },
  "requests.list": { visible: () => [{}, { status: "submitted" }, { limit: 1 }] },
  "requests.get": {
    visible: (w, who) => [
      { portalRequestId: w.requestOwn },
      { portalRequestId: w.requestColleague },
      ...(who === "whole" ? [{ portalRequestId: w.requestBeta }] : []),
    ],
    hidden: (w, who) =>
      [...beta(who, w.requestBeta), w.requestOther, w.requestForeign].map((id) => ({ portalRequestId: id })),
    missing: () => ({ portalRequestId: none() }),
  },
  "requests.places": { visible: () => [undefined] },
  "requests.limits": { visible: () => [undefined] },
  "requests.create": {
    visible: (w) => [
      { type: "service", title: "A dripping tap", description: "In the staff kitchen.", locationId: w.siteA },
    ],
    hidden: (w, who) =>
      [...beta(who, w.siteB), w.otherCustomerSite, w.foreignSite].map((locationId) => ({
        type: "service",
        title: "A dripping tap",
        description: "In the staff kitchen.",
        locationId,
      })),
    missing: () => ({
      type: "service",
      title: "A dripping tap",
      description: "In the staff kitchen.",
      locationId: none(),
    }),
  },
  "requests.addFiles": {
    hidden: (w, who) =>
      [...beta(who, w.requestBeta), w.requestOther, w.requestForeign].map((id) => ({
        portalRequestId: id,
        files: [png()],
      })),
    missing: () => ({ portalRequestId: none(), files: [png()] }),
  },
  "requests.openFile": {
    visible: (w, who) => [
      { portalRequestId: w.requestOwn, attachmentId: w.fileOwnRequest },
      ...(who === "whole" ? [{ portalRequestId: w.requestBeta, attachmentId: w.fileBetaRequest }] : []),
    ],
    hidden: (w, who) => [
      ...beta(who, w.fileBetaRequest).map((attachmentId) => ({
        portalRequestId: w.requestBeta,
        attachmentId,
      })),
      { portalRequestId: w.requestOther, attachmentId: w.fileOtherRequest },
      // A file of another owner named with a request the contact does see: like a missing file.
      ...[w.fileOtherRequest, w.fileReleased, w.fileOfTarget, w.fileBetaRequest].map(
        (attachmentId) =>
          new Like(
            { portalRequestId: w.requestOwn, attachmentId },
            { portalRequestId: w.requestOwn, attachmentId: none() },
          ),
      ),
    ],
    missing: () => ({ portalRequestId: none(), attachmentId: none() }),
  },
  "appointments.list": {
    visible: () => [{ when: "upcoming" }, { when: "recent" }, { when: "upcoming", limit: 1 }],
  },
  "appointments.openWork": { visible: () => [{}] },
  "reports.list": { visible: () => [{}, { limit: 1 }] },
  "reports.get": {
    visible: (w, who) => [
      { reportId: w.reportPublished },
      ...(who === "whole" ? [{ reportId: w.reportBeta }] : []),
    ],
    hidden: (w, who) =>
      [w.reportUnpublished, w.reportDraft, ...beta(who, w.reportBeta), w.reportOther, w.reportForeign].map(
        (reportId) => ({ reportId }),
      ),
    missing: () => ({ reportId: none() }),
  },
  "reports.openFile": {
    visible: (w, who) => [
      { attachmentId: w.fileReleased },
      ...(who === "whole" ? [{ attachmentId: w.fileBeta }] : []),
    ],
    hidden: (w, who) =>
      [
        w.fileUnreleased,
        w.fileOfUnpublished,
        ...beta(who, w.fileBeta),
        w.fileOther,
        w.fileForeign,
        w.fileOfTarget,
        w.fileOfUpdate,
        w.fileOwnRequest,
      ].map((attachmentId) => ({ attachmentId })),
    missing: () => ({ attachmentId: none() }),
  },
  "timeline.list": {
    visible: () => [
      {},
      { group: "requests" },
      { group: "appointments" },
      { group: "reports" },
      { group: "follow_ups" },
    ],
  },
  "home.summary": { visible: () => [undefined] },
};

const procedures = Object.keys(portalRouter._def.procedures as Record<string, unknown>).sort();
const typeOf = (path: string) =>
  (portalRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>)[path]!._def.type;

/** The markers and internal field names found in an answer. */
function leaksIn(value: unknown, who: Who): string[] {
  const found: string[] = [];
  const text = JSON.stringify(value) ?? "";
  const marker = text.match(LEAK) ?? (who === "site" ? text.match(HIDDEN_SITE) : null);
  if (marker) found.push(`marker in …${marker[0]}…`);
  const walk = (node: unknown, path: string) => {
    if (Array.isArray(node)) {
      for (const [i, item] of node.entries()) walk(item, `${path}[${i}]`);
    } else if (node && typeof node === "object" && !(node instanceof Date)) {
      for (const [key, inner] of Object.entries(node)) {
        if (internalKeys.has(key)) found.push(`internal field ${path}.${key}`);
        walk(inner, `${path}.${key}`);
      }
    }
  };
  walk(value, "");
  return found;
}

describe.each(testEngines())("portal leaks on %s", (engine) => {
  let h: ApiHarness;
  let w: World;
  const users: Record<Who, { email: string }> = {
    site: { email: "alpha.contact@aubergine.example" },
    whole: { email: "whole.contact@aubergine.example" },
  };
  const apis = {} as Record<Who, PortalApi>;

  beforeAll(async () => {
    h = await openApiHarness(engine);
    w = await buildWorld(h, users);
    apis.site = await portalAs(h, users.site.email);
    apis.whole = await portalAs(h, users.whole.email);
  }, 180_000);

  afterAll(async () => {
    await h?.destroy();
  });

  it("has a row in the table for every portal procedure (and none for procedures that are gone)", () => {
    expect(
      procedures.filter((path) => !(path in table)),
      "procedures without a row",
    ).toEqual([]);
    expect(
      Object.keys(table).filter((path) => !procedures.includes(path)),
      "rows without a procedure",
    ).toEqual([]);
  });

  it("plants the markers it looks for", () => {
    expect(leaksIn({ note: "x LEAK-y" }, "whole")).toHaveLength(1);
    expect(leaksIn({ name: "HIDDEN-SITE-z" }, "site")).toHaveLength(1);
    expect(leaksIn({ name: "HIDDEN-SITE-z" }, "whole")).toHaveLength(0);
    expect(leaksIn([{ a: { position: 1 } }], "whole")).toEqual(["internal field [0].a.position"]);
  });

  describe.each(["site", "whole"] as const)("the %s contact", (who) => {
    it.each(procedures)(
      "%s: answers without anything internal, and hides what is not theirs",
      async (path) => {
        const row = table[path];
        expect(row, `${path} needs a row in the leak table`).toBeDefined();
        if (!row) return;
        let api = apis[who];
        if (row.ownSession) {
          // A session of its own, signed in here (the shared one must survive).
          const signIn = await portalCaller({ services: h.services, request: request(PORTAL) });
          await signIn.api.auth.signIn({ email: users[who].email, password: TEST_PASSWORD });
          const cookie = signIn.cookies[0]!.split(";")[0]!;
          api = (await portalCaller({ services: h.services, request: request(PORTAL, cookie) })).api;
        }
        const visible = row.visible?.(w, who) ?? [];
        for (const input of path === "auth.signIn"
          ? [{ email: users[who].email, password: TEST_PASSWORD }]
          : visible) {
          const result = await outcome(callPath(api, path, input));
          if (!row.anyOutcome) {
            expect(result, `${path}(${JSON.stringify(input)}) should succeed`).toMatchObject({ ok: true });
          }
          expect(leaksIn(result, who), `${path}(${JSON.stringify(input)})`).toEqual([]);
        }
        if (!row.hidden) return;
        const missing = await outcome(callPath(api, path, row.missing!()));
        expect(missing.ok, `${path} with a random id should be refused`).toBe(false);
        if (typeOf(path) === "query") expect(missing).toMatchObject({ code: "NOT_FOUND" });
        for (const hidden of row.hidden(w, who)) {
          const input = hidden instanceof Like ? hidden.input : hidden;
          const expected = hidden instanceof Like ? await outcome(callPath(api, path, hidden.like)) : missing;
          expect(expected.ok).toBe(false);
          const result = await outcome(callPath(api, path, input));
          const shown = JSON.stringify(input, (_k, v) => (v instanceof File ? "File" : v));
          expect(result, `${path}(${shown})`).toEqual(expected);
        }
      },
    );
  });

  it("the shared sessions still work after every call (nothing above signed them out)", async () => {
    expect((await apis.site.session.me()).user.email).toBe(users.site.email);
    expect(await portalCookie(h, users.whole.email)).toBeTruthy();
  });
});

// ---- The world --------------------------------------------------------------------------------

async function buildWorld(h: ApiHarness, users: Record<Who, { email: string }>): Promise<World> {
  const { tenantId, staff } = await buildWorkspace(
    h.db,
    {
      admin: { role: "tenant_admin", name: "Alice LEAK-admin", email: "alice.LEAK-admin@provider.example" },
      manager: { role: "manager", name: "Marc LEAK-reviewer", email: "marc.LEAK-reviewer@provider.example" },
      lucas: { role: "employee", name: "Lucas LEAK-surname", email: "lucas.LEAK-mail@provider.example" },
    },
    { portalShowsTechnician: true, portalAttachmentDownloads: true },
  );
  const now = new Date();
  const tomorrow = addDays(localDay(now, "Europe/Paris"), 1);
  const at = (day: string, hour: number) => new Date(`${day}T${String(hour).padStart(2, "0")}:00:00Z`);

  // Customer Aubergine: site Alpha (both contacts) and site Beta (the whole-customer contact).
  const { customerId } = await buildCustomer(h.db, {
    tenantId,
    name: "Aubergine",
    notes: "LEAK-customer-notes",
  });
  const { locationId: siteA } = await buildLocation(h.db, {
    tenantId,
    customerId,
    name: "Alpha",
    accessNotes: "LEAK-access-notes",
    parkingNotes: "LEAK-parking-notes",
  });
  const { locationId: siteB } = await buildLocation(h.db, {
    tenantId,
    customerId,
    name: "HIDDEN-SITE-Beta",
    accessNotes: "LEAK-access-notes-beta",
  });
  await buildContact(h.db, {
    tenantId,
    customerId,
    locationId: siteA,
    name: "Paula Private",
    email: "LEAK-contact-email@aubergine.example",
    phone: "LEAK-contact-phone",
    mobile: "LEAK-contact-mobile",
    department: "LEAK-contact-department",
  });
  await buildPortalUser(h.db, {
    tenantId,
    customerId,
    locationIds: [siteA],
    email: users.site.email,
    name: "Anna Alpha",
    password: TEST_PASSWORD,
  });
  await buildPortalUser(h.db, {
    tenantId,
    customerId,
    email: users.whole.email,
    name: "Walter Whole",
    password: TEST_PASSWORD,
  });
  const colleague = await buildPortalUser(h.db, {
    tenantId,
    customerId,
    locationIds: [siteA],
    email: "colette.LEAK-colleague@aubergine.example",
    name: "Colette LEAK-colleague",
  });
  const siteUser = await withTenant(h.db, tenantId, (tx) =>
    tx.select({ id: schema.portalUsers.id, email: schema.portalUsers.email }).from(schema.portalUsers),
  );
  const alphaContact = siteUser.find((u) => u.email === users.site.email)!.id;

  // Customer Vernay (same tenant) and a customer of another tenant: everything marked.
  const { customerId: otherCustomer } = await buildCustomer(h.db, { tenantId, name: "LEAK-Vernay" });
  const { locationId: otherCustomerSite } = await buildLocation(h.db, {
    tenantId,
    customerId: otherCustomer,
    name: "LEAK-Vernay-site",
  });
  const foreign = await buildWorkspace(h.db, {
    admin: { role: "tenant_admin", name: "LEAK-foreign-admin" },
    tech: { role: "employee", name: "LEAK-foreign-tech" },
  });
  const { customerId: foreignCustomer } = await buildCustomer(h.db, {
    tenantId: foreign.tenantId,
    name: "LEAK-foreign-customer",
  });
  const { locationId: foreignSite } = await buildLocation(h.db, {
    tenantId: foreign.tenantId,
    customerId: foreignCustomer,
    name: "LEAK-foreign-site",
  });

  // Visits: upcoming and done ones at each place, assigned to Lucas, with marked work (the office's
  // titles of work are internal too: the portal names a visit by the customer's request or its kind).
  const visit = (
    tenant: string,
    customer: string,
    location: string,
    employee: StaffIds,
    day: string,
    title: string,
  ) =>
    buildVisit(h.db, {
      tenantId: tenant,
      customerId: customer,
      locationId: location,
      assignedEmployeeId: employee.userId,
      plannedStart: at(day, 8),
      plannedEnd: at(day, 9),
      target: { title, description: "LEAK-target-description", createdById: staff.manager.userId },
    });
  const upcomingA = await visit(tenantId, customerId, siteA, staff.lucas, tomorrow, "LEAK-work-title");
  await visit(tenantId, customerId, siteB, staff.lucas, tomorrow, "HIDDEN-SITE-work");
  await visit(tenantId, otherCustomer, otherCustomerSite, staff.lucas, tomorrow, "LEAK-other-work");
  await visit(
    foreign.tenantId,
    foreignCustomer,
    foreignSite,
    foreign.staff.tech,
    tomorrow,
    "LEAK-foreign-work",
  );
  const pastDay = addDays(tomorrow, -4);
  const done = async (
    tenant: string,
    customer: string,
    location: string,
    employee: StaffIds,
    title: string,
  ) =>
    visit(tenant, customer, location, employee, pastDay, title).then(async (ids) => {
      await withTenant(h.db, tenant, (tx) =>
        tx
          .update(schema.appointments)
          .set({ status: "completed", completedAt: at(pastDay, 9) })
          .where(eq(schema.appointments.id, ids.appointmentId)),
      );
      return ids;
    });
  const doneA = await done(tenantId, customerId, siteA, staff.lucas, "LEAK-done-title-1");
  const doneA2 = await done(tenantId, customerId, siteA, staff.lucas, "LEAK-done-title-2");
  const doneA3 = await done(tenantId, customerId, siteA, staff.lucas, "LEAK-done-title-3");
  const doneB = await done(tenantId, customerId, siteB, staff.lucas, "HIDDEN-SITE-done");
  const doneOther = await done(tenantId, otherCustomer, otherCustomerSite, staff.lucas, "LEAK-other-done");
  const doneForeign = await done(
    foreign.tenantId,
    foreignCustomer,
    foreignSite,
    foreign.staff.tech,
    "LEAK-f-done",
  );

  const ids = {} as World;
  Object.assign(ids, {
    customer: customerId,
    siteA,
    siteB,
    otherCustomer,
    otherCustomerSite,
    foreignCustomer,
    foreignSite,
  });

  await withTenant(h.db, tenantId, async (tx) => {
    // Route and stop of the upcoming visit (order and travel are internal).
    const route = await createRoute(tx, { tenantId, employeeId: staff.lucas.userId, day: tomorrow });
    await createRouteStop(tx, {
      tenantId,
      routeId: route.id,
      appointmentId: upcomingA.appointmentId,
      position: 1,
      travelMinutesFromPrevious: 17,
    });
    await createInternalNote(tx, {
      tenantId,
      customerId,
      objectType: "customer",
      objectId: customerId,
      body: "LEAK-internal-note",
      authorId: staff.manager.userId,
    });
    await createInternalNote(tx, {
      tenantId,
      customerId,
      objectType: "appointment",
      objectId: upcomingA.appointmentId,
      body: "LEAK-appointment-note",
    });
    await createExternalReference(tx, {
      tenantId,
      objectType: "customer",
      objectId: customerId,
      sourceSystem: "LEAK-erp",
      externalId: "LEAK-external-id",
    });
    const update = await createMobileUpdate(tx, {
      tenantId,
      appointmentId: doneA.appointmentId,
      employeeId: staff.lucas.userId,
      kind: "problem_report",
      body: "LEAK-mobile-update",
      recordedAt: at(pastDay, 8),
    });

    // Reports at Alpha: published (its own texts marked, the portal's texts plain), approved but
    // not published, a draft; one published at Beta and one at Vernay.
    const report = (
      visitIds: { appointmentId: string; targetId: string },
      customer: string,
      location: string,
      published: boolean,
      status: "approved" | "draft",
      portalTitle: string,
    ) =>
      createVisitReport(tx, {
        tenantId,
        ...visitIds,
        customerId: customer,
        locationId: location,
        authorId: staff.lucas.userId,
        title: "LEAK-report-title",
        summary: "LEAK-report-summary",
        problems: "LEAK-report-problems",
        followUpRequired: true,
        followUpDetails: "LEAK-follow-up-details",
        billable: true,
        billingNote: "LEAK-billing-note",
        returnedReason: "LEAK-returned-reason",
        status,
        approvedAt: status === "approved" ? now : null,
        approvedById: status === "approved" ? staff.manager.userId : null,
        portalTitle: published ? portalTitle : status === "approved" ? "LEAK-unpublished-title" : null,
        portalSummary: published ? `${portalTitle}: all good.` : "LEAK-unpublished-summary",
        portalMessage: published ? "Thank you." : null,
        publishedAt: published ? now : null,
        publishedById: published ? staff.manager.userId : null,
      });
    const published = await report(doneA, customerId, siteA, true, "approved", "Quarterly check report");
    const unpublished = await report(doneA2, customerId, siteA, false, "approved", "");
    const draft = await report(doneA3, customerId, siteA, false, "draft", "");
    const betaReport = await report(doneB, customerId, siteB, true, "approved", "HIDDEN-SITE-report");
    const otherReport = await report(
      doneOther,
      otherCustomer,
      otherCustomerSite,
      true,
      "approved",
      "LEAK-other",
    );
    Object.assign(ids, {
      reportPublished: published.id,
      reportUnpublished: unpublished.id,
      reportDraft: draft.id,
      reportBeta: betaReport.id,
      reportOther: otherReport.id,
    });
    await createBillingTrigger(tx, {
      tenantId,
      visitReportId: published.id,
      customerId,
      note: "LEAK-billing-trigger",
    });
    await createFollowUp(tx, {
      tenantId,
      visitReportId: published.id,
      customerId,
      locationId: siteA,
      details: "LEAK-follow-up",
    });
    const file = (
      ownerType: "visit_report" | "target" | "mobile_update" | "portal_request",
      ownerId: string,
      customer: string,
      fileName: string,
      released: boolean,
    ) =>
      createAttachment(tx, {
        tenantId,
        customerId: customer,
        ownerType,
        ownerId,
        fileName,
        uploadedById: staff.lucas.userId,
        portalReleasedAt: released ? now : null,
        portalReleasedById: released ? staff.manager.userId : null,
      });
    Object.assign(ids, {
      fileReleased: (await file("visit_report", published.id, customerId, "shared-photo.jpg", true)).id,
      fileUnreleased: (await file("visit_report", published.id, customerId, "LEAK-unreleased.jpg", false)).id,
      fileOfUnpublished: (
        await file("visit_report", unpublished.id, customerId, "LEAK-unpublished.jpg", true)
      ).id,
      fileBeta: (await file("visit_report", betaReport.id, customerId, "HIDDEN-SITE-photo.jpg", true)).id,
      fileOther: (await file("visit_report", otherReport.id, otherCustomer, "LEAK-other.jpg", true)).id,
      fileOfTarget: (await file("target", doneA.targetId, customerId, "LEAK-target-file.pdf", false)).id,
      fileOfUpdate: (await file("mobile_update", update.id, customerId, "LEAK-update-file.jpg", false)).id,
    });

    // Requests: the Alpha contact's own (submitted, a file), a colleague's at Alpha (reviewed by a
    // manager whose name is marked), one at Beta, one at Vernay.
    const request = (location: string, customer: string, title: string, extra: object = {}) =>
      createPortalRequest(tx, {
        tenantId,
        customerId: customer,
        locationId: location,
        title,
        description: `${title} (description)`,
        ...extra,
      });
    const own = await request(siteA, customerId, "Leaking radiator", { portalUserId: alphaContact });
    const colleagues = await request(siteA, customerId, "Broken door closer", {
      portalUserId: colleague.portalUserId,
      status: "accepted",
      reviewedById: staff.manager.userId,
      reviewedAt: now,
      customerMessage: "We will come next week.",
      resultingTargetId: upcomingA.targetId,
    });
    const betaRequest = await request(siteB, customerId, "HIDDEN-SITE-request");
    const otherRequest = await request(otherCustomerSite, otherCustomer, "LEAK-other-request");
    Object.assign(ids, {
      requestOwn: own.id,
      requestColleague: colleagues.id,
      requestBeta: betaRequest.id,
      requestOther: otherRequest.id,
      fileOwnRequest: (await file("portal_request", own.id, customerId, "radiator.jpg", false)).id,
      fileBetaRequest: (await file("portal_request", betaRequest.id, customerId, "HIDDEN-SITE-r.jpg", false))
        .id,
      fileOtherRequest: (await file("portal_request", otherRequest.id, otherCustomer, "LEAK-r.jpg", false))
        .id,
    });

    // The timeline of each place, marked for the portal; internal kinds marked too, wrongly.
    const entry = (
      kind: Parameters<typeof createTimelineEntry>[1]["kind"],
      objectType: Parameters<typeof createTimelineEntry>[1]["objectType"],
      objectId: string,
      customer: string,
      location: string | null,
    ) =>
      createTimelineEntry(tx, {
        tenantId,
        customerId: customer,
        locationId: location,
        kind,
        objectType,
        objectId,
        occurredAt: now,
        portalVisible: true,
        actorType: "staff",
        actorId: staff.manager.userId,
      });
    await entry("portal_request_submitted", "portal_request", own.id, customerId, siteA);
    await entry("portal_request_reviewed", "portal_request", colleagues.id, customerId, siteA);
    await entry("portal_request_submitted", "portal_request", betaRequest.id, customerId, siteB);
    await entry("appointment_planned", "appointment", upcomingA.appointmentId, customerId, siteA);
    await entry("visit_report_published", "visit_report", published.id, customerId, siteA);
    await entry("visit_report_published", "visit_report", betaReport.id, customerId, siteB);
    await entry("visit_report_approved", "visit_report", unpublished.id, customerId, siteA);
    await entry("internal_note_added", "customer", customerId, customerId, null);
    await entry("route_stop_visited", "route", route.id, customerId, siteA);
    await entry(
      "portal_request_submitted",
      "portal_request",
      otherRequest.id,
      otherCustomer,
      otherCustomerSite,
    );

    // Integration data: webhooks, deliveries, API keys, imports, mapping warnings, audit, outbox.
    const [subscription] = await tx
      .insert(schema.webhookSubscriptions)
      .values({
        tenantId,
        url: "https://LEAK-webhook.example/hook",
        description: "LEAK-webhook-description",
        eventTypes: ["appointment.planned"],
        secret: "LEAK-webhook-secret",
      })
      .returning();
    const [delivery] = await tx
      .insert(schema.webhookDeliveries)
      .values({
        tenantId,
        subscriptionId: subscription!.id,
        eventId: randomUUID(),
        eventType: "appointment.planned",
        payload: { note: "LEAK-webhook-payload", appointmentId: upcomingA.appointmentId },
      })
      .returning();
    await tx.insert(schema.webhookDeliveryAttempts).values({
      tenantId,
      deliveryId: delivery!.id,
      attemptNumber: 1,
      startedAt: now,
      durationMs: 30,
      statusCode: 500,
      error: "LEAK-delivery-error",
      responseExcerpt: "LEAK-response-excerpt",
    });
    await tx.insert(schema.apiKeys).values({
      tenantId,
      name: "LEAK-api-key",
      prefix: "ordv_leak",
      secretHash: `LEAK-${randomUUID()}`,
      scopes: ["customers:read"],
    });
    const [job] = await tx
      .insert(schema.importJobs)
      .values({ tenantId, sourceSystem: "LEAK-source", kind: "targets", error: "LEAK-import-error" })
      .returning();
    const [importRow] = await tx
      .insert(schema.importRows)
      .values({ tenantId, importJobId: job!.id, rowNumber: 1, payload: { title: "LEAK-import-payload" } })
      .returning();
    await tx.insert(schema.mappingWarnings).values({
      tenantId,
      importJobId: job!.id,
      importRowId: importRow!.id,
      field: "title",
      code: "truncated",
      message: "LEAK-mapping-warning",
    });
    await tx.insert(schema.auditLog).values({
      tenantId,
      actorType: "staff",
      actorId: staff.manager.userId,
      action: "customer.updated",
      objectType: "customer",
      objectId: customerId,
      metadata: { note: "LEAK-audit" },
    });
    await tx.insert(schema.outboxEvents).values({
      tenantId,
      name: "ordinavo/webhook.event_recorded",
      payload: { note: "LEAK-outbox" },
      lastError: "LEAK-outbox-error",
    });
  });

  // The other tenant: a published report with a released file, a request, a timeline entry.
  await withTenant(h.db, foreign.tenantId, async (tx) => {
    const report = await createVisitReport(tx, {
      tenantId: foreign.tenantId,
      ...doneForeign,
      customerId: foreignCustomer,
      locationId: foreignSite,
      title: "LEAK-foreign-report",
      status: "approved",
      approvedAt: now,
      portalTitle: "LEAK-foreign-portal-title",
      publishedAt: now,
    });
    const file = await createAttachment(tx, {
      tenantId: foreign.tenantId,
      customerId: foreignCustomer,
      ownerType: "visit_report",
      ownerId: report.id,
      fileName: "LEAK-foreign.jpg",
      portalReleasedAt: now,
    });
    const request = await createPortalRequest(tx, {
      tenantId: foreign.tenantId,
      customerId: foreignCustomer,
      locationId: foreignSite,
      title: "LEAK-foreign-request",
    });
    await createTimelineEntry(tx, {
      tenantId: foreign.tenantId,
      customerId: foreignCustomer,
      locationId: foreignSite,
      kind: "visit_report_published",
      objectType: "visit_report",
      objectId: report.id,
      occurredAt: now,
      portalVisible: true,
    });
    Object.assign(ids, { reportForeign: report.id, fileForeign: file.id, requestForeign: request.id });
  });
  return ids;
}
