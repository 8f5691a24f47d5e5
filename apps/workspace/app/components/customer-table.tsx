import { customerTypeNames } from "@ordinavo/domain/labels";
import type { CustomerStatus, CustomerType } from "@ordinavo/domain/vocabulary";
import { Link } from "@remix-run/react";
import { formatDate, isoString } from "~/lib/format";
import { ArchivedBadge, ChannelLink, CustomerStatusBadge } from "./customer-bits";

/** A row of the customer list, with only the fields the role receives. */
export interface CustomerRow {
  id: string;
  name: string;
  number?: string;
  city?: string | null;
  status?: CustomerStatus;
  type?: CustomerType;
  phone?: string | null;
  email?: string | null;
  updatedAt?: Date | string;
  archivedAt?: Date | string | null;
}

/**
 * The customer list as a table (cards on a phone). Employees receive only who a customer is and
 * how to reach them: the columns follow the data.
 */
export function CustomerTable({
  items,
  q,
  page,
  timeZone,
}: {
  items: readonly CustomerRow[];
  q: string;
  page: number;
  timeZone: string;
}) {
  const full = items.some((item) => item.status !== undefined);
  return (
    <table className="data responsive customer-table">
      <caption className="visually-hidden">
        Customers{q ? ` matching “${q}”` : ""}, page {page}
      </caption>
      <thead>
        <tr>
          <th scope="col">Number</th>
          <th scope="col">Name</th>
          {full ? <th scope="col">City</th> : null}
          {full ? <th scope="col">Status</th> : null}
          {full ? <th scope="col">Type</th> : null}
          <th scope="col">Phone</th>
          <th scope="col">Email</th>
          {full ? <th scope="col">Updated</th> : null}
        </tr>
      </thead>
      <tbody>
        {items.map((customer) => (
          <tr key={customer.id} className={customer.archivedAt ? "dimmed" : undefined}>
            <td data-label="Number" className="nowrap cell-number">
              <code>{customer.number}</code>
            </td>
            <td data-label="Name" className="customer-name-cell cell-name">
              <Link to={`/customers/${customer.id}`} className="strong-link">
                {customer.name}
              </Link>
              <ArchivedBadge archivedAt={customer.archivedAt} />
            </td>
            {full ? (
              <td data-label="City" className={customer.city ? "cell-city" : "cell-city cell-empty"}>
                {customer.city ?? <span className="muted">—</span>}
              </td>
            ) : null}
            {full ? (
              <td data-label="Status" className="cell-status">
                <CustomerStatusBadge status={customer.status} />
              </td>
            ) : null}
            {full ? (
              <td data-label="Type" className="cell-type">
                {customer.type ? customerTypeNames[customer.type] : null}
              </td>
            ) : null}
            <td data-label="Phone" className={customer.phone ? "nowrap cell-phone" : "cell-phone cell-empty"}>
              <ChannelLink kind="phone" value={customer.phone} />
            </td>
            <td data-label="Email" className={customer.email ? "cell-email" : "cell-email cell-empty"}>
              <ChannelLink kind="email" value={customer.email} />
            </td>
            {full ? (
              <td data-label="Updated" className="nowrap cell-updated">
                {customer.updatedAt ? (
                  <time dateTime={isoString(customer.updatedAt)}>
                    {formatDate(customer.updatedAt, timeZone)}
                  </time>
                ) : null}
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
