import { nameOf, roleNames } from "@ordinavo/domain/labels";
import { Form, Link, useSubmit } from "@remix-run/react";

interface Person {
  id: string;
  name: string;
  role: string;
  group: "field" | "office";
}

/** Whose day and which day: a person (when there is a choice), a date, and the days around it. */
export function RoutePicker({
  assignees,
  employeeId,
  day,
  today,
  previousDay,
  nextDay,
}: {
  assignees: readonly Person[];
  employeeId: string;
  day: string;
  today: string;
  previousDay: string;
  nextDay: string;
}) {
  const submit = useSubmit();
  const onlySelf = assignees.length <= 1;
  const dayHref = (d: string) => `/routes?employee=${employeeId}&day=${d}`;
  return (
    <div className="panel route-picker">
      <Form
        method="get"
        action="/routes"
        className="route-picker-form"
        onChange={(event) => {
          // A new employee shows at once; a typed day waits for "Show" (typing a year passes
          // through years like 0002 on the way).
          if ((event.target as HTMLElement).tagName === "SELECT") submit(event.currentTarget);
        }}
      >
        {onlySelf ? (
          <input type="hidden" name="employee" value={employeeId} />
        ) : (
          <div className="field picker-employee">
            <label htmlFor="route-employee">Employee</label>
            <select id="route-employee" name="employee" defaultValue={employeeId} key={employeeId}>
              {assignees.map((person) => (
                <option key={person.id} value={person.id}>
                  {person.name}
                  {person.group === "field" ? "" : ` (${nameOf(roleNames, person.role)})`}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor="route-day">Day</label>
          <input id="route-day" type="date" name="day" defaultValue={day} key={day} required />
        </div>
        <button type="submit" className="button secondary">
          Show
        </button>
      </Form>
      <nav className="day-nav" aria-label="Other days">
        <Link className="button secondary small" to={dayHref(previousDay)} rel="prev">
          <span aria-hidden="true">← </span>Previous day
        </Link>
        {day !== today ? (
          <Link className="button secondary small" to={dayHref(today)}>
            Today
          </Link>
        ) : null}
        <Link className="button secondary small" to={dayHref(nextDay)} rel="next">
          Next day<span aria-hidden="true"> →</span>
        </Link>
      </nav>
    </div>
  );
}
