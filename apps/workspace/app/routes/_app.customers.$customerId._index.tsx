import { customerTypeNames } from "@ordinavo/domain/labels";
import { FormAlert } from "@ordinavo/ui";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { renameErrorFields } from "~/components/audit/filter-errors";
import { ConfirmPanel } from "~/components/confirm";
import {
  ArchivedBadge,
  Breadcrumbs,
  CustomerStatusBadge,
  idParam,
  RedirectNotice,
  useWorkspace,
} from "~/components/customer-bits";
import { NotesPanel, WorkPanel } from "~/components/customer-detail/activity";
import { FollowUpsPanel } from "~/components/customer-detail/follow-ups";
import {
  type HistoryFilter,
  HistoryPanel,
  historyInputFields,
  historyParams,
} from "~/components/customer-detail/history";
import historyCss from "~/components/customer-detail/history.css?url";
import {
  ArchivedPanel,
  ContactsPanel,
  DetailsPanel,
  LocationsPanel,
} from "~/components/customer-detail/places";
import { mapTileUrlFrom } from "~/components/location-map";
import { PageError } from "~/components/page-error";
import { loadPortalAccess } from "~/components/portal-access/load.server";
import { PortalAccessPanel } from "~/components/portal-access/panel";
import portalCss from "~/components/portal-access/portal-access.css?url";
import { DataProtectionPanel } from "~/components/retention/customer-panel";
import {
  attempt,
  type FormErrors,
  load,
  requireWorkspace,
  text,
  type WorkspaceApi,
} from "~/lib/require.server";
import customersCss from "~/styles/customers.css?url";

export const links = () => [
  { rel: "stylesheet", href: customersCss },
  { rel: "stylesheet", href: historyCss },
  { rel: "stylesheet", href: portalCss },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.customer.name ?? "Customer"} · Ordinavo Workspace` },
];

export async function loader(args: LoaderFunctionArgs) {
  const customerId = idParam(args.params.customerId);
  const { api, me } = await requireWorkspace(args);
  const url = new URL(args.request.url);
  const includeArchived = url.searchParams.get("archived") === "1";
  const allowed = new Set<string>(me.active?.allowedActions ?? []);
  const filter = Object.fromEntries(
    historyParams.map((key) => [key, (url.searchParams.get(key) ?? "").trim().slice(0, 2000)]),
  ) as HistoryFilter;
  const [record, history, followUps, portalAccess, legalHold] = await Promise.all([
    load(args.request, () => api.customers.get({ customerId, includeArchived })),
    allowed.has("timeline.read") ? readHistory(api, customerId, filter) : null,
    allowed.has("visit_report.read")
      ? load(args.request, () => api.timeline.followUps({ customerId }))
      : null,
    loadPortalAccess(args.request, api, customerId, me.active?.allowedActions ?? []),
    allowed.has("retention.manage")
      ? load(args.request, () => api.retention.legalHold({ customerId }))
      : null,
  ]);
  return { ...record, history, followUps, portalAccess, legalHold, tileUrl: mapTileUrlFrom(args.context) };
}

/**
 * One page of the customer's history with the address's filter. A filter the API refuses (a
 * date typed by hand, an old page link) comes back as errors beside the filter's own fields, not
 * as an error page.
 */
async function readHistory(api: WorkspaceApi, customerId: string, filter: HistoryFilter) {
  const input = {
    customerId,
    locationId: filter.place || undefined,
    groups: filter.kind ? [filter.kind] : undefined,
    from: filter.from || undefined,
    to: filter.to || undefined,
    after: filter.older || undefined,
  } as Parameters<WorkspaceApi["timeline"]["customer"]>[0];
  const result = await attempt(() => api.timeline.customer(input));
  if (result.ok) return { page: result.value, groups: result.value.groups, errors: null, filter };
  const plain = await attempt(() => api.timeline.customer({ customerId, limit: 1 }));
  const errors = renameErrorFields(result.errors, historyInputFields);
  return { page: null, groups: plain.ok ? plain.value.groups : [], errors, filter };
}

type Intent =
  | "archive"
  | "restore"
  | "addNote"
  | "updateNote"
  | "deleteNote"
  | "setHold"
  | "clearHold"
  | "eraseContact";

const protectionIntents: unknown[] = ["archive", "restore", "setHold", "clearHold", "eraseContact"];

type Outcome = { intent: Intent; noteId: string | null; errors: FormErrors; body: string };

export async function action(args: ActionFunctionArgs) {
  const customerId = idParam(args.params.customerId);
  const form = await args.request.formData();
  const intent = text(form, "intent") as Intent;
  const noteId = text(form, "noteId");
  const body = text(form, "body");
  const { api } = await requireWorkspace(args);
  const here = `/customers/${customerId}`;
  const refused = (errors: FormErrors, status: number) =>
    data<Outcome>({ intent, noteId: noteId || null, errors, body }, { status });

  if (intent === "archive" || intent === "restore") {
    const result = await attempt(() =>
      api.customers.setArchived({ customerId, archived: intent === "archive" }),
    );
    if (!result.ok) return refused(result.errors, result.status);
    return redirect(`${here}?notice=${intent === "archive" ? "archived" : "restored"}`);
  }
  if (intent === "setHold" || intent === "clearHold") {
    const result = await attempt(() =>
      api.retention.setLegalHold({ customerId, held: intent === "setHold" }),
    );
    if (!result.ok) return refused(result.errors, result.status);
    return redirect(
      `${here}?notice=${intent === "setHold" ? "legal-hold-set" : "legal-hold-cleared"}#data-protection`,
    );
  }
  if (intent === "eraseContact") {
    const result = await attempt(() =>
      api.retention.eraseContact({ contactPersonId: text(form, "contactPersonId") }),
    );
    if (!result.ok) return refused(result.errors, result.status);
    return redirect(`${here}?notice=contact-erased#data-protection`);
  }
  if (intent === "addNote") {
    const result = await attempt(() =>
      api.internalNotes.add({ objectType: "customer", objectId: customerId, body }),
    );
    if (!result.ok) return refused(result.errors, result.status);
    return redirect(`${here}?notice=note-added#notes`);
  }
  if (intent === "updateNote") {
    const result = await attempt(() => api.internalNotes.update({ internalNoteId: noteId, body }));
    if (!result.ok) return refused(result.errors, result.status);
    return redirect(`${here}?notice=note-updated#notes`);
  }
  if (intent === "deleteNote") {
    const result = await attempt(() => api.internalNotes.remove({ internalNoteId: noteId }));
    if (!result.ok) return refused(result.errors, result.status);
    return redirect(`${here}?notice=note-deleted#notes`);
  }
  return refused({ message: "This form is out of date. Reload the page and try again.", fields: {} }, 400);
}

export default function CustomerDetail() {
  const record = useLoaderData<typeof loader>();
  const { customer, internalNotes, can } = record;
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const { timeZone } = useWorkspace();
  const busyIntent = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const here = `/customers/${customer.id}`;
  const archived = Boolean(customer.archivedAt);
  const showingArchived = params.get("archived") === "1";

  const confirmArchive = can.archive && params.get("archive") === "1" && !archived;
  const confirmRestore = can.archive && params.get("restore") === "1" && archived;
  const deleting = internalNotes?.find((note) => note.id === params.get("deleteNote") && note.canEdit);
  const editingId = params.get("editNote");
  const erasing = record.legalHold
    ? record.contacts.find((contact) => contact.id === params.get("eraseContact"))
    : undefined;
  const archiveErrors = result && protectionIntents.includes(result.intent) ? result.errors : null;
  const noteErrors = result && !protectionIntents.includes(result.intent) ? result : null;

  return (
    <section className="stack customers-page">
      <Breadcrumbs trail={[{ label: "Customers", to: "/customers" }, { label: customer.name }]} />
      <header className="page-head">
        <div>
          <p className="eyebrow">Customer{customer.number ? <> · {customer.number}</> : null}</p>
          <h1>{customer.name}</h1>
          <p className="badge-row">
            <CustomerStatusBadge status={customer.status} />
            {customer.type ? <span className="badge">{customerTypeNames[customer.type]}</span> : null}
            <ArchivedBadge archivedAt={customer.archivedAt} />
            {customer.industry ? <span className="muted small">{customer.industry}</span> : null}
          </p>
        </div>
        <div className="actions head-actions">
          {can.edit ? (
            <Link className="button" to={`${here}/edit`}>
              Edit customer
            </Link>
          ) : null}
          {can.archive ? (
            archived ? (
              <Link className="button secondary" to={`${here}?restore=1#confirm`}>
                Restore…
              </Link>
            ) : (
              <Link className="button secondary danger-text" to={`${here}?archive=1#confirm`}>
                Archive…
              </Link>
            )
          ) : null}
        </div>
      </header>

      <RedirectNotice />
      <FormAlert errors={archiveErrors} />

      {confirmArchive ? (
        <ConfirmPanel
          title={`Archive ${customer.name}?`}
          cancelTo={here}
          form={(cancel) => (
            <Form method="post" action={here} className="actions">
              <input type="hidden" name="intent" value="archive" />
              <button type="submit" className="button danger" disabled={busyIntent === "archive"}>
                {busyIntent === "archive" ? "Archiving…" : "Archive customer"}
              </button>
              {cancel}
            </Form>
          )}
        >
          <p>
            The customer leaves the customer list and can no longer be planned. Nothing is deleted: locations,
            contact persons, work and history stay, and you can restore the customer at any time.
          </p>
        </ConfirmPanel>
      ) : null}
      {confirmRestore ? (
        <ConfirmPanel
          title={`Restore ${customer.name}?`}
          cancelTo={here}
          form={(cancel) => (
            <Form method="post" action={here} className="actions">
              <input type="hidden" name="intent" value="restore" />
              <button type="submit" className="button" disabled={busyIntent === "restore"}>
                {busyIntent === "restore" ? "Restoring…" : "Restore customer"}
              </button>
              {cancel}
            </Form>
          )}
        >
          <p>The customer appears in the customer list again and can be planned.</p>
        </ConfirmPanel>
      ) : null}
      {erasing ? (
        <ConfirmPanel
          title={`Erase ${erasing.name}?`}
          cancelTo={`${here}#data-protection`}
          form={(cancel) => (
            <Form method="post" action={here} className="actions">
              <input type="hidden" name="intent" value="eraseContact" />
              <input type="hidden" name="contactPersonId" value={erasing.id} />
              <button type="submit" className="button danger" disabled={busyIntent === "eraseContact"}>
                {busyIntent === "eraseContact" ? "Erasing…" : "Erase contact person"}
              </button>
              {cancel}
            </Form>
          )}
        >
          <p>
            Their name, role, department, email and phone numbers are removed everywhere in this workspace,
            and they disappear from contact lists and from the API. A portal account made for them is disabled
            and its invitations are withdrawn. Work that named them keeps a reference to “Erased contact”;
            visit reports keep their text. This cannot be undone.
          </p>
        </ConfirmPanel>
      ) : null}
      {deleting ? (
        <ConfirmPanel
          title="Delete this internal note?"
          cancelTo={`${here}#notes`}
          form={(cancel) => (
            <Form method="post" action={here} className="actions">
              <input type="hidden" name="intent" value="deleteNote" />
              <input type="hidden" name="noteId" value={deleting.id} />
              <button type="submit" className="button danger" disabled={busyIntent === "deleteNote"}>
                {busyIntent === "deleteNote" ? "Deleting…" : "Delete note"}
              </button>
              {cancel}
            </Form>
          )}
        >
          <blockquote className="note-quote">{deleting.body}</blockquote>
          <p>The note is deleted for everyone. This cannot be undone.</p>
        </ConfirmPanel>
      ) : null}

      {archived ? (
        <p className="archived-banner">
          This customer is archived: it is hidden from lists and planning.
          {can.archive ? (
            <>
              {" "}
              <Link to={`${here}?restore=1#confirm`}>Restore it</Link> to work with it again.
            </>
          ) : null}
        </p>
      ) : null}

      <div className="customer-layout">
        <div className="stack">
          <DetailsPanel record={record} timeZone={timeZone} />
          <LocationsPanel record={record} here={here} />
          <ContactsPanel record={record} here={here} showingArchived={showingArchived} />
          {showingArchived ? <ArchivedPanel record={record} here={here} /> : null}
          {record.portalAccess ? <PortalAccessPanel access={record.portalAccess} /> : null}
          {record.legalHold ? (
            <DataProtectionPanel
              here={here}
              legalHoldAt={record.legalHold.legalHoldAt}
              contacts={record.contacts.filter((contact) => !contact.archivedAt)}
              timeZone={timeZone}
              busyIntent={busyIntent}
            />
          ) : null}
        </div>
        <div className="stack">
          <WorkPanel record={record} timeZone={timeZone} />
          {record.internalNotes ? (
            <NotesPanel
              notes={record.internalNotes}
              canWrite={record.can.writeNotes}
              here={here}
              outcome={noteErrors}
              busyIntent={busyIntent}
              editingId={editingId}
              timeZone={timeZone}
            />
          ) : null}
          {record.followUps ? <FollowUpsPanel followUps={record.followUps} /> : null}
        </div>
      </div>
      {record.history ? (
        <HistoryPanel
          record={record}
          history={record.history}
          here={here}
          params={params}
          timeZone={timeZone}
        />
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <PageError />;
}
