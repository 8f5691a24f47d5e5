import { createAuth, createMailer, hashPassword, silentLog } from "@ordinavo/auth";
import { type Database, schema, withTenant } from "@ordinavo/db";
import { createTestDatabase, type TestDatabase, testEngines } from "@ordinavo/db/testing";
import {
  addMembership,
  createAppointment,
  createCustomer,
  createLocation,
  createStaffUser,
  createTarget,
  createTenant,
} from "@ordinavo/demo";
import type { StaffRole } from "@ordinavo/domain";
import { closedGates } from "@ordinavo/policy";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workspaceCaller } from "../callers";
import type { ApiServices } from "../context";
import { AppError } from "../errors";
import { fieldErrorsOf, request, WORKSPACE } from "../test-support";
import { getAppointment } from "./appointments/detail";
import { listAssignees, viewBoard } from "./board";
import { noFileStore, type StaffContext } from "./context";
import { optimiseRoute } from "./routes/order";
import { getTarget } from "./targets/detail";
import { listTargets } from "./targets/list";

// The planning services called as loaders, jobs and scripts would call them (a service context,
// no HTTP), on data built with factories; and the few input checks that belong to the procedures
// (bad days, far dates, NUL bytes, forged cursors) through a signed-in workspace caller.

const PASSWORD = "planning-services-2026";
const paris = (day: string, time: string) => new Date(`${day}T${time}:00+01:00`);

describe.each(testEngines())("planning services on %s", (engine) => {
  let database: TestDatabase;
  let db: Database;
  let tenantId: string;
  let otherTenantId: string;
  const people = {} as Record<
    "admin" | "dispatcher" | "manager" | "employee" | "colleague",
    { id: string; email: string }
  >;
  let customerId: string;
  /** Three sites on a line: west (0 km), east (~22 km) and middle (~11 km). */
  const sites = {} as Record<"west" | "east" | "middle", string>;

  const context = (who: keyof typeof people, role: StaffRole): StaffContext => ({
    db,
    actor: { kind: "staff", userId: people[who].id, tenantId, role },
    tenantId,
    gates: closedGates,
    timeZone: "Europe/Paris",
    files: noFileStore,
  });
  const as = {
    admin: () => context("admin", "tenant_admin"),
    dispatcher: () => context("dispatcher", "dispatcher"),
    manager: () => context("manager", "manager"),
    employee: () => context("employee", "employee"),
  };
  const inTenant = <T>(work: Parameters<typeof withTenant<T>>[2]) => withTenant(db, tenantId, work);

  async function visit(title: string, site: string, start: Date, minutes: number, extra = {}) {
    return inTenant(async (tx) => {
      const target = await createTarget(tx, {
        tenantId,
        customerId,
        locationId: site,
        title,
        status: "planned",
      });
      return createAppointment(tx, {
        tenantId,
        customerId,
        targetId: target.id,
        locationId: site,
        assignedEmployeeId: people.employee.id,
        plannedStart: start,
        plannedEnd: new Date(start.getTime() + minutes * 60_000),
        ...extra,
      });
    });
  }

  /** A workspace API signed in as the dispatcher. */
  async function dispatcherApi() {
    const mailer = createMailer({ db, from: "Ordinavo <no-reply@ordinavo.example>", log: silentLog });
    const services: ApiServices = {
      db,
      auth: createAuth({ db, mailer, log: silentLog, secureCookies: false }),
      links: { workspace: (p) => new URL(p, WORKSPACE).toString(), portal: (p) => p },
      origins: { workspace: [WORKSPACE], portal: [] },
      devMailbox: false,
    };
    const signIn = await workspaceCaller({ services, request: request(WORKSPACE) });
    await signIn.api.auth.signIn({ email: people.dispatcher.email, password: PASSWORD });
    const cookie = signIn.cookies[0]!.split(";")[0]!;
    return (await workspaceCaller({ services, request: request(WORKSPACE, cookie) })).api;
  }

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    db = database.db;
    const tenant = await createTenant(db, { slug: "planning-services", name: "Planning Services" });
    const other = await createTenant(db, { slug: "planning-elsewhere", name: "Elsewhere" });
    tenantId = tenant.id;
    otherTenantId = other.id;
    const passwordHash = await hashPassword(PASSWORD);
    const roles = {
      admin: "tenant_admin",
      dispatcher: "dispatcher",
      manager: "manager",
      employee: "employee",
      colleague: "employee",
    } as const;
    for (const [who, role] of Object.entries(roles) as [keyof typeof roles, StaffRole][]) {
      const name = {
        admin: "Ada Admin",
        dispatcher: "Dora Dispatch",
        manager: "Max Manager",
        employee: "Eli Field",
        colleague: "Cleo Field",
      }[who];
      const user = await createStaffUser(db, { name, passwordHash });
      await withTenant(db, tenantId, (tx) => addMembership(tx, { tenantId, userId: user.id, role }));
      people[who] = { id: user.id, email: user.email };
    }
    await inTenant(async (tx) => {
      customerId = (await createCustomer(tx, { tenantId, name: "Résidence Services" })).id;
      const site = (name: string, longitude: number) =>
        createLocation(tx, {
          tenantId,
          customerId,
          name,
          addressLine1: name,
          city: "Lyon",
          country: "FR",
          latitude: 45.75,
          longitude,
        });
      sites.west = (await site("West", 4.7)).id;
      sites.east = (await site("East", 4.98)).id;
      sites.middle = (await site("Middle", 4.84)).id;
    });
  }, 120_000);
  afterAll(() => database?.destroy());

  describe("board", () => {
    it("groups people into field staff, who do the visits, and office staff, field first", async () => {
      const assignees = await listAssignees(as.dispatcher());
      expect(assignees.map((p) => [p.name, p.role, p.group])).toEqual([
        ["Cleo Field", "employee", "field"],
        ["Eli Field", "employee", "field"],
        ["Ada Admin", "tenant_admin", "office"],
        ["Dora Dispatch", "dispatcher", "office"],
        ["Max Manager", "manager", "office"],
      ]);
      // An employee's scope is their own work: they are the only person they can assign.
      expect(await listAssignees(as.employee())).toEqual([
        { id: people.employee.id, name: "Eli Field", role: "employee", group: "field" },
      ]);
    });

    it("gives field staff their rows, says whose rows a board holds, and refuses far days", async () => {
      const board = await viewBoard(as.dispatcher(), { day: "2031-03-03", span: "week" });
      expect(board.employees.map((p) => p.group)).toEqual(["field", "field"]);
      expect(board.seesEveryone).toBe(true);
      const own = await viewBoard(as.employee(), { day: "2031-03-03", span: "day" });
      expect(own.employees.map((p) => p.id)).toEqual([people.employee.id]);
      expect(own.seesEveryone).toBe(false);
    });
  });

  describe("routes", () => {
    it("returns every planned start that optimising changed, and nothing when the order holds", async () => {
      const day = "2031-03-04";
      // Planned west → east → middle; the shorter order visits the middle between them.
      const first = await visit("West job", sites.west, paris(day, "08:00"), 60);
      const far = await visit("East job", sites.east, paris(day, "09:30"), 60);
      const middle = await visit("Middle job", sites.middle, paris(day, "11:00"), 60);
      const result = await optimiseRoute(as.dispatcher(), { employeeId: people.employee.id, day });
      expect(result.route.stops.map((s) => s.appointmentId)).toEqual([first.id, middle.id, far.id]);
      const stored = await inTenant((tx) => tx.select().from(schema.appointments));
      const startOf = (id: string) => stored.find((row) => row.id === id)!.plannedStart;
      expect(result.timeChanges.length).toBeGreaterThan(0);
      for (const change of result.timeChanges) {
        const planned = [first, far, middle].find((a) => a.id === change.appointmentId)!;
        expect(change.before).toEqual(planned.plannedStart);
        expect(change.after).toEqual(startOf(change.appointmentId));
        expect(change.after).not.toEqual(change.before);
        expect(change.title).toBe(
          { [first.id]: "West job", [far.id]: "East job", [middle.id]: "Middle job" }[change.appointmentId],
        );
      }
      expect(result.timeChanges.map((c) => c.appointmentId)).toContain(middle.id);
      // Unchanged visits are not listed.
      const unchanged = [first, far, middle].filter(
        (a) => startOf(a.id).getTime() === a.plannedStart.getTime(),
      );
      for (const a of unchanged) expect(result.timeChanges.map((c) => c.appointmentId)).not.toContain(a.id);

      const again = await optimiseRoute(as.dispatcher(), { employeeId: people.employee.id, day });
      expect(again.timeChanges).toEqual([]);
    });

    it("never lists a fixed-time visit as changed", async () => {
      const day = "2031-03-05";
      await visit("West fixed", sites.west, paris(day, "08:00"), 60);
      const fixed = await visit("East fixed", sites.east, paris(day, "09:30"), 60, { fixedTime: true });
      await visit("Middle loose", sites.middle, paris(day, "12:00"), 60);
      const result = await optimiseRoute(as.dispatcher(), { employeeId: people.employee.id, day });
      expect(result.timeChanges.map((c) => c.appointmentId)).not.toContain(fixed.id);
    });
  });

  describe("flags and scope", () => {
    it("says what may be done with an appointment, as the server decides", async () => {
      const scheduled = await visit("Flags", sites.west, paris("2031-03-06", "08:00"), 60);
      expect((await getAppointment(as.dispatcher(), { appointmentId: scheduled.id })).can).toEqual({
        plan: true,
        move: true,
        reassign: true,
        setStatus: true,
        cancel: true,
      });
      const none = { plan: false, move: false, reassign: false, setStatus: false, cancel: false };
      expect((await getAppointment(as.employee(), { appointmentId: scheduled.id })).can).toEqual(none);
      expect((await getAppointment(as.manager(), { appointmentId: scheduled.id })).can).toEqual(none);
      const onSite = await visit("On site", sites.west, paris("2031-03-06", "10:00"), 60, {
        status: "on_site",
      });
      const detail = await getAppointment(as.dispatcher(), { appointmentId: onSite.id });
      expect(detail.can).toEqual({
        plan: true,
        move: false,
        reassign: false,
        setStatus: false,
        cancel: false,
      });
      expect(detail.nextStatuses).toEqual([]);
    });

    it("offers planning only for targets that still take appointments", async () => {
      const [open, done] = await inTenant(async (tx) => [
        await createTarget(tx, { tenantId, customerId, title: "Open work" }),
        await createTarget(tx, { tenantId, customerId, title: "Done work", status: "done" }),
      ]);
      expect((await getTarget(as.dispatcher(), { targetId: open.id })).can).toEqual({
        edit: true,
        plan: true,
      });
      expect((await getTarget(as.dispatcher(), { targetId: done.id })).can).toEqual({
        edit: true,
        plan: false,
      });
      expect((await getTarget(as.manager(), { targetId: open.id })).can).toEqual({ edit: true, plan: false });
    });

    it("lists an employee's own work only, and treats other work as missing", async () => {
      const mine = await visit("Mine", sites.west, paris("2031-03-07", "08:00"), 60);
      const theirs = await inTenant(async (tx) => {
        const target = await createTarget(tx, { tenantId, customerId, title: "Theirs" });
        await createAppointment(tx, {
          tenantId,
          customerId,
          targetId: target.id,
          assignedEmployeeId: people.colleague.id,
          plannedStart: paris("2031-03-07", "08:00"),
        });
        return target;
      });
      const listed = await listTargets(as.employee(), { q: "", limit: 100 });
      const ids = listed.items.map((t) => t.id);
      expect(ids).toContain(mine.targetId);
      expect(ids).not.toContain(theirs.id);
      const missing = await getTarget(as.employee(), { targetId: theirs.id }).catch((e: unknown) => e);
      expect(missing).toBeInstanceOf(AppError);
      expect((missing as AppError).code).toBe("NOT_FOUND");

      const elsewhere = await withTenant(db, otherTenantId, async (tx) => {
        const customer = await createCustomer(tx, { tenantId: otherTenantId });
        return createTarget(tx, { tenantId: otherTenantId, customerId: customer.id });
      });
      const foreign = await getTarget(as.admin(), { targetId: elsewhere.id }).catch((e: unknown) => e);
      expect((foreign as AppError).code).toBe("NOT_FOUND");
    });
  });

  describe("bad input is a field error, never a server error", () => {
    it("refuses days and times far outside the planning years", async () => {
      const api = await dispatcherApi();
      expect(Object.keys(await fieldErrorsOf(api.board.view({ day: "9999-12-31" })))).toEqual(["day"]);
      expect(Object.keys(await fieldErrorsOf(api.board.view({ day: "1899-01-01", span: "day" })))).toEqual([
        "day",
      ]);
      const employeeId = people.employee.id;
      expect(Object.keys(await fieldErrorsOf(api.routes.day({ employeeId, day: "9999-12-31" })))).toEqual([
        "day",
      ]);
      expect(
        Object.keys(await fieldErrorsOf(api.routes.optimise({ employeeId, day: "9999-12-31" }))),
      ).toEqual(["day"]);
      const target = await inTenant((tx) => createTarget(tx, { tenantId, customerId, title: "Far out" }));
      const far = {
        targetId: target.id,
        plannedStart: new Date("9999-12-31T08:00:00Z"),
        plannedEnd: new Date("9999-12-31T09:00:00Z"),
      };
      expect(Object.keys(await fieldErrorsOf(api.appointments.create(far))).sort()).toEqual([
        "plannedEnd",
        "plannedStart",
      ]);
      const count = await inTenant((tx) =>
        tx.select().from(schema.appointments).where(eq(schema.appointments.targetId, target.id)),
      );
      expect(count).toEqual([]);
      const planned = await visit("Near", sites.west, paris("2031-03-10", "08:00"), 60);
      const moved = api.appointments.reschedule({
        appointmentId: planned.id,
        plannedStart: new Date("9999-12-31T08:00:00Z"),
        plannedEnd: new Date("9999-12-31T09:00:00Z"),
      });
      expect(Object.keys(await fieldErrorsOf(moved))).toContain("plannedStart");
      // The last planning year is still fine.
      const late = await api.appointments.create({
        ...far,
        plannedStart: new Date("2099-12-31T08:00:00Z"),
        plannedEnd: new Date("2099-12-31T09:00:00Z"),
      });
      expect(late.appointment?.id).toBeTruthy();
    });

    it("refuses a NUL byte in the search text and a forged page link", async () => {
      const api = await dispatcherApi();
      expect(await fieldErrorsOf(api.targets.list({ q: "boiler\u0000" }))).toHaveProperty("q");
      const forged = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString("base64url");
      for (const after of [
        forged(["not a time", "00000000-0000-0000-0000-000000000000"]),
        forged(["2031-03-01 08:00:00+00", "not-a-uuid"]),
        forged(["2031-03-01 08:00:00+00"]),
        "%%%",
      ]) {
        expect(Object.keys(await fieldErrorsOf(api.targets.list({ after })))).toEqual(["after"]);
      }
    });
  });
});
