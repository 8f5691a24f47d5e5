import { FormAlert } from "@ordinavo/ui";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useMemo, useState } from "react";
import { PageError } from "~/components/page-error";
import { dayTitle, sameOrder, timeFormat } from "~/components/route-planner/format";
import { RoutePicker } from "~/components/route-planner/route-picker";
import { RouteSketch } from "~/components/route-planner/route-sketch";
import { loadRoutes, routesAction } from "~/components/route-planner/routes.server";
import { StopList } from "~/components/route-planner/stop-list";
import { ChangeNotice } from "~/components/route-planner/time-changes";
import { Totals } from "~/components/route-planner/totals";
import type { Stop } from "~/components/route-planner/types";
import routesCssUrl from "~/styles/routes.css?url";

// An employee's day as a route: the stops in driving order, travel between them, and two ways to
// change the order. A new order gives flexible visits new times, and the page says which.

export const links = () => [{ rel: "stylesheet", href: routesCssUrl }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data ? `Route of ${data.route.employee.name} · Ordinavo Workspace` : "Routes · Ordinavo Workspace",
  },
];

export const loader = (args: LoaderFunctionArgs) => loadRoutes(args);
export const action = (args: ActionFunctionArgs) => routesAction(args);

export default function RoutesPage() {
  const loaded = useLoaderData<typeof loader>();
  const { route, employeeId, day, timeZone } = loaded;
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" ? String(navigation.formData?.get("intent") ?? "") : "";
  const hours = useMemo(() => timeFormat(timeZone), [timeZone]);

  const savedOrder = useMemo(() => route.stops.map((stop) => stop.appointmentId), [route.stops]);
  const [order, setOrder] = useState(savedOrder);
  // A new route from the server (another day, a saved order) replaces the local order.
  useEffect(() => setOrder(savedOrder), [savedOrder]);
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const pending = !sameOrder(order, savedOrder);
  const byId = useMemo(() => new Map(route.stops.map((stop) => [stop.appointmentId, stop])), [route.stops]);
  const stops = order.map((id) => byId.get(id)).filter((stop): stop is Stop => !!stop);
  const canEdit = route.can.edit && route.stops.length > 1;
  const self = `/routes?employee=${encodeURIComponent(employeeId)}&day=${day}`;
  const employee = route.employee;

  return (
    <section className="stack routes-page">
      <header className="route-header">
        <div>
          <p className="eyebrow">Routes</p>
          <h1>
            {employee.name}
            <span className="route-day">
              <span className="sep"> · </span>
              {dayTitle(day)}
            </span>
          </h1>
          <p className="muted">
            {route.stops.length === 0
              ? "Nothing planned for this day."
              : `${route.optimisedAt ? `Order optimised at ${hours.format(new Date(route.optimisedAt))}.` : "Stops in planned order."} Travel is estimated from straight-line distance × ${route.settings.roadFactor} at ${route.settings.averageSpeedKmh} km/h.`}
          </p>
        </div>
      </header>

      <RoutePicker
        assignees={loaded.assignees}
        employeeId={employeeId}
        day={day}
        today={loaded.today}
        previousDay={loaded.previousDay}
        nextDay={loaded.nextDay}
      />

      {result?.notice ? (
        <ChangeNotice notice={result.notice} timeChanges={result.timeChanges} hours={hours} />
      ) : null}
      <FormAlert errors={result?.errors} />

      {route.stops.length === 0 ? (
        <div className="panel">
          <p className="empty">
            No stops for {employee.name} on {dayTitle(day)}.{" "}
            {loaded.canSeeBoard ? (
              <>
                Plan visits on the <Link to="/board">dispatch board</Link>, then come back to order them.
              </>
            ) : (
              "Visits assigned for this day appear here in their driving order."
            )}
          </p>
        </div>
      ) : (
        <>
          <Totals route={route} />
          {canEdit ? (
            <div className="route-tools">
              <Form method="post" action={self}>
                <input type="hidden" name="intent" value="optimise" />
                <input type="hidden" name="employeeId" value={employeeId} />
                <input type="hidden" name="day" value={day} />
                <button type="submit" className="button" disabled={!!busy || pending}>
                  {busy === "optimise" ? "Optimising…" : "Optimise order"}
                </button>
              </Form>
              <p className="muted small">
                Finds a shorter driving order and saves it. Fixed-time and started visits keep their slot; the
                others get new times to follow the order, and you are told which.
                {hydrated ? " Drag stops by their handle, or use Move up / Move down." : ""}
              </p>
            </div>
          ) : null}
          <div className="route-layout">
            <div className="route-main">
              {pending ? (
                <Form method="post" action={self} className="pending-order" aria-live="polite">
                  <input type="hidden" name="intent" value="reorder" />
                  <input type="hidden" name="employeeId" value={employeeId} />
                  <input type="hidden" name="day" value={day} />
                  {order.map((id) => (
                    <input key={id} type="hidden" name="appointmentIds" value={id} />
                  ))}
                  <p>
                    <strong>Order changed, not saved yet.</strong> Travel and times are worked out again when
                    you save; flexible visits may get new times.
                  </p>
                  <div className="actions">
                    <button type="submit" className="button" disabled={busy === "reorder"}>
                      {busy === "reorder" ? "Saving…" : "Save order"}
                    </button>
                    <button type="button" className="button secondary" onClick={() => setOrder(savedOrder)}>
                      Undo changes
                    </button>
                  </div>
                </Form>
              ) : null}
              <StopList
                stops={stops}
                pending={pending}
                canEdit={canEdit}
                hydrated={hydrated}
                hours={hours}
                statusNames={loaded.statusNames}
                self={self}
                employeeId={employeeId}
                day={day}
                order={order}
                setOrder={setOrder}
                busy={busy}
              />
            </div>
            <aside className="route-aside" aria-label="Route sketch">
              <RouteSketch stops={stops} />
            </aside>
          </div>
        </>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <PageError />;
}
