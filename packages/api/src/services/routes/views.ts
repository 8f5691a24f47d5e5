import { appointmentStatuses, ZPlanningDay } from "@ordinavo/domain";
import type { RouteSchedule } from "@ordinavo/planning";
import { z } from "zod";

// What the route services take and return: an employee's day as ordered stops with travel
// between them, and totals to compare orders by.

export const ZRouteInput = z.object({
  employeeId: z.uuid({ error: "Choose an employee" }),
  day: ZPlanningDay,
});
export type RouteInput = z.output<typeof ZRouteInput>;

export const ZReorderInput = ZRouteInput.extend({
  appointmentIds: z
    .array(z.uuid({ error: "Each stop must be an appointment of this day" }))
    .min(1, { error: "List the stops in their new order" })
    .max(200),
});
export type ReorderInput = z.output<typeof ZReorderInput>;

export const ZTotals = z.object({
  workMinutes: z.number(),
  travelMinutes: z.number(),
  travelKm: z.number(),
  unknownTravelLegs: z.number(),
  lateStops: z.number(),
});

export const totals = (schedule: RouteSchedule): z.infer<typeof ZTotals> => ({
  workMinutes: schedule.totalWorkMinutes,
  travelMinutes: schedule.totalTravelMinutes,
  travelKm: Math.round(schedule.totalTravelKm * 10) / 10,
  unknownTravelLegs: schedule.unknownTravelLegs,
  lateStops: schedule.lateStops.length,
});

export const ZRouteView = z.object({
  employee: z.object({ id: z.string(), name: z.string() }),
  day: z.string(),
  optimisedAt: z.date().nullable(),
  settings: z.object({ roadFactor: z.number(), averageSpeedKmh: z.number() }),
  stops: z.array(
    z.object({
      appointmentId: z.string(),
      targetTitle: z.string(),
      customerName: z.string(),
      locationName: z.string().nullable(),
      address: z.string().nullable(),
      hasCoordinates: z.boolean(),
      latitude: z.number().nullable(),
      longitude: z.number().nullable(),
      plannedStart: z.date(),
      plannedEnd: z.date(),
      fixedTime: z.boolean(),
      /** Started, finished and fixed-time visits keep their slot when the order changes. */
      keepsSlot: z.boolean(),
      status: z.enum(appointmentStatuses),
      workMinutes: z.number(),
      travelKm: z.number().nullable(),
      travelMinutes: z.number().nullable(),
      waitMinutes: z.number(),
      late: z.boolean(),
    }),
  ),
  totals: ZTotals,
  can: z.object({ edit: z.boolean() }),
});
export type RouteView = z.infer<typeof ZRouteView>;

/** A visit whose planned start a new order changed (an agreed time the customer may need to hear about). */
export const ZTimeChange = z.object({
  appointmentId: z.string(),
  title: z.string(),
  before: z.date(),
  after: z.date(),
});
export type TimeChange = z.infer<typeof ZTimeChange>;

export const ZOptimiseResult = z.object({
  /** The totals of the order before optimising. */
  before: ZTotals,
  route: ZRouteView,
  /** Every visit whose planned start moved, earliest new time first; empty when only the order changed. */
  timeChanges: z.array(ZTimeChange),
});
