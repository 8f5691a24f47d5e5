import { PassThrough, type Readable } from "node:stream";
import { recordAudit, schema, withTenant } from "@ordinavo/db";
import { and, asc, eq, isNull } from "drizzle-orm";
import { ZipFile } from "yazl";
import { auditActor, type StaffContext } from "../context";
import { visibleCustomer } from "../visibility";

/** What the export route hands out: a name and a `read()` that starts the ZIP stream. */
export interface CustomerExport {
  fileName: string;
  contentType: "application/zip";
  read: () => Readable;
}

/** A file name inside the ZIP: letters, digits, ".", "_" and "-" only, never a path. */
export function zipEntryName(id: string, fileName: string): string {
  const safe = fileName
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9._-]+/g, "_")
    .replace(/^[._]+/, "")
    .slice(0, 120);
  return `files/${id}-${safe || "file"}`;
}

/**
 * One customer's data as a ZIP: a JSON file per kind (customer, locations, contacts, targets,
 * appointments, visit reports, follow-ups, timeline, portal requests, attachments) and the
 * attachments' files. The rows are read in one transaction; the files are opened one at a time
 * while the ZIP streams out (nothing is built in memory beyond one kind's JSON). Erased contact
 * persons are left out. Audited as `customer.exported` with counts only.
 */
export async function exportCustomer(ctx: StaffContext, customerId: string): Promise<CustomerExport> {
  const data = await withTenant(ctx.db, ctx.tenantId, async (tx) => {
    const customer = await visibleCustomer(tx, ctx, customerId);
    const t = ctx.tenantId;
    const s = schema;
    const kinds = {
      locations: await tx
        .select()
        .from(s.locations)
        .where(and(eq(s.locations.tenantId, t), eq(s.locations.customerId, customerId)))
        .orderBy(asc(s.locations.createdAt)),
      contacts: await tx
        .select()
        .from(s.contactPersons)
        .where(
          and(
            eq(s.contactPersons.tenantId, t),
            eq(s.contactPersons.customerId, customerId),
            isNull(s.contactPersons.erasedAt),
          ),
        )
        .orderBy(asc(s.contactPersons.createdAt)),
      targets: await tx
        .select()
        .from(s.targets)
        .where(and(eq(s.targets.tenantId, t), eq(s.targets.customerId, customerId)))
        .orderBy(asc(s.targets.createdAt)),
      appointments: await tx
        .select()
        .from(s.appointments)
        .where(and(eq(s.appointments.tenantId, t), eq(s.appointments.customerId, customerId)))
        .orderBy(asc(s.appointments.plannedStart)),
      visit_reports: await tx
        .select()
        .from(s.visitReports)
        .where(and(eq(s.visitReports.tenantId, t), eq(s.visitReports.customerId, customerId)))
        .orderBy(asc(s.visitReports.createdAt)),
      follow_ups: await tx
        .select()
        .from(s.followUps)
        .where(and(eq(s.followUps.tenantId, t), eq(s.followUps.customerId, customerId)))
        .orderBy(asc(s.followUps.createdAt)),
      timeline: await tx
        .select()
        .from(s.timelineEntries)
        .where(and(eq(s.timelineEntries.tenantId, t), eq(s.timelineEntries.customerId, customerId)))
        .orderBy(asc(s.timelineEntries.occurredAt)),
      portal_requests: await tx
        .select()
        .from(s.portalRequests)
        .where(and(eq(s.portalRequests.tenantId, t), eq(s.portalRequests.customerId, customerId)))
        .orderBy(asc(s.portalRequests.createdAt)),
    };
    const attachments = await tx
      .select({
        id: s.attachments.id,
        ownerType: s.attachments.ownerType,
        ownerId: s.attachments.ownerId,
        fileName: s.attachments.fileName,
        contentType: s.attachments.contentType,
        sizeBytes: s.attachments.sizeBytes,
        checksumSha256: s.attachments.checksumSha256,
        createdAt: s.attachments.createdAt,
        storageKey: s.attachments.storageKey,
      })
      .from(s.attachments)
      .where(and(eq(s.attachments.tenantId, t), eq(s.attachments.customerId, customerId)))
      .orderBy(asc(s.attachments.createdAt));
    await recordAudit(tx, {
      tenantId: t,
      actor: auditActor(ctx.actor),
      action: "customer.exported",
      objectType: "customer",
      objectId: customerId,
      metadata: {
        ...Object.fromEntries(Object.entries(kinds).map(([kind, rows]) => [kind, rows.length])),
        attachments: attachments.length,
      },
    });
    return { customer, kinds, attachments };
  });

  const files = ctx.files;
  const stamp = new Date().toISOString().slice(0, 10);
  const number =
    (data.customer.number ?? "").replace(/[^A-Za-z0-9_-]+/g, "_") || data.customer.id.slice(0, 8);
  return {
    fileName: `customer-${number}-${stamp}.zip`,
    contentType: "application/zip",
    read() {
      const zip = new ZipFile();
      const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, "utf8");
      zip.addBuffer(json(data.customer), "customer.json");
      for (const [kind, rows] of Object.entries(data.kinds)) zip.addBuffer(json(rows), `${kind}.json`);
      const listed = data.attachments.map(({ storageKey: _key, ...rest }) => ({
        ...rest,
        path: zipEntryName(rest.id, rest.fileName),
      }));
      zip.addBuffer(json(listed), "attachments.json");
      for (const file of data.attachments) {
        // Opened only when the ZIP reaches it; a missing file becomes an empty entry.
        zip.addReadStreamLazy(zipEntryName(file.id, file.fileName), (cb) => {
          files.open(file.storageKey).then(
            (stream) => {
              if (stream) return cb(null, stream);
              const empty = new PassThrough();
              empty.end();
              cb(null, empty);
            },
            (error: unknown) => cb(error, new PassThrough()),
          );
        });
      }
      zip.end();
      return zip.outputStream as Readable;
    },
  };
}
