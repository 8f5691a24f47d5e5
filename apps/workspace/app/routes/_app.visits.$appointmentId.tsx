import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { PageError } from "~/components/page-error";
import { loadVisit, visitAction } from "~/components/visit/visit.server";
import { VisitPage } from "~/components/visit/visit-page";

// A visit as its employee works it on site (mobile execution): where and whom, the next step,
// comments and problems, and the way to the visit report.

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.view.visit.customerName ?? "Visit"} · Visit · Ordinavo Workspace` },
];

export const loader = (args: LoaderFunctionArgs) => loadVisit(args);
export const action = (args: ActionFunctionArgs) => visitAction(args);

export default function VisitRoute() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return <VisitPage loaded={loaded} result={result} />;
}

export function ErrorBoundary() {
  return <PageError />;
}
