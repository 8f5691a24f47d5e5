// A small picture of what the field is doing, for cards too narrow to spell it out: on the way
// (arrow), on site (pin), working (play), done (tick), could not complete or no-show (cross).

const paths: Readonly<Record<string, string>> = {
  en_route: "M2.5 8h10M9 4.5 12.5 8 9 11.5",
  on_site:
    "M8 14s4.5-4 4.5-7.5a4.5 4.5 0 0 0-9 0C3.5 10 8 14 8 14zM8 8.2a1.6 1.6 0 1 0 0-3.2 1.6 1.6 0 0 0 0 3.2z",
  in_progress: "M5.5 3.5v9l7-4.5z",
  completed: "M3 8.5l3 3 7-7",
  not_completed: "M4 4l8 8M12 4l-8 8",
  no_show: "M4 4l8 8M12 4l-8 8",
};

export function LiveIcon({ status }: { status: string }) {
  const d = paths[status];
  if (!d) return null;
  const filled = status === "in_progress";
  return (
    <svg viewBox="0 0 16 16" width="11" height="11" aria-hidden="true" focusable="false">
      <path
        d={d}
        fill={filled ? "currentColor" : "none"}
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
