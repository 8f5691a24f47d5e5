import { FormAlert, Notice } from "@ordinavo/ui";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { type PointerEvent as ReactPointerEvent, useEffect, useMemo, useRef, useState } from "react";
import { PageError } from "~/components/page-error";
import { apiFor, attempt, type FormErrors } from "~/lib/api.server";
import { isoString } from "~/lib/format";
import { load, text } from "~/lib/load.server";
import routesCssUrl from "~/styles/routes.css?url";

export const links = () => [{ rel: "stylesheet", href: routesCssUrl }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data ? `Route of ${data.route.employee.name} · Ordinavo Workspace` : "Routes · Ordinavo Workspace",
  },
];

const isDay = (value: string | null): value is string =>
  !!value && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));

/** The calendar day `count` days after `day` (both "YYYY-MM-DD"). */
function shiftDay(day: string, count: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + count);
  return date.toISOString().slice(0, 10);
}

/** Today in a time zone, "YYYY-MM-DD". */
function todayIn(timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(new Date());
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

const statusNames: Record<string, string> = {
  scheduled: "Scheduled",
  confirmed: "Confirmed",
  en_route: "En route",
  on_site: "On site",
  completed: "Completed",
  cancelled: "Cancelled",
  no_show: "No-show",
};

export async function loader(args: LoaderFunctionArgs) {
  const { api } = await apiFor(args);
  const url = new URL(args.request.url);
  const [me, assignees] = await load(args.request, () =>
    Promise.all([api.session.me(), api.board.assignees()]),
  );
  const timeZone = me.active?.timeZone ?? "UTC";
  const today = todayIn(timeZone);
  const day = isDay(url.searchParams.get("day")) ? (url.searchParams.get("day") as string) : today;
  const wanted = url.searchParams.get("employee");
  // Not an id: no such person, exactly like an unknown one.
  if (wanted && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(wanted)) {
    throw new Response("Not found", { status: 404 });
  }
  // Employees see themselves only (the API lists only them); others start with the first employee.
  const employeeId =
    wanted ||
    assignees.find((person) => person.id === me.user.id && person.role === "employee")?.id ||
    assignees.find((person) => person.role === "employee")?.id ||
    assignees[0]?.id ||
    me.user.id;
  const route = await load(args.request, () => api.routes.day({ employeeId, day }));
  return {
    route,
    assignees,
    employeeId,
    day,
    today,
    previousDay: shiftDay(day, -1),
    nextDay: shiftDay(day, 1),
    timeZone,
    statusNames,
    canSeeBoard: (me.active?.allowedActions ?? []).includes("appointment.write"),
  };
}

type Outcome = { notice: string | null; errors: FormErrors | null };

const minutesText = (minutes: number) => {
  const rounded = Math.round(minutes);
  if (rounded < 60) return `${rounded} min`;
  const hours = Math.floor(rounded / 60);
  const rest = rounded % 60;
  return rest ? `${hours} h ${rest} min` : `${hours} h`;
};

const kmText = (km: number) => `${Math.round(km * 10) / 10} km`;

const sameOrder = (a: string[], b: string[]) => a.length === b.length && a.every((id, i) => id === b[i]);

export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  const intent = text(form, "intent");
  const employeeId = text(form, "employeeId");
  const day = text(form, "day");
  const { api } = await apiFor(args);
  const reply = (outcome: Partial<Outcome>, status = 200) =>
    data<Outcome>({ notice: null, errors: null, ...outcome }, { status });

  if (intent === "optimise") {
    const earlier = await attempt(() => api.routes.day({ employeeId, day }));
    const result = await attempt(() => api.routes.optimise({ employeeId, day }));
    if (!result.ok) return reply({ errors: result.errors }, result.status);
    const { before, route } = result.value;
    const after = route.totals;
    const orderBefore = earlier.ok ? earlier.value.stops.map((stop) => stop.appointmentId) : [];
    const reordered = !sameOrder(
      orderBefore,
      route.stops.map((stop) => stop.appointmentId),
    );
    if (after.travelMinutes < before.travelMinutes) {
      return reply({
        notice: `Order optimised. Travel ${before.travelMinutes} → ${after.travelMinutes} min, ${kmText(before.travelKm)} → ${kmText(after.travelKm)}. Flexible visits moved to follow the new order.`,
      });
    }
    return reply({
      notice: reordered
        ? `Order optimised: a different order with the same travel, ${minutesText(after.travelMinutes)} (${kmText(after.travelKm)}).`
        : `This order is already the shortest found: travel stays at ${minutesText(after.travelMinutes)} (${kmText(after.travelKm)}). Fixed-time and started visits keep their slot.`,
    });
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
    return reply({ notice: `${what} ${travel} Flexible visits now follow the new order.` });
  }

  return reply(
    { errors: { message: "This form is out of date. Reload the page and try again.", fields: {} } },
    400,
  );
}

type Route = ReturnType<typeof useLoaderData<typeof loader>>["route"];
type Stop = Route["stops"][number];

function timeFormat(timeZone: string) {
  return new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
}

function dayTitle(day: string) {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone: "UTC",
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
  }).format(new Date(`${day}T12:00:00Z`));
}

function moved(order: string[], index: number, by: number): string[] {
  const next = [...order];
  const [item] = next.splice(index, 1);
  next.splice(index + by, 0, item!);
  return next;
}

export default function RoutesPage() {
  const loaded = useLoaderData<typeof loader>();
  const { route, assignees, employeeId, day, today, previousDay, nextDay, timeZone } = loaded;
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const submit = useSubmit();
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
  const onlySelf = assignees.length <= 1;
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

      <div className="panel route-picker">
        <Form
          method="get"
          action="/routes"
          className="route-picker-form"
          onChange={(event) => {
            // A new employee shows at once; a typed day waits for "Show" (typing a year passes
            // through years like 0002 on the way).
            if ((event.target as HTMLElement).tagName === "SELECT") submit(event.currentTarget);
          }}
        >
          {onlySelf ? (
            <input type="hidden" name="employee" value={employeeId} />
          ) : (
            <div className="field picker-employee">
              <label htmlFor="route-employee">Employee</label>
              <select id="route-employee" name="employee" defaultValue={employeeId} key={employeeId}>
                {assignees.map((person) => (
                  <option key={person.id} value={person.id}>
                    {person.name}
                    {person.role === "employee"
                      ? ""
                      : ` (${person.role === "tenant_admin" ? "admin" : person.role})`}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div className="field">
            <label htmlFor="route-day">Day</label>
            <input id="route-day" type="date" name="day" defaultValue={day} key={day} required />
          </div>
          <button type="submit" className="button secondary">
            Show
          </button>
        </Form>
        <nav className="day-nav" aria-label="Other days">
          <Link
            className="button secondary small"
            to={`/routes?employee=${employeeId}&day=${previousDay}`}
            rel="prev"
          >
            <span aria-hidden="true">← </span>Previous day
          </Link>
          {day !== today ? (
            <Link className="button secondary small" to={`/routes?employee=${employeeId}&day=${today}`}>
              Today
            </Link>
          ) : null}
          <Link
            className="button secondary small"
            to={`/routes?employee=${employeeId}&day=${nextDay}`}
            rel="next"
          >
            Next day<span aria-hidden="true"> →</span>
          </Link>
        </nav>
      </div>

      {result?.notice ? <Notice>{result.notice}</Notice> : null}
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
                Finds a shorter driving order. Fixed-time and started visits keep their slot; the others move
                to follow the new order.
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
                    you save.
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

function Totals({ route }: { route: Route }) {
  const { totals } = route;
  return (
    <dl className="route-totals" aria-label="Day totals">
      <div>
        <dt>Stops</dt>
        <dd>{route.stops.length}</dd>
      </div>
      <div>
        <dt>Work</dt>
        <dd>{minutesText(totals.workMinutes)}</dd>
      </div>
      <div>
        <dt>Travel</dt>
        <dd>{minutesText(totals.travelMinutes)}</dd>
      </div>
      <div>
        <dt>Distance</dt>
        <dd>{kmText(totals.travelKm)}</dd>
      </div>
      {totals.unknownTravelLegs ? (
        <div className="warn">
          <dt>Unknown travel</dt>
          <dd>
            {totals.unknownTravelLegs} {totals.unknownTravelLegs === 1 ? "leg" : "legs"}
          </dd>
        </div>
      ) : null}
      {totals.lateStops ? (
        <div className="late">
          <dt>Late</dt>
          <dd>
            {totals.lateStops} {totals.lateStops === 1 ? "stop" : "stops"}
          </dd>
        </div>
      ) : null}
    </dl>
  );
}

function StopList({
  stops,
  pending,
  canEdit,
  hydrated,
  hours,
  statusNames: names,
  self,
  employeeId,
  day,
  order,
  setOrder,
  busy,
}: {
  stops: Stop[];
  pending: boolean;
  canEdit: boolean;
  hydrated: boolean;
  hours: Intl.DateTimeFormat;
  statusNames: Record<string, string>;
  self: string;
  employeeId: string;
  day: string;
  order: string[];
  setOrder: (order: string[]) => void;
  busy: string;
}) {
  const list = useRef<HTMLOListElement>(null);
  const [dragging, setDragging] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");

  /** Pointer drag on the handle: works with a mouse, a pen and a finger. */
  function startDrag(event: ReactPointerEvent<HTMLButtonElement>, id: string) {
    if (event.button !== 0) return;
    event.preventDefault();
    const handle = event.currentTarget;
    handle.setPointerCapture(event.pointerId);
    setDragging(id);
    let current = order;
    const move = (e: PointerEvent) => {
      const items = [...(list.current?.querySelectorAll<HTMLElement>("li.stop") ?? [])];
      const from = current.indexOf(id);
      let to = items.findIndex((item) => {
        const box = item.getBoundingClientRect();
        return e.clientY < box.top + box.height / 2;
      });
      if (to === -1) to = items.length - 1;
      else if (to > from) to -= 1;
      if (to !== from && to >= 0) {
        current = moved(current, from, to - from);
        setOrder(current);
      }
    };
    const end = () => {
      handle.removeEventListener("pointermove", move);
      handle.removeEventListener("pointerup", end);
      handle.removeEventListener("pointercancel", end);
      setDragging(null);
      const stop = stops.find((s) => s.appointmentId === id);
      if (stop) setAnnouncement(`${stop.customerName} is now stop ${current.indexOf(id) + 1}.`);
    };
    handle.addEventListener("pointermove", move);
    handle.addEventListener("pointerup", end);
    handle.addEventListener("pointercancel", end);
  }

  return (
    <>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      <ol className={`stops${pending ? " is-pending" : ""}`} ref={list} aria-label="Stops in driving order">
        {stops.map((stop, index) => {
          const start = new Date(stop.plannedStart);
          const end = new Date(stop.plannedEnd);
          const started = stop.keepsSlot && !stop.fixedTime;
          const moveForm = (by: -1 | 1, label: string) => {
            const next = moved(order, index, by);
            return (
              <Form
                method="post"
                action={self}
                onSubmit={(event) => {
                  // With JavaScript a move is local until "Save order".
                  event.preventDefault();
                  setOrder(next);
                  setAnnouncement(`${stop.customerName} is now stop ${index + 1 + by}.`);
                }}
              >
                <input type="hidden" name="intent" value="reorder" />
                <input type="hidden" name="employeeId" value={employeeId} />
                <input type="hidden" name="day" value={day} />
                <input
                  type="hidden"
                  name="moved"
                  value={`${stop.customerName} moved ${by < 0 ? "up" : "down"}.`}
                />
                {next.map((id) => (
                  <input key={id} type="hidden" name="appointmentIds" value={id} />
                ))}
                <button type="submit" className="button secondary small" disabled={!!busy}>
                  {label}
                  <span className="visually-hidden"> {stop.customerName}</span>
                </button>
              </Form>
            );
          };
          return (
            <li
              key={stop.appointmentId}
              className={`stop${stop.late && !pending ? " is-late" : ""}${dragging === stop.appointmentId ? " is-dragging" : ""}`}
            >
              {index > 0 ? (
                <div className="leg">
                  {pending ? (
                    <span className="muted">Travel worked out on save</span>
                  ) : stop.travelMinutes === null || stop.travelKm === null ? (
                    <span className="leg-unknown">Travel unknown — no coordinates</span>
                  ) : (
                    <span>
                      {kmText(stop.travelKm)} · {stop.travelMinutes} min
                    </span>
                  )}
                  {!pending && stop.waitMinutes > 0 ? (
                    <span className="leg-wait">then waits {minutesText(stop.waitMinutes)}</span>
                  ) : null}
                </div>
              ) : !pending && stop.waitMinutes > 0 ? (
                <div className="leg">
                  <span className="leg-wait">Waits {minutesText(stop.waitMinutes)}</span>
                </div>
              ) : null}
              <div className="stop-card">
                <span className="stop-number" aria-hidden="true">
                  {index + 1}
                </span>
                <div className="stop-body">
                  <p className="stop-time">
                    <span className="visually-hidden">Stop {index + 1}, </span>
                    <time dateTime={isoString(start)}>{hours.format(start)}</time>–
                    <time dateTime={isoString(end)}>{hours.format(end)}</time>
                    <span className="muted"> · {minutesText(stop.workMinutes)} work</span>
                  </p>
                  <p className="stop-title">
                    <Link to={`/appointments/${stop.appointmentId}`}>
                      <strong>{stop.customerName}</strong> — {stop.targetTitle}
                    </Link>
                  </p>
                  <p className="stop-address muted">
                    {[stop.locationName, stop.address].filter(Boolean).join(" · ") || "No address"}
                    {!stop.hasCoordinates ? <span className="badge warn">No coordinates</span> : null}
                  </p>
                  <ul className="stop-badges" aria-label="Markers">
                    {stop.fixedTime ? (
                      <li
                        className="badge tag"
                        title="Agreed with the customer: keeps its slot when the order changes."
                      >
                        Fixed time
                      </li>
                    ) : null}
                    {started ? (
                      <li
                        className="badge"
                        title="Started or finished: keeps its slot when the order changes."
                      >
                        {names[stop.status] ?? stop.status}
                      </li>
                    ) : stop.status === "confirmed" ? (
                      <li className="badge ok">Confirmed</li>
                    ) : null}
                    {stop.late && !pending ? (
                      <li className="badge danger">Late — arrives after the agreed time</li>
                    ) : null}
                  </ul>
                </div>
                {canEdit ? (
                  <div className="stop-move">
                    {hydrated ? (
                      <button
                        type="button"
                        className="drag-handle"
                        aria-label={`Drag ${stop.customerName} to another position`}
                        title="Drag to reorder"
                        onPointerDown={(event) => startDrag(event, stop.appointmentId)}
                        onKeyDown={(event) => {
                          if (event.key === "ArrowUp" && index > 0) {
                            event.preventDefault();
                            setOrder(moved(order, index, -1));
                            setAnnouncement(`${stop.customerName} is now stop ${index}.`);
                          } else if (event.key === "ArrowDown" && index < stops.length - 1) {
                            event.preventDefault();
                            setOrder(moved(order, index, 1));
                            setAnnouncement(`${stop.customerName} is now stop ${index + 2}.`);
                          }
                        }}
                      >
                        <svg viewBox="0 0 12 20" width="12" height="20" aria-hidden="true">
                          {[4, 10, 16].map((y) => (
                            <g key={y}>
                              <circle cx="3" cy={y} r="1.6" />
                              <circle cx="9" cy={y} r="1.6" />
                            </g>
                          ))}
                        </svg>
                      </button>
                    ) : null}
                    {index > 0 ? moveForm(-1, "Move up") : null}
                    {index < stops.length - 1 ? moveForm(1, "Move down") : null}
                  </div>
                ) : null}
              </div>
            </li>
          );
        })}
      </ol>
    </>
  );
}

/** The stops as numbered points joined in order, fitted to their bounding box. No map service. */
function RouteSketch({ stops }: { stops: Stop[] }) {
  const located = stops
    .map((stop, index) => ({ stop, number: index + 1 }))
    .filter(({ stop }) => stop.latitude !== null && stop.longitude !== null);
  const missing = stops
    .map((stop, index) => ({ stop, number: index + 1 }))
    .filter(({ stop }) => !stop.hasCoordinates);
  const width = 320;
  const height = 260;
  const pad = 26;
  const points = (() => {
    if (!located.length) return [];
    const lats = located.map(({ stop }) => stop.latitude as number);
    const lons = located.map(({ stop }) => stop.longitude as number);
    const midLat = (Math.min(...lats) + Math.max(...lats)) / 2;
    // Longitude degrees shrink towards the poles: scale them so distances look right.
    const xScale = Math.cos((midLat * Math.PI) / 180);
    const xs = lons.map((lon) => lon * xScale);
    const minX = Math.min(...xs);
    const maxX = Math.max(...xs);
    const minY = Math.min(...lats);
    const maxY = Math.max(...lats);
    const spanX = maxX - minX;
    const spanY = maxY - minY;
    const scale = Math.min(
      spanX > 0 ? (width - 2 * pad) / spanX : Number.POSITIVE_INFINITY,
      spanY > 0 ? (height - 2 * pad) / spanY : Number.POSITIVE_INFINITY,
    );
    const s = Number.isFinite(scale) ? scale : 0;
    const offsetX = (width - spanX * s) / 2;
    const offsetY = (height - spanY * s) / 2;
    return located.map(({ stop, number }, i) => ({
      id: stop.appointmentId,
      number,
      late: stop.late,
      name: stop.customerName,
      x: offsetX + (xs[i]! - minX) * s,
      y: height - (offsetY + ((stop.latitude as number) - minY) * s),
    }));
  })();

  return (
    <div className="panel route-sketch">
      <h2>Route sketch</h2>
      {points.length ? (
        <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="sketch-title">
          <title id="sketch-title">
            {`Sketch of the route: ${points.length} ${points.length === 1 ? "stop" : "stops"} with coordinates, joined in driving order.`}
          </title>
          <rect x="0" y="0" width={width} height={height} rx="10" className="sketch-ground" />
          {points.slice(1).map((p, i) => {
            const from = points[i]!;
            // A stop without coordinates lies between these two: the line skips it.
            const skips = p.number - from.number > 1;
            return (
              <line
                key={`${from.id}-${p.id}`}
                className={`sketch-path${skips ? " skips" : ""}`}
                x1={from.x.toFixed(1)}
                y1={from.y.toFixed(1)}
                x2={p.x.toFixed(1)}
                y2={p.y.toFixed(1)}
              />
            );
          })}
          {points.map((p, i) => (
            <g key={p.id} className={`sketch-stop${p.late ? " late" : ""}${i === 0 ? " first" : ""}`}>
              <title>{`${p.number}. ${p.name}`}</title>
              <circle cx={p.x} cy={p.y} r="11" />
              <text x={p.x} y={p.y} dy="0.35em" textAnchor="middle">
                {p.number}
              </text>
            </g>
          ))}
        </svg>
      ) : (
        <p className="muted small">None of these stops has coordinates, so there is nothing to draw.</p>
      )}
      <p className="muted small sketch-note">
        North is up. Straight lines, not roads
        {missing.length ? "; dashed where a stop without coordinates is skipped" : ""}.
      </p>
      {missing.length ? (
        <div className="sketch-missing">
          <h3>Not on the sketch</h3>
          <ul>
            {missing.map(({ stop, number }) => (
              <li key={stop.appointmentId}>
                <strong>{number}.</strong> {stop.customerName}
                <span className="muted"> — {stop.address ?? "no address"}, no coordinates</span>
              </li>
            ))}
          </ul>
          <p className="muted small">
            Add coordinates to these locations to estimate travel to and from them.
          </p>
        </div>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <PageError />;
}
