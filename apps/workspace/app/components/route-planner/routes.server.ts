import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { addDays, appointmentStatusText, isDay, isUuid, todayIn } from "~/lib/planning-time";
import { attempt, type FormErrors, load, requireWorkspace, text } from "~/lib/require.server";
import { kmText, minutesText, sameOrder, type TimeChange, timeChangesBetween } from "./format";

// The routes page on the server: which person and day to show, and the two ways to change the
// order (by hand, or "Optimise order"). Either way the flexible visits get new times; the answer
// names every visit whose time changed.

export async function loadRoutes(args: LoaderFunctionArgs) {
  const { api, me } = await requireWorkspace(args);
  const url = new URL(args.request.url);
  const assignees = await load(args.request, () => api.board.assignees());
  const timeZone = me.active?.timeZone ?? "UTC";
  const today = todayIn(timeZone);
  const wantedDay = url.searchParams.get("day");
  const day = isDay(wantedDay) ? wantedDay : today;
  const wanted = url.searchParams.get("employee");
  // Not an id: no such person, exactly like an unknown one.
  if (wanted && !isUuid(wanted)) throw new Response("Not found", { status: 404 });
  // Field staff start with their own day (the API lists only them); others with the first of the field staff.
  const employeeId =
    wanted ||
    assignees.find((person) => person.id === me.user.id && person.group === "field")?.id ||
    assignees.find((person) => person.group === "field")?.id ||
    assignees[0]?.id ||
    me.user.id;
  const route = await load(args.request, () => api.routes.day({ employeeId, day }));
  const statuses = new Set(route.stops.map((stop) => stop.status));
  return {
    route,
    assignees,
    employeeId,
    day,
    today,
    previousDay: addDays(day, -1),
    nextDay: addDays(day, 1),
    timeZone,
    statusNames: Object.fromEntries([...statuses].map((status) => [status, appointmentStatusText(status)])),
    canSeeBoard: (me.active?.allowedActions ?? []).includes("appointment.write"),
  };
}

export interface RoutesOutcome {
  notice: string | null;
  errors: FormErrors | null;
  /** The visits whose planned start the change moved (an agreed time may need telling the customer). */
  timeChanges: TimeChange[];
}

export async function routesAction(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  const intent = text(form, "intent");
  const employeeId = text(form, "employeeId");
  const day = text(form, "day");
  const { api } = await requireWorkspace(args);
  const reply = (outcome: Partial<RoutesOutcome>, status = 200) =>
    data<RoutesOutcome>({ notice: null, errors: null, timeChanges: [], ...outcome }, { status });

  if (intent === "optimise") {
    const earlier = await attempt(() => api.routes.day({ employeeId, day }));
    const result = await attempt(() => api.routes.optimise({ employeeId, day }));
    if (!result.ok) return reply({ errors: result.errors }, result.status);
    const { before, route, timeChanges } = result.value;
    const after = route.totals;
    const orderBefore = earlier.ok ? earlier.value.stops.map((stop) => stop.appointmentId) : [];
    const reordered = !sameOrder(
      orderBefore,
      route.stops.map((stop) => stop.appointmentId),
    );
    const notice =
      after.travelMinutes < before.travelMinutes
        ? `Order optimised. Travel ${before.travelMinutes} → ${after.travelMinutes} min, ${kmText(before.travelKm)} → ${kmText(after.travelKm)}.`
        : reordered
          ? `Order optimised: a different order with the same travel, ${minutesText(after.travelMinutes)} (${kmText(after.travelKm)}).`
          : `This order is already the shortest found: travel stays at ${minutesText(after.travelMinutes)} (${kmText(after.travelKm)}).`;
    return reply({ notice, timeChanges });
  }

  if (intent === "reorder") {
    const appointmentIds = form.getAll("appointmentIds").map(String);
    const before = await attempt(() => api.routes.day({ employeeId, day }));
    const result = await attempt(() => api.routes.reorder({ employeeId, day, appointmentIds }));
    if (!result.ok) return reply({ errors: result.errors }, result.status);
    const after = result.value.totals;
    const travel =
      before.ok && before.value.totals.travelMinutes !== after.travelMinutes
        ? `Travel ${before.value.totals.travelMinutes} → ${after.travelMinutes} min.`
        : `Travel ${after.travelMinutes} min.`;
    const what = text(form, "moved") || "Order saved.";
    return reply({
      notice: `${what} ${travel}`,
      timeChanges: before.ok ? timeChangesBetween(before.value.stops, result.value.stops) : [],
    });
  }

  return reply(
    { errors: { message: "This form is out of date. Reload the page and try again.", fields: {} } },
    400,
  );
}
