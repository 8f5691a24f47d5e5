import { customerStatuses, searchText } from "@ordinavo/domain";
import { z } from "zod";
import { connectT, permitted, permittedWrite } from "../realms/connect";
import { listCustomerChanges, ZCustomerChangesInput } from "../services/connect/reads";
import { upsertForConnect, ZUpsertCustomersInput, ZUpsertResult } from "../services/connect/upserts";
import { connectPage, ZConnectCustomer } from "../services/connect/views";
import { ZCursorInput } from "../services/cursor";
import { listCustomers } from "../services/customers/list";

/**
 * What an integration receives about a customer: the workspace's customer view with every field
 * the policy's integration list names (all but the internal `notes`), each one always present.
 */
export { ZConnectCustomer };

export const connectCustomersRouter = connectT.router({
  /**
   * Customers by name, 1–100 at a time; pass `nextCursor` back as `after` for the next page. The
   * same service as the workspace's list: one scope, one cursor format. `q` searches as the
   * workspace does — any word of the name, the number, sites and (with `contacts:read`) contact
   * persons, accents and case ignored — best matches first.
   */
  list: permitted("customer.read")
    .input(
      z.object({
        q: searchText(100).optional(),
        limit: z.number().int().min(1).max(100).default(50),
        after: ZCursorInput,
        status: z.enum(customerStatuses).optional(),
        includeArchived: z.boolean().default(false),
      }),
    )
    .output(z.object({ items: z.array(ZConnectCustomer), nextCursor: z.string().nullable() }))
    .query(async ({ ctx, input }) => {
      const page = await listCustomers(ctx.service, {
        q: input.q,
        limit: input.limit,
        after: input.after,
        status: input.status,
        archived: input.includeArchived ? "all" : "active",
        sort: "name",
      });
      return { items: page.items.map((item) => ZConnectCustomer.parse(item)), nextCursor: page.nextCursor };
    }),

  /**
   * Customers by last change, for incremental sync: least recently changed first, 1–100 at a
   * time; `updatedSince` keeps those changed at or after it, `nextCursor` goes back as `after`.
   * `includeArchived: true` also reports customers that were archived (their `archivedAt` set).
   */
  changes: permitted("customer.read")
    .input(ZCustomerChangesInput)
    .output(connectPage(ZConnectCustomer))
    .query(({ ctx, input }) => listCustomerChanges(ctx.service, input)),

  /**
   * Upserts 1–100 customers by (source system, external id): each item is created, updated or
   * left unchanged, or fails with field errors (by its index). Send an `Idempotency-Key` header so
   * a retried call does nothing twice.
   */
  upsert: permittedWrite("customer.write")
    .input(ZUpsertCustomersInput)
    .output(ZUpsertResult)
    .mutation(({ ctx, input }) =>
      upsertForConnect(ctx.service, "customer", input, {
        key: ctx.idempotencyKey,
        procedure: "customers.upsert",
      }),
    ),
});
