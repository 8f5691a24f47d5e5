import { type AnyPgColumn, foreignKey, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { tenants } from "./tenants";

/** Primary key of every row: a random UUID made by the database. */
export const id = () => uuid().primaryKey().defaultRandom();

/** The owning tenant. Every tenant-owned table has it; row-level security keys on it. */
export const tenantId = () =>
  uuid()
    .notNull()
    .references(() => tenants.id, { onDelete: "cascade" });

export const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
export const updatedAt = () =>
  timestamp({ withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date());
export const at = () => timestamp({ withTimezone: true });

/**
 * The target of every same-tenant foreign key: (tenant_id, id) is unique, so a child row can
 * reference (tenant_id, parent_id) and the database itself refuses a pointer into another tenant.
 */
export const tenantKey = (name: string, t: { tenantId: AnyPgColumn; id: AnyPgColumn }) =>
  unique(`${name}_tenant_key`).on(t.tenantId, t.id);

/** A foreign key that includes tenant_id, so it can only point at a row of the same tenant. */
export const sameTenant = (
  name: string,
  child: { tenantId: AnyPgColumn },
  column: AnyPgColumn,
  parent: { tenantId: AnyPgColumn; id: AnyPgColumn },
  onDelete: "cascade" | "restrict" | "no action" = "no action",
) =>
  foreignKey({
    name,
    columns: [child.tenantId, column],
    foreignColumns: [parent.tenantId, parent.id],
  }).onDelete(onDelete);
