/** Targets, appointments, routes and their stops, recurring plans and their occurrences. */
import type { Transaction } from "@ordinavo/db";
import {
  appointments,
  recurringOccurrences,
  recurringPlans,
  routeStops,
  routes,
  targets,
} from "@ordinavo/db/schema";
import { type FactoryInput, type Insert, only, type Row } from "./core";

export function targetValues(
  input: FactoryInput<typeof targets, "tenantId" | "customerId">,
): Insert<typeof targets> {
  return { title: "Service visit", ...input };
}

export async function createTarget(
  tx: Transaction,
  input: FactoryInput<typeof targets, "tenantId" | "customerId">,
): Promise<Row<typeof targets>> {
  return only(await tx.insert(targets).values(targetValues(input)).returning());
}

/** Without times, tomorrow at the next full hour for 60 minutes; without an end, 60 minutes after the start. */
export function appointmentValues(
  input: FactoryInput<typeof appointments, "tenantId" | "targetId" | "customerId">,
): Insert<typeof appointments> {
  const nextHour = Math.ceil(Date.now() / 3_600_000) * 3_600_000;
  const plannedStart = input.plannedStart ?? new Date(nextHour + 24 * 3_600_000);
  const plannedEnd = input.plannedEnd ?? new Date(plannedStart.getTime() + 60 * 60_000);
  return { ...input, plannedStart, plannedEnd };
}

export async function createAppointment(
  tx: Transaction,
  input: FactoryInput<typeof appointments, "tenantId" | "targetId" | "customerId">,
): Promise<Row<typeof appointments>> {
  return only(await tx.insert(appointments).values(appointmentValues(input)).returning());
}

export function routeValues(
  input: FactoryInput<typeof routes, "tenantId" | "employeeId" | "day">,
): Insert<typeof routes> {
  return { ...input };
}

export async function createRoute(
  tx: Transaction,
  input: FactoryInput<typeof routes, "tenantId" | "employeeId" | "day">,
): Promise<Row<typeof routes>> {
  return only(await tx.insert(routes).values(routeValues(input)).returning());
}

export function routeStopValues(
  input: FactoryInput<typeof routeStops, "tenantId" | "routeId" | "appointmentId" | "position">,
): Insert<typeof routeStops> {
  return { workMinutes: 60, ...input };
}

export async function createRouteStop(
  tx: Transaction,
  input: FactoryInput<typeof routeStops, "tenantId" | "routeId" | "appointmentId" | "position">,
): Promise<Row<typeof routeStops>> {
  return only(await tx.insert(routeStops).values(routeStopValues(input)).returning());
}

export function recurringPlanValues(
  input: FactoryInput<typeof recurringPlans, "tenantId" | "customerId" | "locationId">,
): Insert<typeof recurringPlans> {
  return {
    title: "Weekly service visit",
    rrule: "FREQ=WEEKLY;BYDAY=MO",
    startsOn: new Date().toISOString().slice(0, 10),
    startTime: "09:00",
    timeZone: "Europe/Paris",
    durationMinutes: 60,
    ...input,
  };
}

export async function createRecurringPlan(
  tx: Transaction,
  input: FactoryInput<typeof recurringPlans, "tenantId" | "customerId" | "locationId">,
): Promise<Row<typeof recurringPlans>> {
  return only(await tx.insert(recurringPlans).values(recurringPlanValues(input)).returning());
}

/** `occursOn` is the occurrence's local date in its plan's time zone (unique per plan). */
export function recurringOccurrenceValues(
  input: FactoryInput<typeof recurringOccurrences, "tenantId" | "planId" | "occursAt" | "occursOn">,
): Insert<typeof recurringOccurrences> {
  return { planVersion: 1, ...input };
}

export async function createRecurringOccurrence(
  tx: Transaction,
  input: FactoryInput<typeof recurringOccurrences, "tenantId" | "planId" | "occursAt" | "occursOn">,
): Promise<Row<typeof recurringOccurrences>> {
  return only(await tx.insert(recurringOccurrences).values(recurringOccurrenceValues(input)).returning());
}
