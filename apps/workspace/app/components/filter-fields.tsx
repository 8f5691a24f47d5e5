import { Link } from "@remix-run/react";

// Pieces of the GET filter forms (History, Audit log): a date range and the Apply/Clear pair.
// Keys on the inputs make a filter changed by a link show its new values after navigation.

export function DateRangeFields({ idPrefix, from, to }: { idPrefix: string; from: string; to: string }) {
  return (
    <>
      <div className="field">
        <label htmlFor={`${idPrefix}-from`}>From</label>
        <input id={`${idPrefix}-from`} type="date" name="from" defaultValue={from} key={`from-${from}`} />
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-to`}>To</label>
        <input id={`${idPrefix}-to`} type="date" name="to" defaultValue={to} key={`to-${to}`} />
      </div>
    </>
  );
}

/** Apply, and Clear (a link to the unfiltered page) while a filter is set. */
export function FilterActions({
  className,
  filtered,
  clearTo,
}: {
  className: string;
  filtered: boolean;
  clearTo: string;
}) {
  return (
    <div className={className}>
      <button type="submit" className="button secondary small">
        Apply
      </button>
      {filtered ? (
        <Link className="button secondary small" to={clearTo}>
          Clear
        </Link>
      ) : null}
    </div>
  );
}
