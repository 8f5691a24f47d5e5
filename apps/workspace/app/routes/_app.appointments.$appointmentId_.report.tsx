import { FormAlert, type FormErrors } from "@ordinavo/ui";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { PageError } from "~/components/page-error";
import { isUuid } from "~/lib/planning-time";
import { attempt, load, requireWorkspace, text } from "~/lib/require.server";

// "Write the report" from a visit. Looking is a GET and changes nothing: the visit's report when
// there is one (a redirect), else a page that says whether the viewer may start it. Starting is
// a POST (the button below), so no prefetch or link from elsewhere makes a draft. Opening is safe
// to repeat: one report per appointment, and a second start finds the first.

export const meta: MetaFunction = () => [{ title: "Visit report · Ordinavo Workspace" }];

/** The visit page's "Add photos in the report" link lands on the report's photo section. */
const PHOTOS = "photos";

export async function loader(args: LoaderFunctionArgs) {
  const appointmentId = args.params.appointmentId;
  if (!isUuid(appointmentId)) throw new Response("Not found", { status: 404 });
  const { api } = await requireWorkspace(args);
  const found = await load(args.request, () => api.reports.ofAppointment({ appointmentId }));
  // The browser keeps the link's #photos across the redirect.
  if (found.visitReportId) throw redirect(`/reports/${found.visitReportId}`);
  return { appointmentId, takesReport: found.takesReport, canStart: found.canStart };
}

export async function action(args: ActionFunctionArgs) {
  const appointmentId = args.params.appointmentId;
  if (!isUuid(appointmentId)) throw new Response("Not found", { status: 404 });
  const form = await args.request.formData();
  const { api } = await requireWorkspace(args);
  const opened = await attempt(() => api.reports.open({ appointmentId }));
  if (!opened.ok) return data<{ errors: FormErrors }>({ errors: opened.errors }, { status: opened.status });
  if (!opened.value.visitReportId) {
    return data<{ errors: FormErrors }>(
      { errors: { message: "Only the visit's employee can start its report.", fields: {} } },
      { status: 403 },
    );
  }
  const notice = opened.value.created ? "?notice=started" : "";
  const section = text(form, "section") === PHOTOS ? `#${PHOTOS}` : "";
  return redirect(`/reports/${opened.value.visitReportId}${notice}${section}`);
}

export default function StartReport() {
  const { appointmentId, takesReport, canStart } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  // Read after hydration: the server never sees the #photos of the link that led here.
  const [toPhotos, setToPhotos] = useState(false);
  useEffect(() => setToPhotos(window.location.hash === `#${PHOTOS}`), []);
  const back = (
    <p>
      <Link to={`/appointments/${appointmentId}`}>Back to the visit</Link>
    </p>
  );

  if (!takesReport) {
    return (
      <section className="stack narrow">
        <h1>No report for this visit</h1>
        <p>This visit was cancelled; it takes no report.</p>
        {back}
      </section>
    );
  }
  if (!canStart) {
    return (
      <section className="stack narrow">
        <h1>No report yet</h1>
        <p>The employee assigned to this visit writes its report. It shows here once they have started it.</p>
        {back}
      </section>
    );
  }
  return (
    <section className="stack narrow">
      <h1>Visit report</h1>
      <p>
        Write down the result of the visit, any problems and whether follow-up work is needed. The report
        stays a draft, which you can change, until you submit it for review.
      </p>
      <Form method="post" className="stack">
        <FormAlert errors={outcome?.errors ?? null} />
        {toPhotos ? <input type="hidden" name="section" value={PHOTOS} /> : null}
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? "Starting…" : "Start the visit report"}
          </button>
        </div>
      </Form>
      {back}
    </section>
  );
}

export function ErrorBoundary() {
  return <PageError />;
}
