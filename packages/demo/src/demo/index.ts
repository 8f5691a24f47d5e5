/**
 * The demo: "Rhône Facility Services", a facility-services company in greater Lyon, with twelve
 * weeks of operational history and plans around `now`, plus a small second tenant ("Northwind
 * Maintenance") so tenant isolation can be seen.
 *
 * Everything is drawn from a seeded stream, so the same seed and `now` give the same data (row
 * ids and unguessable token hashes aside). The whole demo tenant is written in one transaction:
 * either all of it exists or none of it does.
 *
 * The story, part by part, in the order it is told (each part in its own file):
 *   team.ts           the staff and their roles
 *   customers.ts      customers, locations, contacts, references, internal notes
 *   recurring.ts      recurring plans and their occurrences
 *   portal.ts         the visits the portal story needs (first), its users and requests (last)
 *   visits.ts         every employee's days: which visit when, and its status
 *   reports.ts        which visits have a report and how far it got
 *   follow-ups.ts     follow-up work asked for by approved reports
 *   work-orders.ts    the target and appointment rows behind every visit
 *   field-work.ts     routes, and updates sent from the phone
 *   report-records.ts report rows, attachments, billing triggers
 *   write.ts          everything into the database, parents first
 * The fixed vocabulary (accounts, streets, customers, services, plans, words) lives in data/;
 * the second tenant in second-tenant.ts. Tests do not use the story: they build what they need
 * with the factories.
 */
import { hashPassword } from "@ordinavo/auth";
import type { Database, Transaction } from "@ordinavo/db";
import type { Random } from "../random";
import { createRandom } from "../random";
import { findTenantBySlug, seedTenant } from "../seeding";
import { addCustomers } from "./customers";
import { DEMO_SLUG, DEMO_STAFF, DEMO_TIME_ZONE, NORTHWIND_SLUG } from "./data/accounts";
import { addMobileUpdates, addRoutes } from "./field-work";
import { addFollowUps } from "./follow-ups";
import { addPortal, portalRequestVisits } from "./portal";
import { addRecurringPlans } from "./recurring";
import { addApprovalAudit, addReportRecords } from "./report-records";
import { decideReports } from "./reports";
import { seedNorthwind } from "./second-tenant";
import { createStory, TRAVEL } from "./story";
import { addTeam } from "./team";
import { planVisits } from "./visits";
import { addWorkOrders } from "./work-orders";
import { writeStory } from "./write";

export const DEFAULT_DEMO_SEED = 20_250_301;

export interface SeedDemoOptions {
  /** The password of every demo account (staff and portal). */
  password: string;
  /** The reference instant: history lies before it, plans after it. */
  now: Date;
  /** Another seed gives other (equally believable) data. */
  seed?: number;
}

export interface SeedDemoResult {
  /** False when the demo tenant already existed; nothing was changed then. */
  created: boolean;
  tenantId: string;
}

/**
 * Seeds the demo tenant and the second tenant. Does nothing when the demo tenant exists already.
 * The password is hashed once (argon2 is deliberately slow) and shared by all demo accounts.
 */
export async function seedDemo(db: Database, options: SeedDemoOptions): Promise<SeedDemoResult> {
  const existing = await findTenantBySlug(db, DEMO_SLUG);
  if (existing) return { created: false, tenantId: existing.id };

  const passwordHash = await hashPassword(options.password);
  const random = createRandom(options.seed ?? DEFAULT_DEMO_SEED);
  const tenantId = await seedTenant(
    db,
    {
      slug: DEMO_SLUG,
      name: "Rhône Facility Services",
      timeZone: DEMO_TIME_ZONE,
      locale: "en",
      routeRoadFactor: TRAVEL.roadFactor,
      routeAverageSpeedKmh: TRAVEL.averageSpeedKmh,
    },
    DEMO_STAFF,
    passwordHash,
    (tx, id, staffIds) =>
      seedRhone(tx, {
        tenantId: id,
        staffIds,
        now: options.now,
        passwordHash,
        random: random.fork("rhone"),
      }),
  );
  if (!(await findTenantBySlug(db, NORTHWIND_SLUG))) {
    await seedNorthwind(db, { now: options.now, passwordHash, random: random.fork("northwind") });
  }
  return { created: true, tenantId };
}

/** The demo tenant's data, inside its `withTenant` transaction. */
async function seedRhone(
  tx: Transaction,
  ctx: { tenantId: string; staffIds: string[]; now: Date; passwordHash: string; random: Random },
): Promise<void> {
  const story = createStory(ctx);
  const team = await addTeam(tx, story, ctx.staffIds);
  const book = addCustomers(story, team);
  const occurrenceVisits = addRecurringPlans(story, team, book);
  const requestVisits = portalRequestVisits(story, team, book);
  const schedule = planVisits(story, team, book, [...occurrenceVisits, ...Object.values(requestVisits)]);
  const reports = decideReports(story, schedule);
  addFollowUps(story, team, schedule, reports);
  addWorkOrders(story, team, schedule);
  addRoutes(story, schedule);
  const problem = addMobileUpdates(story, schedule);
  addReportRecords(story, team, reports, problem);
  addPortal(story, team, book, schedule, requestVisits);
  addApprovalAudit(story, team, reports);
  await writeStory(tx, story);
}
