import { appointmentTone, type Tone } from "~/lib/planning-display";

// What the field is doing, as the board shows it: the app's colour per status (appointmentTone)
// and a short word on the card for statuses set from the field, so the dispatcher sees at a glance
// who is on the way, on site, working, done or stuck.

/** Short words for the statuses a card spells out (planned ones say nothing: the colour does). */
export const liveWords: Readonly<Record<string, string>> = {
  en_route: "En route",
  on_site: "On site",
  in_progress: "In progress",
  completed: "Done",
  not_completed: "Could not complete",
  no_show: "No-show",
};

export const toneOf = (status: string): Tone => appointmentTone[status] ?? "neutral";
