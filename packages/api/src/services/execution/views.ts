import {
  type AppointmentStatus,
  appointmentIs,
  appointmentMachine,
  appointmentStatuses,
  type contactMethods,
  mobileUpdateKinds,
  visitReportStatuses,
  ZPlanningDay,
} from "@ordinavo/domain";
import { z } from "zod";

// What mobile execution returns: a visit as the employee needs it on site (where, how to get in,
// whom to call), and the updates recorded from the phone. Nothing here is an administrative field:
// no external references, no billing, no other people's work. Rows reach these shapes through the
// policy's field lists (`project`), so a field the policy withholds is simply absent.

/** Links that open the phone's map app at the place. */
export const ZNavigation = z.object({
  /** `geo:lat,lon` (Android map apps); null without coordinates. */
  geo: z.string().nullable(),
  /** An https maps link (directions to the coordinates, or a search for the address). */
  web: z.string(),
});
export type Navigation = z.infer<typeof ZNavigation>;

/** The person to reach on site, with one way to reach them (the one they prefer when present). */
export const ZVisitContact = z.object({
  name: z.string(),
  role: z.string().nullable(),
  channel: z.enum(["email", "phone", "mobile"]).nullable(),
  /** The number or address for `channel`. */
  value: z.string().nullable(),
  /** `tel:` or `mailto:` for `value`. */
  href: z.string().nullable(),
});
export type VisitContact = z.infer<typeof ZVisitContact>;

export const ZVisitCan = z.object({
  /** Comments and problem reports (the assignee). */
  record: z.boolean(),
  /** A status change is possible now (the assignee, and the visit has not ended). */
  changeStatus: z.boolean(),
  /** Start or open the visit report. */
  report: z.boolean(),
});

export const ZVisitCard = z.object({
  appointmentId: z.string(),
  /** 1-based order in the day (the saved route order, else by planned start). */
  order: z.number().int(),
  /** The stop's position in the saved route (from 0), null when the day has no saved route for it. */
  routePosition: z.number().int().nullable(),
  status: z.enum(appointmentStatuses),
  plannedStart: z.date(),
  plannedEnd: z.date(),
  /** Planned window as wall-clock times in the workspace's zone ("08:30", "09:30"). */
  startText: z.string(),
  endText: z.string(),
  fixedTime: z.boolean(),
  targetTitle: z.string(),
  targetDescription: z.string().nullable(),
  customerName: z.string(),
  locationName: z.string().nullable(),
  /** One line: street, postal code and city. */
  address: z.string().nullable(),
  navigation: ZNavigation.nullable(),
  accessNotes: z.string().nullable(),
  parkingNotes: z.string().nullable(),
  contact: ZVisitContact.nullable(),
  startedAt: z.date().nullable(),
  completedAt: z.date().nullable(),
  visitedAt: z.date().nullable(),
  report: z.object({ id: z.string(), status: z.enum(visitReportStatuses) }).nullable(),
  /** The visit is over (completed or could not be completed): the card shrinks. */
  ended: z.boolean(),
  can: ZVisitCan,
});
export type VisitCard = z.infer<typeof ZVisitCard>;

export const ZMyDayInput = z.object({
  /** A local day (YYYY-MM-DD) in the workspace's zone; today when left out. */
  day: ZPlanningDay.optional(),
});

export const ZMyDay = z.object({
  day: z.string(),
  today: z.string(),
  timeZone: z.string(),
  visits: z.array(ZVisitCard),
});
export type MyDay = z.infer<typeof ZMyDay>;

export const ZVisitUpdate = z.object({
  id: z.string(),
  clientId: z.string().nullable(),
  kind: z.enum(mobileUpdateKinds),
  status: z.enum(appointmentStatuses).nullable(),
  body: z.string().nullable(),
  /** Recorded by the viewer. */
  mine: z.boolean(),
  /** Who recorded it, for readers who see staff names (office roles); null for employees. */
  employeeName: z.string().nullable(),
  hasPosition: z.boolean(),
  recordedAt: z.date(),
  receivedAt: z.date(),
});
export type VisitUpdate = z.infer<typeof ZVisitUpdate>;

export const ZVisitView = z.object({
  visit: ZVisitCard,
  timeZone: z.string(),
  updates: z.array(ZVisitUpdate),
  /** Statuses the assignee may record next (the machine's next steps that belong on site). */
  nextStatuses: z.array(z.enum(appointmentStatuses)),
  /** The same for every status (`onSiteSteps`): the page's next buttons while updates wait offline. */
  onSiteSteps: z.record(z.enum(appointmentStatuses), z.array(z.enum(appointmentStatuses))),
  /** Statuses that need a reason (the update's text). */
  needsReason: z.array(z.enum(appointmentStatuses)),
  /** Status updates carry the phone's position (the tenant's setting). */
  capturePosition: z.boolean(),
  /** The tenant's internal notes on the customer, where the tenant lets employees read them. */
  notes: z.array(z.object({ id: z.string(), body: z.string(), createdAt: z.date() })),
});
export type VisitView = z.infer<typeof ZVisitView>;

export const ZRecordUpdateInput = z.object({
  /** Made by the phone; a retry or replay with the same id is applied once. */
  clientId: z.uuid({ error: "A client id is required" }),
  appointmentId: z.uuid({ error: "Choose an appointment" }),
  kind: z.enum(mobileUpdateKinds, { error: "Choose a kind of update" }),
  status: z.enum(appointmentStatuses, { error: "Choose a status" }).optional(),
  body: z.string().max(4000, { error: "Keep it under 4000 characters" }).optional(),
  position: z
    .object({
      latitude: z.number().min(-90).max(90),
      longitude: z.number().min(-180).max(180),
      accuracyMeters: z.number().min(0).max(100_000).nullable().optional(),
    })
    .nullable()
    .optional(),
  /** When the employee tapped (the phone's clock); clamped by the server. */
  recordedAt: z.coerce.date({ error: "A time is required" }),
});
export type RecordUpdateInput = z.infer<typeof ZRecordUpdateInput>;

export const ZRecordUpdateResult = z.object({
  /** The update as stored (the first one, for a replay); null when a status was already set. */
  update: ZVisitUpdate.nullable(),
  /** True when nothing new was written (same client id again, or the status was already set). */
  replayed: z.boolean(),
  appointment: z.object({
    id: z.string(),
    status: z.enum(appointmentStatuses),
    startedAt: z.date().nullable(),
    completedAt: z.date().nullable(),
  }),
});
export type RecordUpdateResult = z.infer<typeof ZRecordUpdateResult>;

// ---- Helpers ------------------------------------------------------------------------------------

/**
 * For each status, the statuses its assignee may record next on site: the machine's next steps
 * that belong on site. The one table the cards, the visit view and the page (which shows the next
 * buttons while its updates wait offline) read.
 */
export const onSiteSteps = Object.fromEntries(
  appointmentStatuses.map((status) => [
    status,
    appointmentMachine.nextStatuses(status).filter((next) => appointmentIs("setOnSite", next)),
  ]),
) as Record<AppointmentStatus, AppointmentStatus[]>;

/** The visit is over on site: completed or could not be completed (set from the field, and final). */
export const endsVisit = (status: string) =>
  appointmentIs("setOnSite", status) && appointmentIs("terminal", status);

/** Map links for a place: directions to coordinates, or a search for the address. */
export function navigationFor(place: {
  latitude?: number | null;
  longitude?: number | null;
  address: string | null;
}): Navigation | null {
  const { latitude, longitude } = place;
  if (typeof latitude === "number" && typeof longitude === "number") {
    const point = `${latitude},${longitude}`;
    return {
      geo: `geo:${point}?q=${point}`,
      web: `https://www.google.com/maps/dir/?api=1&destination=${encodeURIComponent(point)}`,
    };
  }
  if (!place.address) return null;
  return {
    geo: null,
    web: `https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(place.address)}`,
  };
}

/** "12 rue de la Paix, 69002 Lyon" from the parts a reader received. */
export function addressLine(place: {
  addressLine1?: string | null;
  addressLine2?: string | null;
  postalCode?: string | null;
  city?: string | null;
}): string | null {
  if (!place.addressLine1) return null;
  const town = [place.postalCode, place.city].filter(Boolean).join(" ");
  return [place.addressLine1, place.addressLine2, town].filter(Boolean).join(", ");
}

type ContactFields = {
  name?: string;
  role?: string | null;
  email?: string | null;
  phone?: string | null;
  mobile?: string | null;
  preferredContactMethod?: (typeof contactMethods)[number];
};

const hrefOf = (channel: "email" | "phone" | "mobile", value: string) =>
  channel === "email" ? `mailto:${value}` : `tel:${value.replace(/[^\d+]/g, "")}`;

/**
 * The contact as the reader received it, with one way to reach them: the preferred channel when
 * it has a value, otherwise the first of mobile, phone, e-mail that does ("none" is no preference).
 */
export function contactFor(contact: ContactFields | null): VisitContact | null {
  if (!contact?.name) return null;
  const base = { name: contact.name, role: contact.role ?? null };
  const preferred = contact.preferredContactMethod === "none" ? undefined : contact.preferredContactMethod;
  const order = [preferred, "mobile", "phone", "email"] as const;
  for (const channel of order) {
    if (!channel) continue;
    const value = contact[channel]?.trim();
    if (value) return { ...base, channel, value, href: hrefOf(channel, value) };
  }
  return { ...base, channel: null, value: null, href: null };
}
