import { Form, Link } from "@remix-run/react";
import { useEffect, useState } from "react";
import { PriorityBadge } from "~/components/planning-badges";
import { dayText, durationText } from "~/lib/planning-display";
import { filterBacklog } from "./model";
import type { BacklogItem } from "./types";
import type { BoardDrag } from "./use-board-drag";

/** How many items the backlog shows at first, and adds with each "Show more". */
export const backlogPage = 12;

/**
 * Open work without an appointment, most urgent first, with a filter over title, customer,
 * location and city. The filter narrows as you type; without JavaScript it is a search form.
 * Items can be dragged onto the board, or planned with their "Plan…" form. The first
 * `backlogPage` items are drawn, more on request (without JavaScript: all, from the address).
 */
export function Backlog({
  items,
  filter: initialFilter,
  hidden: boardParams,
  planHref,
  limitReached,
  expanded,
  moreHref,
  drag,
  onHide,
}: {
  items: readonly BacklogItem[];
  /** The filter from the address (?q=), applied by the loader for the page without JavaScript. */
  filter: string;
  /** The board's own parameters, kept when the filter form is sent. */
  hidden: Record<string, string>;
  planHref: (targetId: string) => string;
  limitReached: boolean;
  /** The address asked for every item (?backlog=all, the "Show more" link without JavaScript). */
  expanded: boolean;
  moreHref: string;
  drag: BoardDrag;
  /** Folds the backlog away (in the browser), giving the board the width. */
  onHide?: () => void;
}) {
  const [filter, setFilter] = useState(initialFilter);
  useEffect(() => setFilter(initialFilter), [initialFilter]);
  const [count, setCount] = useState(expanded ? Number.POSITIVE_INFINITY : backlogPage);
  const shown = filterBacklog(items, filter);
  const drawn = shown.slice(0, count);
  const rest = shown.length - drawn.length;
  const counted = filter.trim() ? `${shown.length} of ${items.length}` : String(items.length);
  return (
    <aside className="panel board-backlog" id="board-backlog" aria-labelledby="backlog-title">
      <div className="backlog-head">
        <h2 id="backlog-title">Backlog</h2>
        <span className="badge">
          {counted}
          <span className="visually-hidden"> items</span>
        </span>
        {onHide ? (
          <button
            type="button"
            className="button secondary small backlog-hide"
            onClick={onHide}
            aria-controls="board-backlog"
            aria-expanded="true"
          >
            Hide
          </button>
        ) : null}
      </div>
      <Form
        method="get"
        action="/board"
        role="search"
        aria-label="Filter the backlog"
        className="backlog-filter"
        preventScrollReset
        onSubmit={(event) => event.preventDefault()}
      >
        {Object.entries(boardParams).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <label htmlFor="backlog-filter" className="visually-hidden">
          Filter by title, customer or city
        </label>
        <input
          id="backlog-filter"
          type="search"
          name="q"
          value={filter}
          onChange={(event) => setFilter(event.currentTarget.value)}
          placeholder="Filter by title, customer, city"
          autoComplete="off"
        />
        <noscript>
          <button type="submit" className="button secondary small">
            Filter
          </button>
        </noscript>
      </Form>
      {items.length === 0 ? (
        <p className="empty">Nothing is waiting to be planned.</p>
      ) : shown.length === 0 ? (
        <p className="empty">No open work matches “{filter.trim()}”.</p>
      ) : (
        <ul className="backlog-list" aria-label="Open work, most urgent first">
          {drawn.map((t) => (
            <li
              key={t.id}
              className="backlog-item is-movable"
              draggable
              onDragStart={(event) => {
                event.dataTransfer.effectAllowed = "move";
                event.dataTransfer.setData("text/plain", t.title);
                drag.begin({ kind: "target", item: t });
              }}
              onDragEnd={drag.end}
            >
              <Link to={`/targets/${t.id}`} className="backlog-title" draggable={false}>
                {t.title}
              </Link>
              <span className="backlog-customer">
                {t.customerName}
                {t.locationName ? ` · ${t.locationName}` : ""}
              </span>
              <span className="backlog-meta">
                <PriorityBadge priority={t.priority} />
                {t.dueDate ? <span>Due {dayText(t.dueDate, "dayMonth")}</span> : null}
                <span>{durationText(t.workMinutes)}</span>
              </span>
              <Link
                className="button secondary small backlog-plan"
                to={planHref(t.id)}
                draggable={false}
                preventScrollReset
              >
                Plan…<span className="visually-hidden"> {t.title}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {rest > 0 ? (
        <p className="backlog-more">
          <Link
            to={moreHref}
            className="button secondary small"
            preventScrollReset
            onClick={(event) => {
              event.preventDefault();
              setCount((n) => n + backlogPage);
            }}
          >
            Show {Math.min(rest, backlogPage)} more
          </Link>{" "}
          <span className="muted small">{rest} not shown</span>
        </p>
      ) : null}
      {limitReached ? (
        <p className="hint backlog-more">
          The {items.length} most urgent are shown. <Link to="/targets?show=open">See all open work</Link>
        </p>
      ) : null}
    </aside>
  );
}
