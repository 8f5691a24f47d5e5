import { FormAlert, Notice } from "@ordinavo/ui";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import {
  Form,
  Link,
  type ShouldRevalidateFunction,
  useActionData,
  useLoaderData,
  useLocation,
  useNavigation,
  useSearchParams,
} from "@remix-run/react";
import { ConfirmPanel } from "~/components/confirm";
import { PageError } from "~/components/page-error";
import { RecurrenceForm } from "~/components/recurrence/form";
import { OccurrenceTable } from "~/components/recurrence/occurrences";
import {
  knownTimeZones,
  type PlanFormValues,
  planInput,
  planValuesFromForm,
  planValuesFromPlan,
  previewPlan,
  type RulePreview,
  ruleErrors,
} from "~/components/recurrence/values";
import { formatDate, formatDateTime } from "~/lib/format";
import { isUuid } from "~/lib/planning-time";
import { attempt, type FormErrors, load, requireWorkspace, text } from "~/lib/require.server";
import routesCssUrl from "~/styles/routes.css?url";

export const links = () => [{ rel: "stylesheet", href: routesCssUrl }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${data.plan.title} · Recurring visits · Ordinavo Workspace`
      : "Recurring visit · Ordinavo Workspace",
  },
];

/** Past this, a stopped plan that still has generated visits waits for the daily run, not for a save. */
const stuckMs = 10 * 60_000;

export async function loader(args: LoaderFunctionArgs) {
  const planId = args.params.planId ?? "";
  if (!isUuid(planId)) throw new Response("Not found", { status: 404 });
  const { api, me } = await requireWorkspace(args);
  const detail = await load(args.request, () => api.recurring.get({ recurringPlanId: planId }));
  const canEdit = detail.can.edit;
  const assignees = canEdit ? await load(args.request, () => api.board.assignees()) : [];
  const { plan } = detail;
  const live = plan.active && !plan.archivedAt;
  // The generator sets generatedUntil to "its run + the horizon": a run before the last change
  // means the visits do not follow the plan as saved yet. A stopped plan is done once the
  // generator has cleared generatedUntil (its untouched future visits removed).
  const changed = new Date(plan.updatedAt).getTime();
  const generatedAt = plan.generatedUntil
    ? new Date(plan.generatedUntil).getTime() - plan.horizonDays * 86_400_000
    : null;
  const generationPending = live
    ? generatedAt === null || generatedAt < changed - 1_000
    : generatedAt !== null && Date.now() - changed < stuckMs;
  const values = planValuesFromPlan(plan);
  // The next visits of the rule as saved, so the form opens with its preview filled in.
  const initialPreview = canEdit
    ? (await previewPlan(values, knownTimeZones(), (input) => attempt(() => api.recurring.preview(input))))
        .preview
    : null;
  return {
    ...detail,
    assignees,
    timeZone: me.active?.timeZone ?? "UTC",
    timeZones: canEdit ? knownTimeZones() : [],
    values,
    initialPreview,
    generationPending,
    now: new Date(),
  };
}

type Outcome = {
  intent: "save" | "archive" | "restore";
  errors: FormErrors;
  values: PlanFormValues | null;
  preview: null;
};

export async function action(args: ActionFunctionArgs) {
  const planId = args.params.planId ?? "";
  const form = await args.request.formData();
  const intent = text(form, "intent");
  const { api } = await requireWorkspace(args);

  if (intent === "archive" || intent === "restore") {
    const archived = intent === "archive";
    const result = await attempt(() => api.recurring.setArchived({ recurringPlanId: planId, archived }));
    if (!result.ok) {
      return data<Outcome>(
        { intent, errors: result.errors, values: null, preview: null },
        { status: result.status },
      );
    }
    return redirect(`/recurring/${planId}?${archived ? "archived" : "restored"}=1`);
  }

  const values = planValuesFromForm(form);
  if (intent === "preview") {
    return data(
      await previewPlan(values, knownTimeZones(), (input) => attempt(() => api.recurring.preview(input))),
    );
  }
  const problems = ruleErrors(values);
  if (problems)
    return data<Outcome>({ intent: "save", errors: problems, values, preview: null }, { status: 400 });
  const result = await attempt(() => api.recurring.update({ recurringPlanId: planId, ...planInput(values) }));
  if (!result.ok) {
    return data<Outcome>(
      { intent: "save", errors: result.errors, values, preview: null },
      { status: result.status },
    );
  }
  return redirect(`/recurring/${planId}?saved=1`);
}

/** A live preview (a fetcher post) changes nothing the loader reads. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get("intent") === "preview" ? false : defaultShouldRevalidate;

export default function RecurringPlanPage() {
  const loaded = useLoaderData<typeof loader>();
  const { plan, occurrences, can, timeZone, generationPending } = loaded;
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const location = useLocation();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" ? String(navigation.formData?.get("intent") ?? "") : "";
  const self = `/recurring/${plan.id}`;
  const archived = plan.archivedAt !== null;
  const confirming = can.edit && !archived && params.get("archive") === "1";
  const formResult = result && (result.intent === "save" || result.intent === "preview") ? result : null;
  const values = formResult?.values ?? loaded.values;
  const preview = formResult
    ? "preview" in formResult
      ? (formResult.preview as RulePreview | null)
      : null
    : loaded.initialPreview;
  const stateResult = result && (result.intent === "archive" || result.intent === "restore") ? result : null;
  const now = new Date(loaded.now).getTime();
  const upcoming = occurrences.filter((o) => new Date(o.occursAt).getTime() >= now - 86_400_000);
  const touchedCount = upcoming.filter((o) => o.touched).length;

  const notice = params.get("created")
    ? "Recurring visit saved. Its appointments are being generated in the background."
    : params.get("saved")
      ? "Changes saved. Future visits nobody changed by hand follow the new plan shortly; visits changed by hand stay as they are."
      : params.get("archived")
        ? "Plan archived. Its future visits that nobody changed by hand are being removed."
        : params.get("restored")
          ? "Plan restored. Its visits are being generated again."
          : null;

  return (
    <section className="stack">
      <header className="page-head">
        <div>
          <p className="eyebrow">
            <Link to="/recurring">Recurring visits</Link>
          </p>
          <h1>{plan.title}</h1>
          <p className="plan-description">
            {plan.description}, at {plan.startTime}
            {plan.timeZone !== timeZone ? ` (${plan.timeZone})` : ""} · {plan.durationMinutes} min
          </p>
          <p className="muted">
            {plan.customerName} · {plan.locationName}{" "}
            {archived ? (
              <span className="badge">Archived</span>
            ) : plan.active ? (
              <span className="badge ok">Active</span>
            ) : (
              <span className="badge warn">Paused</span>
            )}
          </p>
        </div>
        {can.edit ? (
          archived ? (
            <Form method="post" action={self} className="restore-form">
              <input type="hidden" name="intent" value="restore" />
              <button type="submit" className="button secondary" disabled={!!busy}>
                {busy === "restore" ? "Restoring…" : "Restore plan"}
              </button>
            </Form>
          ) : (
            <Link className="button secondary danger-text" to={`${self}?archive=1#confirm`}>
              Archive…
            </Link>
          )
        ) : null}
      </header>

      {notice ? <Notice>{notice}</Notice> : null}
      {stateResult ? <FormAlert errors={stateResult.errors} /> : null}

      {confirming ? (
        <ConfirmPanel
          title={`Archive “${plan.title}”?`}
          cancelTo={self}
          form={(cancel) => (
            <Form method="post" action={self} className="actions">
              <input type="hidden" name="intent" value="archive" />
              <button type="submit" className="button danger" disabled={busy === "archive"}>
                {busy === "archive" ? "Archiving…" : "Archive and remove future visits"}
              </button>
              {cancel}
            </Form>
          )}
        >
          <p>
            No new visits are created for this plan. Its{" "}
            <strong>future visits that nobody changed by hand are removed</strong> from the board and the
            routes. Visits that already happened, have started, or were changed by hand
            {touchedCount ? ` (${touchedCount} of the upcoming ones)` : ""} stay as they are.
          </p>
          <p className="muted">You can restore the plan later; its visits are then generated again.</p>
        </ConfirmPanel>
      ) : null}

      {generationPending ? (
        <div className="notice pending-notice" role="status">
          <strong>Generation pending.</strong>{" "}
          {archived
            ? "Future untouched visits are being removed in the background."
            : "The visits of this plan are being created or updated in the background; the list below may lag a few seconds."}{" "}
          <Link to={`${self}`} reloadDocument>
            Reload
          </Link>
        </div>
      ) : null}

      <div className="plan-detail">
        <section className="panel" aria-labelledby="facts-title">
          <h2 id="facts-title">Plan</h2>
          <dl className="facts">
            <div>
              <dt>Customer</dt>
              <dd>
                <Link to={`/customers/${plan.customerId}`}>{plan.customerName}</Link>
              </dd>
            </div>
            <div>
              <dt>Location</dt>
              <dd>
                <Link to={`/locations/${plan.locationId}`}>{plan.locationName}</Link>
              </dd>
            </div>
            <div>
              <dt>Repeats</dt>
              <dd>
                {plan.description}
                <code className="rule-code">{plan.rrule}</code>
              </dd>
            </div>
            <div>
              <dt>First day</dt>
              <dd>{formatDate(`${plan.startsOn}T12:00:00Z`, "UTC")}</dd>
            </div>
            <div>
              <dt>Time</dt>
              <dd>
                {plan.startTime} · {plan.durationMinutes} min · {plan.timeZone.replaceAll("_", " ")}
              </dd>
            </div>
            <div>
              <dt>Default assignee</dt>
              <dd>{plan.defaultAssigneeName ?? "Unassigned"}</dd>
            </div>
            <div>
              <dt>Horizon</dt>
              <dd>{plan.horizonDays} days ahead</dd>
            </div>
            <div>
              <dt>Generated until</dt>
              <dd>
                {plan.generatedUntil
                  ? formatDate(plan.generatedUntil, timeZone)
                  : archived || !plan.active
                    ? "Not generating"
                    : "Pending"}
              </dd>
            </div>
            <div>
              <dt>Last changed</dt>
              <dd>
                {formatDateTime(plan.updatedAt, timeZone)}{" "}
                <span className="muted">· version {plan.version}</span>
              </dd>
            </div>
          </dl>
        </section>

        <section className="panel" aria-labelledby="occurrences-title">
          <div className="panel-head">
            <h2 id="occurrences-title">Recent and upcoming visits</h2>
            <Link to={`/recurring?locationId=${plan.locationId}`} className="small">
              Other plans at this location
            </Link>
          </div>
          {upcoming.length === 0 ? (
            <p className="empty">
              {archived || !plan.active
                ? "No upcoming visits: this plan is not generating any."
                : generationPending
                  ? "The visits are being generated. Reload in a moment."
                  : "No visits within the planning horizon."}
            </p>
          ) : (
            <OccurrenceTable occurrences={upcoming} timeZone={timeZone} />
          )}
          {touchedCount ? (
            <p className="muted small">
              Visits marked “Changed by hand” were moved, reassigned or edited; changing the plan leaves them
              as they are.
            </p>
          ) : null}
        </section>
      </div>

      {can.edit && !archived ? (
        <section aria-labelledby="edit-title" className="stack">
          <div>
            <h2 id="edit-title" className="step-title">
              Change the plan
            </h2>
            <p className="muted small">
              Changes apply to future visits nobody changed by hand. Visits in the past and visits changed by
              hand stay as they are.
            </p>
          </div>
          {formResult?.errors ? <FormAlert errors={formResult.errors} /> : null}
          <RecurrenceForm
            values={values}
            errors={formResult?.errors}
            preview={preview}
            timeZones={loaded.timeZones}
            tenantTimeZone={timeZone}
            assignees={loaded.assignees}
            submitLabel="Save changes"
            cancelTo={self}
            action={`${location.pathname}`}
          />
        </section>
      ) : archived && can.edit ? (
        <p className="muted">
          This plan is archived. Restore it to change it; its visits are then generated again.
        </p>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <PageError />;
}
