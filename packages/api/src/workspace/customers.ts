import { ZCreateCustomerInput, ZUpdateCustomerInput } from "@ordinavo/domain";
import { z } from "zod";
import { permitted, workspaceT } from "../realms/workspace";
import { getCustomer, ZCustomerDetail } from "../services/customers/detail";
import { listCustomers, ZCustomerListItem, ZListCustomersInput } from "../services/customers/list";
import { ZCustomerView } from "../services/customers/views";
import {
  createCustomer,
  setCustomerArchived,
  suggestCustomerNumber,
  updateCustomer,
} from "../services/customers/write";

const ZCustomerId = z.object({ customerId: z.uuid({ error: "Choose a customer" }) });

export const customersRouter = workspaceT.router({
  /**
   * Customers page by page (keyset: pass `nextCursor` back as `after`). Search matches the start
   * of the name, the number or a location's city. Employees see customers of their assigned work.
   */
  list: permitted("customer.read")
    .input(ZListCustomersInput)
    .output(z.object({ items: z.array(ZCustomerListItem), nextCursor: z.string().nullable() }))
    .query(({ ctx, input }) => listCustomers(ctx.service, input)),

  /** One customer with its locations, contacts, open work and recent history, as the role may see. */
  get: permitted("customer.read")
    .input(
      ZCustomerId.extend({
        /** Also archived locations and contacts (they carry `archivedAt`), to restore them. */
        includeArchived: z.boolean().default(false),
      }),
    )
    .output(ZCustomerDetail)
    .query(({ ctx, input }) => getCustomer(ctx.service, input)),

  create: permitted("customer.write")
    .input(ZCreateCustomerInput)
    .output(ZCustomerView)
    .mutation(({ ctx, input }) => createCustomer(ctx.service, input)),

  update: permitted("customer.write")
    .input(ZUpdateCustomerInput)
    .output(ZCustomerView)
    .mutation(({ ctx, input }) => updateCustomer(ctx.service, input)),

  /** Archived customers leave lists and planning; nothing is deleted, and restore brings them back. */
  setArchived: permitted("customer.archive")
    .input(ZCustomerId.extend({ archived: z.boolean() }))
    .output(ZCustomerView)
    .mutation(({ ctx, input }) => setCustomerArchived(ctx.service, input)),

  /** A suggestion for the next customer number (the highest numeric suffix plus one). */
  suggestNumber: permitted("customer.write")
    .output(z.object({ number: z.string() }))
    .query(({ ctx }) => suggestCustomerNumber(ctx.service)),
});

/** Moved to the service layer; re-exported while the planning routers move over. */
export { visibleCustomer, visibleLocation } from "../services/visibility";
