import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PageError } from "~/components/page-error";
import { isUuid } from "~/lib/planning-time";
import { load, requireWorkspace } from "~/lib/require.server";

// "Write the report" from a visit: the visit's report, or a fresh draft started for its employee,
// then the report page. Opening is safe to repeat (one report per appointment; a second open
// finds the first), so the visit page can link here with a plain link that works without
// JavaScript.

export const meta: MetaFunction = () => [{ title: "Visit report · Ordinavo Workspace" }];

export async function loader(args: LoaderFunctionArgs) {
  const appointmentId = args.params.appointmentId;
  if (!isUuid(appointmentId)) throw new Response("Not found", { status: 404 });
  const { api } = await requireWorkspace(args);
  const opened = await load(args.request, () => api.reports.open({ appointmentId }));
  if (opened.visitReportId) {
    throw redirect(`/reports/${opened.visitReportId}${opened.created ? "?notice=started" : ""}`);
  }
  return { appointmentId };
}

export default function NoReportYet() {
  const { appointmentId } = useLoaderData<typeof loader>();
  return (
    <section className="stack narrow">
      <p className="eyebrow">
        <Link to={`/appointments/${appointmentId}`}>Appointment</Link>
      </p>
      <h1>No report yet</h1>
      <p>The employee assigned to this visit writes its report. It shows here once they have started it.</p>
      <p>
        <Link to={`/appointments/${appointmentId}`}>Back to the appointment</Link>
      </p>
    </section>
  );
}

export function ErrorBoundary() {
  return <PageError />;
}
