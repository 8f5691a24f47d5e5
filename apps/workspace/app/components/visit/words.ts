// What the visit page's buttons and lines say. Status names themselves come from the domain's
// labels; these are the employee's own words for taking each step.

/** The button that records each on-site step. */
export const stepWords: Readonly<Record<string, string>> = {
  en_route: "On my way",
  on_site: "I have arrived",
  in_progress: "Start work",
  completed: "Work completed",
  not_completed: "Could not complete…",
};

export const kindWords: Readonly<Record<string, string>> = {
  status_change: "Status",
  comment: "Comment",
  problem_report: "Problem reported",
};

/** What a notice says after a form was sent without JavaScript. */
export const noticeWords: Readonly<Record<string, string>> = {
  status: "Status recorded.",
  comment: "Comment added.",
  problem_report: "Problem reported. The office sees it on the visit and in the customer's history.",
};
