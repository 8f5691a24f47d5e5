import { Notice } from "@ordinavo/ui";
import type { TimeChange } from "./format";

/**
 * What a new order did, including every visit whose agreed time it moved ("2 visits got new
 * times: …"), so nobody finds out from the customer.
 */
export function ChangeNotice({
  notice,
  timeChanges,
  hours,
}: {
  notice: string;
  timeChanges: readonly TimeChange[];
  hours: Intl.DateTimeFormat;
}) {
  const count = timeChanges.length;
  return (
    <Notice>
      {notice}{" "}
      {count === 0 ? (
        "Every visit kept its time."
      ) : (
        <>
          {count === 1 ? "1 visit got a new time" : `${count} visits got new times`} (tell the customers if
          they were agreed; confirmed visits need confirming again):
          <ul className="time-changes">
            {timeChanges.map((change) => (
              <li key={change.appointmentId}>
                “{change.title}”: {hours.format(new Date(change.before))} →{" "}
                <strong>{hours.format(new Date(change.after))}</strong>
              </li>
            ))}
          </ul>
        </>
      )}
    </Notice>
  );
}
