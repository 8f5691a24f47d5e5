import { Field, FormAlert, type FormErrors, Notice, TextAreaField } from "@ordinavo/ui";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { AttachmentList } from "~/components/attachments/attachment-list";
import { PageError } from "~/components/page-error";
import { PortalRequestBadge, requestTypeName, windowName } from "~/components/portal-request-bits";
import { DescriptionField, PriorityAndDueFields } from "~/components/target-fields";
import { formatDateTime } from "~/lib/format";
import { dayText } from "~/lib/planning-display";
import { isUuid } from "~/lib/planning-time";
import { attempt, load, requireWorkspace, text } from "~/lib/require.server";
import requestsCss from "~/styles/portal-requests.css?url";

// One request from the Customer Portal with what a reviewer needs: what was asked, where, by whom
// (the portal account and its contact person), the preferred days and the files. Reviewers accept
// it — a form prefilled from the request makes the target — or decline it with a message the
// customer reads. Each form opens through a link (a GET, so it works without JavaScript) and is
// the "are you sure?" step; a refused post comes back with its field errors.

export const links = () => [{ rel: "stylesheet", href: requestsCss }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.request.title ?? "Portal request"} · Ordinavo Workspace` },
];

export async function loader(args: LoaderFunctionArgs) {
  const portalRequestId = args.params.requestId;
  if (!isUuid(portalRequestId)) throw new Response("Not found", { status: 404 });
  const url = new URL(args.request.url);
  const { api, me } = await requireWorkspace(args);
  const detail = await load(args.request, () => api.portalRequests.detail({ portalRequestId }));
  const timeZone = me.active?.timeZone ?? "UTC";
  const decide = url.searchParams.get("decide");
  return {
    ...detail,
    request: {
      ...detail.request,
      sentAt: formatDateTime(detail.request.createdAt, timeZone),
      reviewedAt: detail.request.reviewedAt ? formatDateTime(detail.request.reviewedAt, timeZone) : null,
      preferred: detail.request.preferredDates.map((d) => ({
        key: `${d.date}-${d.window}`,
        text: `${dayText(d.date, "long")}, ${windowName(d.window).toLowerCase()}`,
      })),
    },
    deciding: detail.can.review && (decide === "accept" || decide === "decline") ? decide : null,
    notice: url.searchParams.get("notice"),
  };
}

type Values = Record<string, string>;
type Outcome = { intent: string; errors: FormErrors; values: Values };

export async function action(args: ActionFunctionArgs) {
  const portalRequestId = args.params.requestId ?? "";
  const form = await args.request.formData();
  const intent = text(form, "intent");
  const { api } = await requireWorkspace(args);
  const here = `/requests/${portalRequestId}`;
  const values: Values = Object.fromEntries(
    ["title", "description", "priority", "dueDate", "customerMessage"].map((name) => [
      name,
      text(form, name),
    ]),
  );
  const refused = (errors: FormErrors, status: number) =>
    data<Outcome>({ intent, errors, values }, { status });

  if (intent === "in_review") {
    const marked = await attempt(() => api.portalRequests.markInReview({ portalRequestId }));
    if (!marked.ok) return refused(marked.errors, marked.status);
    return redirect(`${here}?notice=in_review`);
  }
  if (intent === "accept") {
    const accepted = await attempt(() =>
      api.portalRequests.accept({
        portalRequestId,
        title: values.title ?? "",
        description: values.description,
        priority: (values.priority || "normal") as "normal",
        dueDate: values.dueDate,
        customerMessage: values.customerMessage,
      }),
    );
    if (!accepted.ok) return refused(accepted.errors, accepted.status);
    return redirect(`${here}?notice=accepted`);
  }
  if (intent === "decline") {
    const declined = await attempt(() =>
      api.portalRequests.decline({ portalRequestId, customerMessage: values.customerMessage ?? "" }),
    );
    if (!declined.ok) return refused(declined.errors, declined.status);
    return redirect(`${here}?notice=declined`);
  }
  return refused({ message: "This form is out of date. Reload the page and try again.", fields: {} }, 400);
}

const notices: Record<string, string> = {
  in_review: "Marked as in review. The customer sees that someone is looking at the request.",
  accepted: "Request accepted. The work is created and the customer sees the request as accepted.",
  declined: "Request declined. The customer sees your message in the portal.",
};

/** Moves the focus to a decision form when it opens, so keyboard users land on its question. */
function useFocusOnOpen() {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return heading;
}

function AcceptForm({
  here,
  suggested,
  outcome,
  busy,
}: {
  here: string;
  suggested: { title: string; description: string; priority: string };
  outcome: Outcome | null;
  busy: boolean;
}) {
  const heading = useFocusOnOpen();
  const values = outcome?.values;
  return (
    <section className="panel request-accept" id="decide" aria-labelledby="decide-title">
      <h2 id="decide-title" tabIndex={-1} ref={heading}>
        Accept this request as work?
      </h2>
      <p className="muted">
        A target is created for the request's customer and location, with the sender's contact person. You can
        plan it from the target's page.
      </p>
      <Form method="post" action={here} className="stack">
        <input type="hidden" name="intent" value="accept" />
        <FormAlert errors={outcome?.errors} />
        <Field
          label="Title of the work"
          name="title"
          required
          maxLength={200}
          defaultValue={values?.title ?? suggested.title}
          errors={outcome?.errors}
        />
        <DescriptionField
          defaultValue={values?.description ?? suggested.description}
          errors={outcome?.errors}
          rows={6}
        />
        <PriorityAndDueFields
          priority={values?.priority || suggested.priority}
          dueDate={values?.dueDate}
          errors={outcome?.errors}
        />
        <TextAreaField
          label="Message to the customer (optional)"
          name="customerMessage"
          rows={3}
          maxLength={2000}
          defaultValue={values?.customerMessage}
          hint="Shown in the portal with the request, for example when you expect to plan the visit. No internal notes."
          errors={outcome?.errors}
        />
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? "Accepting…" : "Accept and create work"}
          </button>
          <Link className="button secondary" to={here}>
            Cancel
          </Link>
        </div>
      </Form>
    </section>
  );
}

function DeclineForm({ here, outcome, busy }: { here: string; outcome: Outcome | null; busy: boolean }) {
  const heading = useFocusOnOpen();
  return (
    <section className="panel confirm" id="decide" aria-labelledby="decide-title">
      <h2 id="decide-title" tabIndex={-1} ref={heading}>
        Decline this request?
      </h2>
      <Form method="post" action={here} className="stack">
        <input type="hidden" name="intent" value="decline" />
        <FormAlert errors={outcome?.errors} />
        <TextAreaField
          label="Message to the customer"
          name="customerMessage"
          required
          rows={4}
          maxLength={2000}
          defaultValue={outcome?.values.customerMessage}
          hint="The customer reads this in the portal: say why, and what they can do instead. No internal notes."
          errors={outcome?.errors}
        />
        <div className="actions">
          <button type="submit" className="button danger" disabled={busy}>
            {busy ? "Declining…" : "Decline request"}
          </button>
          <Link className="button secondary" to={here}>
            Cancel
          </Link>
        </div>
      </Form>
    </section>
  );
}

export default function PortalRequestPage() {
  const loaded = useLoaderData<typeof loader>();
  const { request, customer, location, sender, contact, target, can } = loaded;
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busyIntent = navigation.state === "submitting" ? String(navigation.formData?.get("intent")) : null;
  const here = `/requests/${request.id}`;
  const notice = loaded.notice && !result ? notices[loaded.notice] : null;
  // A refused decision opens its form again with the errors; other refusals show at the top.
  const deciding =
    result?.intent === "accept" || result?.intent === "decline" ? result.intent : loaded.deciding;
  const formOutcome = result && result.intent === deciding ? result : null;
  const otherErrors = result && !formOutcome ? result.errors : null;

  return (
    <section className="stack">
      <header>
        <p className="eyebrow">
          <Link to="/requests">Portal requests</Link> ·{" "}
          <Link to={`/customers/${customer.id}`}>{customer.name}</Link>
        </p>
        <h1>{request.title}</h1>
        <p className="request-badges">
          <PortalRequestBadge status={request.status} />
          <span className="badge">{requestTypeName(request.type)}</span>
          <span className="muted small">Sent {request.sentAt}</span>
        </p>
      </header>

      {notice ? <Notice>{notice}</Notice> : null}
      <FormAlert errors={otherErrors} />

      {can.review ? (
        deciding === "accept" ? (
          <AcceptForm
            here={here}
            suggested={loaded.suggested}
            outcome={formOutcome}
            busy={busyIntent === "accept"}
          />
        ) : deciding === "decline" ? (
          <DeclineForm here={here} outcome={formOutcome} busy={busyIntent === "decline"} />
        ) : (
          <div className="panel request-decision-bar">
            <p className="muted small">
              {request.status === "in_review"
                ? "This request is in review and waits for your decision."
                : "This request waits for a decision."}
            </p>
            <div className="actions">
              <Link className="button" to={`${here}?decide=accept#decide`}>
                Accept…
              </Link>
              <Link className="button secondary" to={`${here}?decide=decline#decide`}>
                Decline…
              </Link>
              {can.markInReview ? (
                <Form method="post" action={here} className="inline-form">
                  <input type="hidden" name="intent" value="in_review" />
                  <button type="submit" className="button secondary" disabled={busyIntent === "in_review"}>
                    {busyIntent === "in_review" ? "Marking…" : "Mark as in review"}
                  </button>
                </Form>
              ) : null}
            </div>
          </div>
        )
      ) : request.status === "submitted" || request.status === "in_review" ? (
        <p className="muted">
          You can read this request; accepting or declining it is up to managers and tenant admins.
        </p>
      ) : null}

      <div className="request-grid">
        <div className="stack">
          <section className="panel stack" aria-labelledby="request-what">
            <h2 id="request-what">What the customer asked for</h2>
            <p className="request-prose">{request.description}</p>
            <div>
              <h3 className="small">Preferred dates</h3>
              {request.preferred.length ? (
                <ul className="request-dates">
                  {request.preferred.map((d) => (
                    <li key={d.key}>{d.text}</li>
                  ))}
                </ul>
              ) : (
                <p className="muted">None given.</p>
              )}
            </div>
          </section>
          <section className="panel" aria-labelledby="request-files">
            <h2 id="request-files">Files from the customer</h2>
            <AttachmentList
              items={loaded.files}
              ownerId={request.id}
              emptyText="No files were sent with it."
            />
          </section>
        </div>
        <div className="stack">
          <section className="panel" aria-labelledby="request-who">
            <h2 id="request-who">Customer and location</h2>
            <dl className="facts">
              <dt>Customer</dt>
              <dd>
                <Link to={`/customers/${customer.id}`}>{customer.name}</Link>
              </dd>
              <dt>Location</dt>
              <dd>
                <Link to={`/locations/${location.id}`}>{location.name}</Link>
                {location.address ? <span className="muted"> — {location.address}</span> : null}
              </dd>
              <dt>Sent by</dt>
              <dd>
                {sender ? (
                  <>
                    {sender.name} · <a href={`mailto:${sender.email}`}>{sender.email}</a>
                  </>
                ) : (
                  <span className="muted">A portal account that no longer exists</span>
                )}
              </dd>
              <dt>Contact person</dt>
              <dd>
                {contact ? (
                  <>
                    {contact.name}
                    {contact.phone ? ` · ${contact.phone}` : ""}
                  </>
                ) : (
                  <span className="muted">None of this customer's</span>
                )}
              </dd>
            </dl>
          </section>
          {request.reviewedAt || target ? (
            <section className="panel" aria-labelledby="request-decision">
              <h2 id="request-decision">Decision</h2>
              <dl className="facts">
                {request.reviewedAt ? (
                  <>
                    <dt>Decided</dt>
                    <dd>
                      {request.reviewedAt}
                      {loaded.reviewedByName ? ` by ${loaded.reviewedByName}` : ""}
                    </dd>
                  </>
                ) : null}
                {target ? (
                  <>
                    <dt>Work</dt>
                    <dd>
                      <Link to={`/targets/${target.id}`}>{target.title}</Link>
                    </dd>
                  </>
                ) : null}
                {request.customerMessage ? (
                  <>
                    <dt>Told the customer</dt>
                    <dd className="request-prose">{request.customerMessage}</dd>
                  </>
                ) : null}
              </dl>
            </section>
          ) : null}
        </div>
      </div>
    </section>
  );
}

export function ErrorBoundary() {
  return <PageError />;
}
