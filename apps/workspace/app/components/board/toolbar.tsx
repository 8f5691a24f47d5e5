import { Form, Link } from "@remix-run/react";
import { dayText } from "~/lib/planning-display";

/** Previous / today / next, the period in words, week or day, and a date to jump to. */
export function BoardToolbar({
  span,
  day,
  days,
  today,
  weekNumber,
  prev,
  next,
  boardUrl,
}: {
  span: "week" | "day";
  day: string;
  days: readonly string[];
  today: string;
  weekNumber: number;
  prev: string;
  next: string;
  boardUrl: (change: Record<string, string | null>) => string;
}) {
  const title =
    span === "week"
      ? `${dayText(days[0]!, "dayMonth")} – ${dayText(days[days.length - 1]!, "date")}`
      : dayText(day, "long");
  const isCurrent = span === "week" ? days.includes(today) : day === today;
  const go = (change: Record<string, string | null>) => boardUrl({ ...change, move: null, plan: null });
  return (
    <div className="board-toolbar">
      <nav className="board-nav" aria-label={span === "week" ? "Weeks" : "Days"}>
        <Link className="button secondary small" to={go({ day: prev })}>
          ← <span className="visually-hidden">{span === "week" ? "Previous week" : "Previous day"}</span>
        </Link>
        <Link
          className="button secondary small"
          to={go({ day: today })}
          aria-current={isCurrent ? "date" : undefined}
        >
          Today
        </Link>
        <Link className="button secondary small" to={go({ day: next })}>
          <span className="visually-hidden">{span === "week" ? "Next week" : "Next day"}</span> →
        </Link>
      </nav>
      <h2 className="board-title">
        {span === "week" ? <span className="board-week-no">Week {weekNumber}</span> : null}
        {title}
      </h2>
      <nav className="board-views" aria-label="View">
        <Link
          className={`board-view${span === "week" ? " is-current" : ""}`}
          aria-current={span === "week" ? "page" : undefined}
          to={go({ span: "week" })}
        >
          Week
        </Link>
        <Link
          className={`board-view${span === "day" ? " is-current" : ""}`}
          aria-current={span === "day" ? "page" : undefined}
          to={go({ span: "day", day: span === "week" && days.includes(today) ? today : day })}
        >
          Day
        </Link>
      </nav>
      <Form method="get" action="/board" className="board-goto">
        <input type="hidden" name="span" value={span} />
        <label htmlFor="board-day" className="visually-hidden">
          Go to date
        </label>
        <input id="board-day" type="date" name="day" defaultValue={day} key={day} />
        <button type="submit" className="button secondary small">
          Go
        </button>
      </Form>
    </div>
  );
}
