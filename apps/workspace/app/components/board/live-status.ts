import { appointmentTone, type Tone } from "~/lib/planning-display";

// What the field is doing, as the board shows it: a colour per status (the app's tones, with the
// on-site statuses the phone adds) and a short word on the card for statuses set from the field,
// so the dispatcher sees at a glance who is on the way, on site, working, done or stuck.

export const boardTone: Readonly<Record<string, Tone>> = {
  ...appointmentTone,
  en_route: "progress",
  on_site: "progress",
  in_progress: "progress",
  completed: "done",
  not_completed: "danger",
  no_show: "danger",
};

/** Short words for the statuses a card spells out (planned ones say nothing: the colour does). */
export const liveWords: Readonly<Record<string, string>> = {
  en_route: "En route",
  on_site: "On site",
  in_progress: "In progress",
  completed: "Done",
  not_completed: "Could not complete",
  no_show: "No-show",
};

export const toneOf = (status: string): Tone => boardTone[status] ?? "neutral";
