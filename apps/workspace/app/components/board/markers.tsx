// The small icons on a card: recurring, fixed time, overlapping. Each says its meaning in words
// to screen readers and in a tooltip.

function RecurringIcon() {
  return (
    <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
      <path
        d="M13 3v3.5H9.5M3 13V9.5h3.5M3.6 6.2A4.8 4.8 0 0 1 12.7 6M12.4 9.8A4.8 4.8 0 0 1 3.3 10"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

function FixedIcon() {
  return (
    <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
      <rect x="3.5" y="7" width="9" height="7" rx="1.5" fill="currentColor" />
      <path d="M5.5 7V5a2.5 2.5 0 0 1 5 0v2" fill="none" stroke="currentColor" strokeWidth="1.6" />
    </svg>
  );
}

function OverlapIcon() {
  return (
    <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
      <path d="M8 1.5 15 14H1z" fill="currentColor" />
      <path d="M8 6v4M8 11.5v1" stroke="#fff" strokeWidth="1.6" strokeLinecap="round" />
    </svg>
  );
}

export function Markers({
  recurring,
  fixedTime,
  overlaps = false,
}: {
  recurring: boolean;
  fixedTime: boolean;
  overlaps?: boolean;
}) {
  if (!recurring && !fixedTime && !overlaps) return null;
  return (
    <span className="board-markers">
      {overlaps ? (
        <span className="board-marker board-marker-warn" title="Overlaps another visit of this person">
          <OverlapIcon />
          <span className="visually-hidden"> Overlaps another visit.</span>
        </span>
      ) : null}
      {recurring ? (
        <span className="board-marker" title="Recurring visit">
          <RecurringIcon />
          <span className="visually-hidden"> Recurring visit.</span>
        </span>
      ) : null}
      {fixedTime ? (
        <span className="board-marker" title="Fixed time, agreed with the customer">
          <FixedIcon />
          <span className="visually-hidden"> Fixed time.</span>
        </span>
      ) : null}
    </span>
  );
}
