/**
 * The demo company's recurring plans. Keys name customers of DEMO_CUSTOMERS, employees of
 * DEMO_STAFF and services of SERVICES; `site` is the index of the customer's site.
 */
export interface PlanSeed {
  title: string;
  customer: string;
  site: number;
  rrule: string;
  startTime: string;
  minutes: number;
  assignee: string;
  /** The kind of work, for the reports of its visits. */
  service: string;
  active: boolean;
  /** One coming occurrence is skipped. */
  skipOne?: boolean;
  /** Edited once since creation (version 2). */
  edited?: boolean;
}

export const PLAN_SEEDS: readonly PlanSeed[] = [
  {
    title: "Monthly HVAC inspection",
    customer: "techCampus",
    site: 0,
    rrule: "FREQ=MONTHLY;BYDAY=1TU",
    startTime: "08:30",
    minutes: 120,
    assignee: "thomas",
    service: "Quarterly HVAC maintenance",
    active: true,
  },
  {
    title: "Weekly cleaning audit",
    customer: "gerance",
    site: 0,
    rrule: "FREQ=WEEKLY;BYDAY=MO",
    startTime: "09:00",
    minutes: 45,
    assignee: "lucas",
    service: "Cleaning quality audit",
    active: true,
    skipOne: true,
  },
  {
    title: "Fortnightly window cleaning",
    customer: "mutuelle",
    site: 0,
    rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH",
    startTime: "14:00",
    minutes: 90,
    assignee: "ines",
    service: "Window cleaning",
    active: true,
    edited: true,
  },
  {
    title: "Weekly cold room check",
    customer: "fraismarche",
    site: 4,
    rrule: "FREQ=WEEKLY;BYDAY=WE",
    startTime: "08:00",
    minutes: 45,
    assignee: "mathieu",
    service: "Cold room temperature check",
    active: true,
  },
  {
    title: "Quarterly fire safety check",
    customer: "tilleuls",
    site: 1,
    rrule: "FREQ=MONTHLY;INTERVAL=3;BYDAY=2WE",
    startTime: "10:00",
    minutes: 120,
    assignee: "camille",
    service: "Fire extinguisher check",
    active: true,
  },
  {
    title: "Daily reception cleaning",
    customer: "coworking",
    site: 0,
    rrule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
    startTime: "08:00",
    minutes: 30,
    assignee: "lea",
    service: "Office deep cleaning",
    active: false,
  },
];
