import { visitReportStatuses } from "@ordinavo/domain/vocabulary";
import { FormAlert, Notice } from "@ordinavo/ui";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { PageError } from "~/components/page-error";
import { ReportStatusBadge } from "~/components/reports/report-blocks";
import { PhotoStrip } from "~/components/reports/report-files";
import { ApproveButton, ReturnForm } from "~/components/reports/report-review";
import { resultNames } from "~/components/reports/report-words";
import { formatDateTime } from "~/lib/format";
import { dayText } from "~/lib/planning-display";
import { isUuid, localSlot } from "~/lib/planning-time";
import { attempt, type FormErrors, load, requireWorkspace, text } from "~/lib/require.server";
import reportsCss from "~/styles/reports.css?url";

export const links = () => [{ rel: "stylesheet", href: reportsCss }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.mode === "mine" ? "My reports" : "Visit reports"} · Ordinavo Workspace` },
];

type Status = (typeof visitReportStatuses)[number];

/** The lists a reviewer (or a read-only office role) switches between; the first is the queue. */
const officeTabs: { status: Status; label: string }[] = [
  { status: "submitted", label: "Waiting for review" },
  { status: "returned", label: "Returned" },
  { status: "approved", label: "Approved" },
  { status: "draft", label: "Drafts" },
];
/** An employee's reports: everything not yet approved, or one status. */
const ownTabs: { status: Status | ""; label: string }[] = [
  { status: "", label: "Open" },
  { status: "draft", label: "Drafts" },
  { status: "returned", label: "Returned" },
  { status: "submitted", label: "Submitted" },
];

export async function loader(args: LoaderFunctionArgs) {
  const url = new URL(args.request.url);
  const statusParam = url.searchParams.get("status") ?? "";
  const status = (visitReportStatuses as readonly string[]).includes(statusParam)
    ? (statusParam as Status)
    : undefined;
  const cursor = url.searchParams.get("cursor") || undefined;
  const { api, me } = await requireWorkspace(args);
  const timeZone = me.active?.timeZone ?? "UTC";
  // Only a stale page link can make the list fail on its input: say so, and offer the first page.
  const result = cursor
    ? await attempt(() => api.reports.queue({ status, cursor }))
    : { ok: true as const, value: await load(args.request, () => api.reports.queue({ status })) };
  const queue = result.ok ? result.value : null;
  const returningParam = url.searchParams.get("return");
  return {
    mode: queue?.mode ?? "mine",
    status: queue?.status ?? status ?? null,
    items: (queue?.items ?? []).map(({ report, context, photos, can }) => {
      const slot = localSlot(context.appointment.plannedStart, context.appointment.plannedEnd, timeZone);
      return {
        id: report.id,
        title: report.title,
        status: report.status,
        result: report.result ?? null,
        followUpRequired: report.followUpRequired ?? false,
        when: `${dayText(slot.day)}, ${slot.start}–${slot.end}`,
        employeeName: context.appointment.employeeName,
        customer: context.customer,
        location: context.location,
        /** The step that put the report where it is now, and when. */
        lastStep:
          report.status === "returned" && report.returnedAt
            ? `returned ${formatDateTime(report.returnedAt, timeZone)}`
            : report.status === "approved" && report.approvedAt
              ? `approved ${formatDateTime(report.approvedAt, timeZone)}`
              : report.submittedAt && report.status === "submitted"
                ? `submitted ${formatDateTime(report.submittedAt, timeZone)}`
                : report.updatedAt
                  ? `changed ${formatDateTime(report.updatedAt, timeZone)}`
                  : null,
        photos: photos.map((photo) => ({
          id: photo.id,
          fileName: photo.fileName,
          hasPreview: photo.hasPreview,
        })),
        can,
      };
    }),
    nextCursor: queue?.nextCursor ?? null,
    error: result.ok ? null : result.errors,
    returning: isUuid(returningParam) ? returningParam : null,
    notice: url.searchParams.get("notice"),
    cursor: cursor ?? null,
  };
}

type Outcome = { intent: string; visitReportId: string; errors: FormErrors; reason?: string };

export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  const intent = text(form, "intent");
  const visitReportId = text(form, "visitReportId");
  const { api } = await requireWorkspace(args);
  // Back to the same list (the status tab), without the return form that was open.
  const back = new URL(args.request.url);
  back.searchParams.delete("index");
  back.searchParams.delete("return");
  back.searchParams.delete("notice");
  const list = (notice: string) => {
    back.searchParams.set("notice", notice);
    return `${back.pathname}?${back.searchParams.toString()}`;
  };

  if (intent === "approve") {
    const approved = await attempt(() => api.reports.approve({ visitReportId }));
    if (!approved.ok) {
      return data<Outcome>({ intent, visitReportId, errors: approved.errors }, { status: approved.status });
    }
    return redirect(list("approved"));
  }
  if (intent === "return") {
    const reason = text(form, "reason");
    const returned = await attempt(() => api.reports.return({ visitReportId, reason }));
    if (!returned.ok) {
      return data<Outcome>(
        { intent, visitReportId, errors: returned.errors, reason },
        { status: returned.status },
      );
    }
    return redirect(list("returned"));
  }
  return data<Outcome>(
    {
      intent: "other",
      visitReportId,
      errors: { message: "This form is out of date. Reload the page and try again.", fields: {} },
    },
    { status: 400 },
  );
}

const notices: Record<string, string> = {
  approved: "Report approved.",
  returned: "Report returned to its author.",
};

export default function Reports() {
  const loaded = useLoaderData<typeof loader>();
  const { mode, items } = loaded;
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" ? navigation.formData : null;
  const busyFor = (id: string, intent: string) =>
    busy?.get("visitReportId") === id && busy?.get("intent") === intent;
  const tabs = mode === "mine" ? ownTabs : officeTabs;
  const current = loaded.status ?? "";
  const listUrl = (change: Record<string, string>) => {
    const params = new URLSearchParams();
    if (current) params.set("status", current);
    // Stay on the page being read (a return form opens where its report is listed).
    if (loaded.cursor) params.set("cursor", loaded.cursor);
    for (const [key, value] of Object.entries(change)) {
      if (value) params.set(key, value);
      else params.delete(key);
    }
    const query = params.toString();
    return query ? `/reports?${query}` : "/reports";
  };
  // Posts name the index route (?index), or they would reach the layout route above it.
  const actionParams = new URLSearchParams();
  if (current) actionParams.set("status", current);
  if (loaded.cursor) actionParams.set("cursor", loaded.cursor);
  const actionUrl = `/reports?index${actionParams.size ? `&${actionParams.toString()}` : ""}`;
  const notice = loaded.notice ? notices[loaded.notice] : null;
  const waiting = mode !== "mine" && current === "submitted";

  return (
    <section className="stack report-queue">
      <header>
        <p className="eyebrow">Work</p>
        <h1>{mode === "mine" ? "My reports" : "Visit reports"}</h1>
        <p className="muted">
          {mode === "mine"
            ? "Reports you are writing, that came back to you, or that wait for review."
            : mode === "review"
              ? "Submitted reports wait here, the oldest first. Approve them, or return them with a reason."
              : "Submitted reports, the oldest first. You can read them; reviewing is not part of your role here."}
        </p>
      </header>

      <nav className="report-tabs" aria-label="Report status">
        {tabs.map((tab) => (
          <Link
            key={tab.status || "open"}
            to={tab.status ? `/reports?status=${tab.status}` : "/reports"}
            aria-current={tab.status === current ? "page" : undefined}
          >
            {tab.label}
          </Link>
        ))}
      </nav>

      {notice ? <Notice>{notice}</Notice> : null}
      {result && result.intent !== "return" ? <FormAlert errors={result.errors} /> : null}
      {loaded.error ? (
        <div className="stack">
          <FormAlert errors={loaded.error} />
          <p>
            <Link to={listUrl({ cursor: "" })}>Start again from the first page</Link>
          </p>
        </div>
      ) : null}

      {items.length === 0 && !loaded.error ? (
        <div className="panel empty">
          <p>
            {waiting
              ? "No reports are waiting for review."
              : mode === "mine"
                ? "No reports here. Open a visit to write its report."
                : "No reports with this status."}
          </p>
        </div>
      ) : (
        <ol className="report-list">
          {items.map((item) => (
            <li key={item.id} className="panel report-item">
              <div className="report-item-head">
                <h2>
                  <Link to={`/reports/${item.id}`}>{item.title}</Link>
                </h2>
                <span className="report-badges">
                  <ReportStatusBadge status={item.status} />
                  {item.result ? <span className="badge">{resultNames[item.result]}</span> : null}
                  {item.followUpRequired ? <span className="badge warn">Follow-up</span> : null}
                </span>
              </div>
              <p className="report-where">
                <strong>{item.customer.name}</strong>
                {item.location ? (
                  <>
                    {" · "}
                    {item.location.name}
                    {item.location.address ? <span className="muted">, {item.location.address}</span> : null}
                  </>
                ) : null}
              </p>
              <p className="muted small">
                {item.when}
                {item.employeeName ? ` · ${item.employeeName}` : ""}
                {item.lastStep ? ` · ${item.lastStep}` : ""}
              </p>
              <PhotoStrip photos={item.photos} to={`/reports/${item.id}`} title={item.title} />
              {loaded.returning === item.id && item.can.return ? (
                <ReturnForm
                  action={actionUrl}
                  cancelTo={listUrl({ return: "" })}
                  visitReportId={item.id}
                  title={item.title}
                  errors={
                    result?.intent === "return" && result.visitReportId === item.id ? result.errors : null
                  }
                  reason={result?.intent === "return" ? (result.reason ?? "") : ""}
                  busy={busyFor(item.id, "return")}
                />
              ) : (
                <div className="actions report-item-actions">
                  {item.can.approve ? (
                    <ApproveButton
                      action={actionUrl}
                      visitReportId={item.id}
                      busy={busyFor(item.id, "approve")}
                    />
                  ) : null}
                  {item.can.return ? (
                    <Link
                      className="button secondary small"
                      to={`${listUrl({ return: item.id, notice: "" })}#return-${item.id}`}
                    >
                      Return…
                    </Link>
                  ) : null}
                  <Link className="button secondary small" to={`/reports/${item.id}`}>
                    {item.can.edit ? "Continue writing" : "Open"}
                  </Link>
                </div>
              )}
            </li>
          ))}
        </ol>
      )}

      {loaded.nextCursor ? (
        <p className="pager">
          {loaded.cursor ? <Link to={listUrl({ cursor: "" })}>First page</Link> : null}
          <Link to={listUrl({ cursor: loaded.nextCursor })}>Next page</Link>
        </p>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <PageError />;
}
