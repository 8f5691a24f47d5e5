import { nameOf, roleNames } from "@ordinavo/domain/labels";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatCalendarDay, formatVisit } from "~/components/customer-bits";
import { MyDayList } from "~/components/my-day/my-day-list";
import { PageError } from "~/components/page-error";
import todayCss from "~/components/today/today.css?url";
import { formatDate } from "~/lib/format";
import { load, requireWorkspace } from "~/lib/require.server";

export const meta: MetaFunction = () => [{ title: "Today · Ordinavo Workspace" }];

export const links = () => [{ rel: "stylesheet", href: todayCss }];

// "Today", where everyone lands. What it holds is the API's decision from the policy (today.view):
// the day's board for those who plan, reports waiting for review for those who review or follow
// them, open follow-ups, and field staff's own day in route order. Every count opens its list.

export async function loader(args: LoaderFunctionArgs) {
  const { api, me } = await requireWorkspace(args);
  const view = await load(args.request, () => api.today.view());
  const myDay = view.myDay ? await load(args.request, () => api.execution.myDay({})) : null;
  return {
    view,
    myDay,
    who: {
      firstName: me.user.name.split(" ")[0] ?? me.user.name,
      tenantName: me.active?.tenantName ?? "",
      role: me.active?.role ?? "",
      allowed: me.active?.allowedActions ?? [],
    },
  };
}

function Count({ n, label, to, warn = false }: { n: number; label: string; to?: string; warn?: boolean }) {
  const body = (
    <>
      <strong>{n}</strong>
      <span>{label}</span>
    </>
  );
  const className = `today-count${warn && n > 0 ? " is-warn" : ""}`;
  return (
    <li>
      {to ? (
        <Link className={className} to={to}>
          {body}
        </Link>
      ) : (
        <div className={className}>{body}</div>
      )}
    </li>
  );
}

type View = ReturnType<typeof useLoaderData<typeof loader>>["view"];

function BoardPanel({ board, timeZone }: { board: NonNullable<View["board"]>; timeZone: string }) {
  const visitLine = (visit: (typeof board.late.first)[number]) => (
    <li key={visit.id}>
      <Link to={visit.href}>{visit.title ?? "Visit"}</Link>
      <span className="muted small">
        {[visit.customerName, formatVisit(visit.plannedStart, visit.plannedEnd, timeZone), visit.assigneeName]
          .filter(Boolean)
          .join(" · ")}
      </span>
    </li>
  );
  return (
    <section className="panel today-panel" aria-labelledby="board-title">
      <div className="panel-head">
        <h2 id="board-title">Today's board</h2>
        <Link className="button secondary small" to={board.href}>
          Open the board
        </Link>
      </div>
      <ul className="today-counts">
        <Count n={board.total} label={board.total === 1 ? "visit today" : "visits today"} to={board.href} />
        <Count n={board.unassigned.count} label="not assigned" to={board.href} warn />
        <Count n={board.late.count} label="late: not started" to={board.href} warn />
      </ul>
      {board.byStatus.length ? (
        <ul className="today-statuses" aria-label="Today's visits by status">
          {board.byStatus.map((row) => (
            <li key={row.status} className="badge">
              {row.label}: {row.count}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">Nothing is planned for today.</p>
      )}
      {board.late.first.length ? (
        <>
          <h3>Late</h3>
          <ul className="today-list">{board.late.first.map(visitLine)}</ul>
        </>
      ) : null}
      {board.unassigned.first.length ? (
        <>
          <h3>Not assigned yet</h3>
          <ul className="today-list">{board.unassigned.first.map(visitLine)}</ul>
        </>
      ) : null}
    </section>
  );
}

function ReviewsPanel({ reviews, timeZone }: { reviews: NonNullable<View["reviews"]>; timeZone: string }) {
  return (
    <section className="panel today-panel" aria-labelledby="reviews-title">
      <div className="panel-head">
        <h2 id="reviews-title">Visit reports</h2>
        <Link className="button secondary small" to={reviews.href}>
          {reviews.canReview ? "Review queue" : "All reports"}
        </Link>
      </div>
      <ul className="today-counts">
        <Count n={reviews.waiting} label="waiting for review" to={reviews.href} warn={reviews.canReview} />
      </ul>
      {reviews.oldest.length ? (
        <>
          <h3>Waiting longest</h3>
          <ul className="today-list">
            {reviews.oldest.map((report) => (
              <li key={report.id}>
                <Link to={report.href}>{report.title ?? "Visit report"}</Link>
                <span className="muted small">
                  {[
                    report.customerName,
                    report.submittedAt ? `submitted ${formatDate(report.submittedAt, timeZone)}` : null,
                  ]
                    .filter(Boolean)
                    .join(" · ")}
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="muted small">No report is waiting for review.</p>
      )}
    </section>
  );
}

function FollowUpsPanel({ followUps }: { followUps: NonNullable<View["followUps"]> }) {
  const list = "/targets?show=open";
  return (
    <section className="panel today-panel" aria-labelledby="follow-ups-title">
      <div className="panel-head">
        <h2 id="follow-ups-title">Follow-ups</h2>
        <Link className="button secondary small" to={list}>
          Open work
        </Link>
      </div>
      <ul className="today-counts">
        <Count n={followUps.open} label="open: to plan" to={list} warn />
        <Count n={followUps.planned} label="planned" to="/targets?show=planned" />
      </ul>
      {followUps.oldest.length ? (
        <>
          <h3>Open, by due date</h3>
          <ul className="today-list">
            {followUps.oldest.map((followUp) => (
              <li key={followUp.id}>
                <Link to={followUp.href}>{followUp.details ?? "Follow-up"}</Link>
                <span className="muted small">
                  {[
                    followUp.customerName,
                    followUp.dueDate ? `due ${formatCalendarDay(followUp.dueDate)}` : null,
                  ]
                    .filter(Boolean)
                    .join(" · ")}
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="muted small">No follow-up is waiting to be planned.</p>
      )}
    </section>
  );
}

/** The links of the old overview: account and administration, as the policy allows. */
function AccountPanel({
  who,
  timeZone,
}: {
  who: { tenantName: string; role: string; allowed: string[] };
  timeZone: string;
}) {
  const allowed = new Set(who.allowed);
  const links = [
    { action: "user.manage", to: "/settings/users", label: "Invite people and manage roles" },
    { action: "api_key.manage", to: "/settings/api-keys", label: "Create API keys for integrations" },
    {
      action: "tenant_settings.manage",
      to: "/settings/workspace",
      label: "Set the time zone and feature switches",
    },
    { action: "login_events.read", to: "/settings/sign-ins", label: "Review sign-in activity" },
    { action: "audit_log.read", to: "/audit", label: "Read the audit log" },
  ].filter((link) => allowed.has(link.action));
  return (
    <section className="panel today-panel" aria-labelledby="access-title">
      <h2 id="access-title">Your access</h2>
      <p className="muted small">
        Signed in to <strong>{who.tenantName}</strong> as{" "}
        <strong>{nameOf(roleNames, who.role).toLowerCase()}</strong>. Times are shown in {timeZone}.
      </p>
      <ul className="link-list">
        {links.map((link) => (
          <li key={link.to}>
            <Link to={link.to}>{link.label}</Link>
          </li>
        ))}
        <li>
          <Link to="/account/password">Change your password</Link>
        </li>
      </ul>
    </section>
  );
}

export default function Today() {
  const { view, myDay, who } = useLoaderData<typeof loader>();
  const nothing = !view.board && !view.reviews && !view.followUps && !myDay;
  return (
    <section className="stack">
      <header>
        <p className="eyebrow">
          Today · {formatCalendarDay(view.day)} · {who.tenantName}
        </p>
        <h1>Welcome, {who.firstName}</h1>
      </header>
      {myDay ? (
        <section aria-labelledby="my-day-title" className="stack today-day">
          <h2 id="my-day-title">Your day</h2>
          <MyDayList day={myDay} />
        </section>
      ) : null}
      {view.board || view.reviews || view.followUps ? (
        <div className="today-grid">
          {view.board ? <BoardPanel board={view.board} timeZone={view.timeZone} /> : null}
          {view.reviews ? <ReviewsPanel reviews={view.reviews} timeZone={view.timeZone} /> : null}
          {view.followUps ? <FollowUpsPanel followUps={view.followUps} /> : null}
        </div>
      ) : null}
      {nothing ? (
        <div className="panel empty">
          <p className="empty-title">Nothing needs you today</p>
          <p>Your role has no day to plan, no visits and no reports to follow.</p>
        </div>
      ) : null}
      <AccountPanel who={who} timeZone={view.timeZone} />
    </section>
  );
}

export function ErrorBoundary() {
  return <PageError />;
}
