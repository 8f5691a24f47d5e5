/**
 * The customer portal story. Claire Dubois (property manager "gerance") sees the whole customer;
 * Marc Perrin (bakery chain "vernay") sees two of its shops and lost a third. Between them they
 * sent requests in every state, three of which became visits planned with the rest of the work;
 * a third contact's invitation is still pending.
 */
import { randomUUID } from "node:crypto";
import type { portalRequests } from "@ordinavo/db/schema";
import { addDays } from "@ordinavo/domain";
import {
  portalGrantValues,
  portalInvitationValues,
  portalRequestValues,
  portalUserValues,
  targetValues,
} from "../factories";
import { emailFor } from "../people";
import { DEMO_ACCOUNTS } from "./data/accounts";
import { SERVICES } from "./data/services";
import {
  type CustomerBook,
  type Insert,
  minutesAfter,
  minutesBefore,
  nextWorkingDay,
  previousWorkingDay,
  readableDay,
  type Story,
  type Team,
  type VisitDraft,
} from "./story";
import type { Schedule } from "./visits";

export type PortalVisits = ReturnType<typeof portalRequestVisits>;

/** The visits behind the portal requests, planned with the rest of the work on fixed days. */
export function portalRequestVisits(story: Story, team: Team, book: CustomerBook) {
  const { today } = story;
  const gerance = book.byKey.get("gerance")!;
  const vernay = book.byKey.get("vernay")!;
  const lucas = team.employeeByKey.get("lucas")!;
  const lea = team.employeeByKey.get("lea")!;
  const service = (title: string) => SERVICES.find((s) => s.title === title)!;
  return {
    completed: {
      employee: lucas,
      day: previousWorkingDay(addDays(today, -12)),
      site: gerance.sites[1]!,
      service: service("Waste room disinfection"),
      title: "Unblock the drain in the bin room",
      minutes: 60,
      origin: "request",
      pinned: true,
      forced: { status: "completed", publish: true },
    },
    planned: {
      employee: lucas,
      day: nextWorkingDay(addDays(today, 6)),
      site: gerance.sites[2]!,
      service: service("Quarterly HVAC maintenance"),
      title: "Annual boiler service",
      minutes: 90,
      origin: "request",
      pinned: true,
      forced: { status: "scheduled" },
    },
    sitesPlanned: {
      employee: lea,
      day: nextWorkingDay(addDays(today, 3)),
      site: vernay.sites[0]!,
      service: service("Floor stripping and waxing"),
      title: "Deep clean of the shop floor before reopening",
      minutes: 180,
      origin: "request",
      pinned: true,
      forced: { status: "confirmed" },
    },
  } satisfies Record<string, VisitDraft>;
}

export function addPortal(
  story: Story,
  team: Team,
  book: CustomerBook,
  schedule: Schedule,
  requestVisits: PortalVisits,
): void {
  const { tenantId, today, rows, ago, timeline } = story;
  const { managerId } = team;
  const { visits } = schedule;
  const gerance = book.byKey.get("gerance")!;
  const vernay = book.byKey.get("vernay")!;
  const portal = story.random.fork("portal");
  const claire = gerance.contacts[0]!;
  const marc = vernay.contacts[0]!;
  const claireId = randomUUID();
  const marcId = randomUUID();
  const claireSince = ago(45 * 24 * 60);
  const marcSince = ago(30 * 24 * 60);
  rows.portalUsers.push(
    portalUserValues({
      id: claireId,
      tenantId,
      contactPersonId: claire.id,
      email: DEMO_ACCOUNTS.portal,
      name: claire.person.name,
      passwordHash: story.passwordHash,
      locale: "en",
      createdAt: claireSince,
      updatedAt: claireSince,
    }),
    portalUserValues({
      id: marcId,
      tenantId,
      contactPersonId: marc.id,
      email: DEMO_ACCOUNTS.portalSites,
      name: marc.person.name,
      passwordHash: story.passwordHash,
      locale: "fr",
      createdAt: marcSince,
      updatedAt: marcSince,
    }),
  );
  const invitation = (
    contactId: string,
    email: string,
    grants: { customerId: string; locationId: string | null }[],
    createdAt: Date,
    acceptedAt: Date | null,
  ) =>
    portalInvitationValues({
      tenantId,
      contactPersonId: contactId,
      email,
      grants,
      invitedById: managerId,
      createdAt,
      expiresAt: minutesAfter(createdAt, 7 * 24 * 60),
      acceptedAt,
    });
  const claireGrants = [{ customerId: gerance.id, locationId: null }];
  const marcGrants = [0, 1].map((i) => ({ customerId: vernay.id, locationId: vernay.sites[i]!.id }));
  const mutuelle = book.byKey.get("mutuelle")!;
  rows.portalInvitations.push(
    invitation(
      claire.id,
      DEMO_ACCOUNTS.portal,
      claireGrants,
      minutesBefore(claireSince, 26 * 60),
      claireSince,
    ),
    invitation(marc.id, DEMO_ACCOUNTS.portalSites, marcGrants, minutesBefore(marcSince, 3 * 60), marcSince),
    // Still pending: sent two days ago to the bank's facility manager.
    invitation(
      mutuelle.contacts[0]!.id,
      emailFor(mutuelle.contacts[0]!.person, mutuelle.seed.domain),
      [{ customerId: mutuelle.id, locationId: null }],
      ago(2 * 24 * 60),
      null,
    ),
  );
  rows.portalGrants.push(
    ...claireGrants.map((g) =>
      portalGrantValues({
        tenantId,
        portalUserId: claireId,
        ...g,
        grantedById: managerId,
        createdAt: claireSince,
      }),
    ),
    ...marcGrants.map((g) =>
      portalGrantValues({
        tenantId,
        portalUserId: marcId,
        ...g,
        grantedById: managerId,
        createdAt: marcSince,
      }),
    ),
    // Access to a third bakery ended when it moved to another regional manager.
    portalGrantValues({
      tenantId,
      portalUserId: marcId,
      customerId: vernay.id,
      locationId: vernay.sites[3]!.id,
      grantedById: managerId,
      createdAt: marcSince,
      revokedAt: ago(10 * 24 * 60),
    }),
  );

  const visitFor = (draft: VisitDraft) =>
    visits.find((v) => v.title === draft.title && v.site === draft.site);
  const completedVisit = visitFor(requestVisits.completed);
  const plannedVisit = visitFor(requestVisits.planned);
  const sitesPlannedVisit = visitFor(requestVisits.sitesPlanned);
  const acceptedTargetId = randomUUID();
  const acceptedAt = ago(26 * 60);
  rows.targets.push(
    targetValues({
      id: acceptedTargetId,
      tenantId,
      customerId: gerance.id,
      locationId: gerance.sites[3]!.id,
      contactId: claire.id,
      title: "Flickering lights in the underground car park",
      description: "Reported through the customer portal. Check ballasts and the timer on level -1.",
      status: "open",
      priority: "high",
      dueDate: addDays(today, 10),
      source: "portal_request",
      createdById: managerId,
      createdAt: acceptedAt,
      updatedAt: acceptedAt,
    }),
  );
  timeline("target_created", {
    customerId: gerance.id,
    locationId: gerance.sites[3]!.id,
    objectType: "target",
    objectId: acceptedTargetId,
    occurredAt: acceptedAt,
  });

  const requests: (Insert<typeof portalRequests> & { id: string; createdAt: Date })[] = [
    {
      id: randomUUID(),
      tenantId,
      portalUserId: claireId,
      customerId: gerance.id,
      locationId: gerance.sites[2]!.id,
      type: "service",
      title: "Water stain on the ceiling of the entrance hall",
      description:
        "A brown stain appeared on the hall ceiling after last week's rain, near the letterboxes. Could someone check the roof drain above it?",
      preferredDates: [
        { date: nextWorkingDay(addDays(today, 3)), window: "morning" },
        { date: nextWorkingDay(addDays(today, 5)), window: "all_day" },
      ],
      status: "submitted",
      createdAt: ago(portal.int(120, 400)),
    },
    {
      id: randomUUID(),
      tenantId,
      portalUserId: claireId,
      customerId: gerance.id,
      locationId: gerance.sites[1]!.id,
      type: "maintenance",
      title: "Extra cleaning before the residents' general meeting",
      description:
        "The general meeting is in the ground-floor hall. Please clean the hall and the stairs the day before.",
      preferredDates: [{ date: nextWorkingDay(addDays(today, 9)), window: "afternoon" }],
      status: "in_review",
      createdAt: ago(2 * 24 * 60 + portal.int(0, 300)),
    },
    {
      id: randomUUID(),
      tenantId,
      portalUserId: claireId,
      customerId: gerance.id,
      locationId: gerance.sites[3]!.id,
      type: "service",
      title: "Flickering lights in the underground car park",
      description: "Several lights on level -1 flicker or stay off, residents feel unsafe in the evening.",
      status: "accepted",
      customerMessage:
        "Thank you — we will plan an electrician visit within the next two weeks and confirm the date here.",
      reviewedById: managerId,
      reviewedAt: acceptedAt,
      resultingTargetId: acceptedTargetId,
      createdAt: minutesBefore(acceptedAt, 20 * 60),
    },
    {
      id: randomUUID(),
      tenantId,
      portalUserId: claireId,
      customerId: gerance.id,
      locationId: gerance.sites[0]!.id,
      type: "support",
      title: "Install a video intercom at the main gate",
      description: "Residents would like a video intercom instead of the old audio one at the gate.",
      status: "declined",
      customerMessage:
        "Installing new intercom equipment is outside our maintenance contract. We are happy to send a quote through your account manager.",
      reviewedById: managerId,
      reviewedAt: ago(8 * 24 * 60),
      createdAt: ago(9 * 24 * 60 + 200),
    },
  ];
  if (plannedVisit) {
    requests.push({
      id: randomUUID(),
      tenantId,
      portalUserId: claireId,
      customerId: gerance.id,
      locationId: plannedVisit.site.id,
      type: "maintenance",
      title: "Annual boiler service",
      description:
        "The yearly boiler service is due before the heating season ends. Mornings suit the caretaker best.",
      preferredDates: [{ date: plannedVisit.day, window: "morning" }],
      status: "planned",
      customerMessage: `Planned for ${readableDay(plannedVisit.day)}; our technician will come in the morning.`,
      reviewedById: managerId,
      reviewedAt: plannedVisit.targetCreatedAt,
      resultingTargetId: plannedVisit.targetId,
      createdAt: minutesBefore(plannedVisit.targetCreatedAt, 6 * 60),
    });
  }
  if (completedVisit) {
    requests.push({
      id: randomUUID(),
      tenantId,
      portalUserId: claireId,
      customerId: gerance.id,
      locationId: completedVisit.site.id,
      type: "service",
      title: "Blocked drain in the bin room",
      description:
        "Water stands in the bin room after cleaning; the floor drain seems blocked and it smells.",
      preferredDates: [{ date: completedVisit.day, window: "all_day" }],
      status: "completed",
      customerMessage:
        "Done — the drain was cleared and the room disinfected. The report is available under Reports.",
      reviewedById: managerId,
      reviewedAt: completedVisit.targetCreatedAt,
      resultingTargetId: completedVisit.targetId,
      createdAt: minutesBefore(completedVisit.targetCreatedAt, 3 * 60),
    });
  }
  requests.push({
    id: randomUUID(),
    tenantId,
    portalUserId: marcId,
    customerId: vernay.id,
    locationId: vernay.sites[1]!.id,
    type: "service",
    title: "Extractor fan above the ovens is very noisy",
    description: "Since Monday the extractor fan in the bakehouse rattles loudly at full speed.",
    preferredDates: [{ date: nextWorkingDay(addDays(today, 1)), window: "afternoon" }],
    status: "submitted",
    createdAt: ago(portal.int(30, 180)),
  });
  if (sitesPlannedVisit) {
    requests.push({
      id: randomUUID(),
      tenantId,
      portalUserId: marcId,
      customerId: vernay.id,
      locationId: sitesPlannedVisit.site.id,
      type: "service",
      title: "Deep clean of the shop floor before reopening",
      description: "The shop reopens after refurbishment works; the floor needs stripping and a deep clean.",
      preferredDates: [{ date: sitesPlannedVisit.day, window: "morning" }],
      status: "planned",
      customerMessage: `Planned for ${readableDay(sitesPlannedVisit.day)}, before opening time.`,
      reviewedById: managerId,
      reviewedAt: sitesPlannedVisit.targetCreatedAt,
      resultingTargetId: sitesPlannedVisit.targetId,
      createdAt: minutesBefore(sitesPlannedVisit.targetCreatedAt, 4 * 60),
    });
  }
  for (const request of requests) {
    const values = portalRequestValues({ ...request, updatedAt: request.reviewedAt ?? request.createdAt });
    rows.portalRequests.push(values);
    const where = {
      customerId: request.customerId,
      locationId: request.locationId,
      objectType: "portal_request" as const,
    };
    timeline("portal_request_submitted", { ...where, objectId: request.id, occurredAt: request.createdAt });
    if (request.reviewedAt) {
      timeline("portal_request_reviewed", { ...where, objectId: request.id, occurredAt: request.reviewedAt });
    }
  }
}
