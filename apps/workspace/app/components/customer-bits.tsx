import { contactMethodNames, priorityNames, statusLabels } from "@ordinavo/domain/labels";
import type { ContactMethod, CustomerStatus, Priority } from "@ordinavo/domain/vocabulary";
import { Notice } from "@ordinavo/ui";
import { Link, useRouteLoaderData, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { formatter } from "~/lib/format";
import type { loader as appLoader } from "~/routes/_app";

// Small pieces the customer-record pages share (the words for values come from the domain's
// labels): badges, addresses, the "saved" notices that follow a redirect, a labelled textarea and the breadcrumb trail.

const customerStatusTones: Record<CustomerStatus, string> = {
  prospect: "prospect",
  active: "ok",
  inactive: "",
};

export function CustomerStatusBadge({ status }: { status: CustomerStatus | undefined }) {
  if (!status) return null;
  return (
    <span className={`badge ${customerStatusTones[status]}`.trim()}>{statusLabels.customer[status]}</span>
  );
}

export function PriorityBadge({ priority }: { priority: Priority | undefined }) {
  if (!priority) return null;
  const tone = priority === "urgent" ? "danger" : priority === "high" ? "warn" : "";
  return <span className={`badge ${tone}`.trim()}>{priorityNames[priority]}</span>;
}

export function ArchivedBadge({ archivedAt }: { archivedAt: Date | string | null | undefined }) {
  return archivedAt ? <span className="badge warn">Archived</span> : null;
}

interface AddressParts {
  addressLine1?: string;
  addressLine2?: string | null;
  postalCode?: string | null;
  city?: string;
  country?: string;
}

/** The lines of a postal address, empty parts left out. */
export function addressLines(address: AddressParts): string[] {
  const town = [address.postalCode, address.city].filter(Boolean).join(" ");
  return [
    address.addressLine1,
    address.addressLine2,
    [town, address.country].filter(Boolean).join(", "),
  ].filter((line): line is string => Boolean(line));
}

export function Address({ address }: { address: AddressParts }) {
  const lines = addressLines(address);
  return (
    <address className="customer-address">
      {lines.map((line, index) => (
        <span key={`${index}-${line}`}>{line}</span>
      ))}
    </address>
  );
}

/** A calendar date stored as YYYY-MM-DD ("3 May 2026"): it has no time zone, so none is applied. */
export function formatCalendarDay(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return formatter("UTC", { dateStyle: "medium" }).format(date);
}

/** The signed-in person's tenant time zone, permitted actions and list scopes (from the policy). */
export function useWorkspace() {
  const me = useRouteLoaderData<typeof appLoader>("routes/_app");
  return {
    timeZone: me?.active?.timeZone ?? "UTC",
    /** The customer list holds the whole tenant; otherwise only the customers of assigned work. */
    allCustomers: me?.active?.scopes.customer === "tenant",
    allowed: new Set<string>(me?.active?.allowedActions ?? []),
  };
}

/** The confirmations that follow a redirect, by the code in `?notice=`. Unknown codes show nothing. */
const notices: Record<string, string> = {
  created: "The customer is created.",
  updated: "Your changes to the customer are saved.",
  archived: "The customer is archived. It no longer appears in lists and planning; you can restore it.",
  restored: "The customer is restored and appears in lists and planning again.",
  "location-created": "The location is added.",
  "location-updated": "Your changes to the location are saved.",
  "location-archived": "The location is archived. It is no longer offered for planning; you can restore it.",
  "location-restored": "The location is restored.",
  "contact-created": "The contact person is added.",
  "contact-updated": "Your changes to the contact person are saved.",
  "contact-archived": "The contact person is archived and no longer listed.",
  "note-added": "The internal note is added.",
  "note-updated": "The internal note is saved.",
  "note-deleted": "The internal note is deleted.",
  "legal-hold-set": "The customer is on legal hold: retention deletes none of its records.",
  "legal-hold-cleared": "The legal hold is lifted: the customer's records follow the retention rules again.",
  "contact-erased": "The contact person is erased: their details are removed everywhere.",
};

export function RedirectNotice() {
  const [params] = useSearchParams();
  const text = notices[params.get("notice") ?? ""];
  return text ? <Notice>{text}</Notice> : null;
}

/** Where a page sits: "Customers › Boulangerie Martin › Edit". The last crumb is the page itself. */
export function Breadcrumbs({ trail }: { trail: { label: string; to?: string }[] }) {
  return (
    <nav aria-label="Breadcrumb" className="breadcrumbs">
      <ol>
        {trail.map((crumb, index) => (
          <li key={`${index}-${crumb.label}`}>
            {crumb.to && index < trail.length - 1 ? (
              <Link to={crumb.to}>{crumb.label}</Link>
            ) : (
              <span aria-current={index === trail.length - 1 ? "page" : undefined}>{crumb.label}</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** An email address, phone number or web address as a link; a muted dash when there is none. */
export function ChannelLink({
  kind,
  value,
}: {
  kind: "email" | "phone" | "website";
  value: string | null | undefined;
}) {
  if (!value) return <span className="muted">—</span>;
  const href =
    kind === "email" ? `mailto:${value}` : kind === "phone" ? `tel:${value.replace(/[^+0-9]/g, "")}` : value;
  return (
    <a href={href} className="break" rel={kind === "website" ? "noopener noreferrer" : undefined}>
      {kind === "website" ? value.replace(/^https?:\/\//, "").replace(/\/$/, "") : value}
    </a>
  );
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id from the address; anything that cannot be an id is "not found", like a missing record. */
export function idParam(value: string | undefined): string {
  if (!value || !uuidPattern.test(value)) throw new Response("Not found", { status: 404 });
  return value;
}

/** "Tue 5 May 2026, 08:00–10:30" (or both ends with their dates when the visit spans days). */
export function formatVisit(start: Date | string, end: Date | string, timeZone: string): string {
  const from = new Date(start);
  const to = new Date(end);
  const day = formatter(timeZone, { weekday: "short", day: "numeric", month: "short", year: "numeric" });
  const time = formatter(timeZone, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  if (day.format(from) === day.format(to))
    return `${day.format(from)}, ${time.format(from)}–${time.format(to)}`;
  return `${day.format(from)}, ${time.format(from)} – ${day.format(to)}, ${time.format(to)}`;
}

/**
 * A list that shows its first items and folds the rest into "Show N more" (a <details>, so it
 * works without JavaScript).
 */
export function ShowMore<T>({
  items,
  first,
  render,
  className,
  ordered = false,
  noun = "more",
}: {
  items: readonly T[];
  first: number;
  render: (item: T) => ReactNode;
  className: string;
  ordered?: boolean;
  noun?: string;
}) {
  const List = ordered ? "ol" : "ul";
  const rest = items.slice(first);
  return (
    <>
      <List className={className}>{items.slice(0, first).map(render)}</List>
      {rest.length ? (
        <details className="show-more">
          <summary>
            Show {rest.length} {noun}
          </summary>
          <List className={className}>{rest.map(render)}</List>
        </details>
      ) : null}
    </>
  );
}

interface ContactLike {
  id: string;
  name: string;
  role?: string | null;
  department?: string | null;
  email?: string | null;
  phone?: string | null;
  mobile?: string | null;
  preferredContactMethod?: ContactMethod;
}

/** A contact person as a card: who they are, where, and how to reach them (preferred way marked). */
export function ContactCard({
  contact,
  where,
  editTo,
}: {
  contact: ContactLike;
  /** The location the person belongs to, or "Whole customer"; nothing when not relevant. */
  where?: ReactNode;
  editTo?: string;
}) {
  const prefers = contact.preferredContactMethod;
  const channel = (method: "email" | "phone" | "mobile", value: string | null | undefined) =>
    value ? (
      <span className="contact-channel">
        <span className="muted">{contactMethodNames[method]}</span>
        <ChannelLink kind={method === "email" ? "email" : "phone"} value={value} />
        {prefers === method ? <span className="badge ok">Preferred</span> : null}
      </span>
    ) : null;
  return (
    <li className="contact-card">
      <p className="contact-name">
        <strong>{contact.name}</strong>
        {contact.role || contact.department ? (
          <span className="muted small block">
            {[contact.role, contact.department].filter(Boolean).join(" · ")}
          </span>
        ) : null}
      </p>
      {where ? <p className="small contact-where">{where}</p> : null}
      <p className="contact-channels small">
        {channel("phone", contact.phone)}
        {channel("mobile", contact.mobile)}
        {channel("email", contact.email)}
        {!contact.phone && !contact.mobile && !contact.email ? (
          <span className="muted">No contact channel</span>
        ) : null}
      </p>
      {editTo ? (
        <Link className="button secondary small" to={editTo}>
          Edit<span className="visually-hidden"> {contact.name}</span>
        </Link>
      ) : null}
    </li>
  );
}
