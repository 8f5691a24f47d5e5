// Helpers for this package's tests: a database with a few rows, a clock to step, a log to read.
import { randomUUID } from "node:crypto";
import { type Database, withTenant } from "@ordinavo/db";
import {
  customers,
  locations,
  portalAccessGrants,
  portalUsers,
  staffUsers,
  tenantMemberships,
  tenants,
} from "@ordinavo/db/schema";
import { createTestDatabase, type Engine, type TestDatabase } from "@ordinavo/db/testing";
import type { StaffRole } from "@ordinavo/domain/vocabulary";
import { type AuthOptions, createAuth } from "./create-auth";
import type { AuthLog } from "./log";
import { createMailer, type Mailer } from "./mail/mailer";
import { hashPassword } from "./password";

export const GOOD_PASSWORD = "violet tractor sings at dawn";
export const OTHER_GOOD_PASSWORD = "seven quiet harbour lamps";

/** A clock that starts at a fixed instant and only moves when told to. */
export function testClock(start = new Date("2030-03-01T08:00:00Z")) {
  let current = start.getTime();
  const clock = () => new Date(current);
  return Object.assign(clock, {
    advance(ms: number) {
      current += ms;
    },
  });
}
export type TestClock = ReturnType<typeof testClock>;

/** A log that keeps every line as the launcher would print it. */
export function recordingLog(): AuthLog & { lines: string[] } {
  const lines: string[] = [];
  const write = (level: string) => (message: string, facts?: Record<string, unknown>) => {
    lines.push(JSON.stringify({ level, message, ...facts }));
  };
  return { lines, info: write("info"), warn: write("warn") };
}

export const unique = () => randomUUID().slice(0, 8);

export interface AuthHarness {
  database: TestDatabase;
  db: Database;
  clock: TestClock;
  log: ReturnType<typeof recordingLog>;
  mailer: Mailer;
  auth: ReturnType<typeof createAuth>;
}

/** A migrated database plus auth services on the development mailbox, with a test clock. */
export async function openHarness(
  engine: Engine,
  options: Partial<Omit<AuthOptions, "db" | "now" | "log">> = {},
): Promise<AuthHarness> {
  const database = await createTestDatabase(engine);
  const clock = testClock();
  const log = recordingLog();
  const mailer = options.mailer ?? createMailer({ db: database.db, from: "Ordinavo <no-reply@test>", log });
  const auth = createAuth({
    db: database.db,
    mailer,
    log,
    secureCookies: options.secureCookies ?? false,
    now: clock,
    throttle: options.throttle,
    sessions: options.sessions,
  });
  return { database, db: database.db, clock, log, mailer, auth };
}

export async function createTenant(db: Database, name = `Tenant ${unique()}`) {
  const [tenant] = await db
    .insert(tenants)
    .values({ slug: `t-${unique()}`, name })
    .returning();
  return tenant!;
}

/** A staff user with a password and memberships (role per tenant). */
export async function createStaff(
  db: Database,
  input: {
    email?: string;
    name?: string;
    password?: string;
    passwordHash?: string;
    memberships?: { tenantId: string; role: StaffRole }[];
  } = {},
) {
  const email = input.email ?? `staff-${unique()}@example.test`;
  const [user] = await db
    .insert(staffUsers)
    .values({
      email,
      name: input.name ?? "Sam Staff",
      passwordHash: input.passwordHash ?? (await hashPassword(input.password ?? GOOD_PASSWORD)),
    })
    .returning();
  for (const membership of input.memberships ?? []) {
    await withTenant(db, membership.tenantId, (tx) =>
      tx
        .insert(tenantMemberships)
        .values({ tenantId: membership.tenantId, userId: user!.id, role: membership.role }),
    );
  }
  return user!;
}

/** A customer with one location in the tenant. */
export async function createCustomer(db: Database, tenantId: string) {
  return withTenant(db, tenantId, async (tx) => {
    const [customer] = await tx
      .insert(customers)
      .values({ tenantId, number: `C-${unique()}`, name: `Customer ${unique()}` })
      .returning();
    const [location] = await tx
      .insert(locations)
      .values({
        tenantId,
        customerId: customer!.id,
        name: "Main site",
        addressLine1: "1 Road",
        city: "Lyon",
        country: "FR",
      })
      .returning();
    return { customer: customer!, location: location! };
  });
}

/** A portal user of the tenant with a password and (by default) a grant on a new customer. */
export async function createPortalUser(
  db: Database,
  tenantId: string,
  input: { email?: string; password?: string; passwordHash?: string; grants?: number } = {},
) {
  const email = input.email ?? `contact-${unique()}@customer.test`;
  const passwordHash = input.passwordHash ?? (await hashPassword(input.password ?? GOOD_PASSWORD));
  const grantCount = input.grants ?? 1;
  const created: Awaited<ReturnType<typeof createCustomer>>[] = [];
  for (let index = 0; index < grantCount; index++) created.push(await createCustomer(db, tenantId));
  return withTenant(db, tenantId, async (tx) => {
    const [user] = await tx
      .insert(portalUsers)
      .values({ tenantId, email, name: "Casey Contact", passwordHash })
      .returning();
    const grants: (typeof portalAccessGrants.$inferSelect)[] = [];
    for (const { customer } of created) {
      const [grant] = await tx
        .insert(portalAccessGrants)
        .values({ tenantId, portalUserId: user!.id, customerId: customer.id })
        .returning();
      grants.push(grant!);
    }
    return { user: user!, grants };
  });
}

/** The value of the session cookie in a Set-Cookie string. */
export function cookieValue(setCookie: string): string {
  const first = setCookie.split(";")[0] ?? "";
  return decodeURIComponent(first.slice(first.indexOf("=") + 1));
}
