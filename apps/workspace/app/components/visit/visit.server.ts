import { randomUUID } from "node:crypto";
import type { FormErrors } from "@ordinavo/ui";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { isUuid } from "~/lib/planning-time";
import { attempt, load, requireWorkspace, text } from "~/lib/require.server";

// The visit page's server side. The view carries the machine's on-site steps (so the phone can
// show the next buttons while its updates wait offline); the loader adds a fresh client id per form
// (so a form posted twice without JavaScript, or re-posted from the back button, is recorded once).

export async function loadVisit(args: LoaderFunctionArgs) {
  const appointmentId = args.params.appointmentId;
  if (!isUuid(appointmentId)) throw new Response("Not found", { status: 404 });
  const { api, me } = await requireWorkspace(args);
  const view = await load(args.request, () => api.execution.visit({ appointmentId }));
  const url = new URL(args.request.url);
  const ask = url.searchParams.get("ask");
  return {
    view,
    owner: { tenantId: me.active?.tenantId ?? "", userId: me.user.id },
    ids: { status: randomUUID(), note: randomUUID(), reason: randomUUID() },
    ask:
      ask && view.nextStatuses.includes(ask as never) && view.needsReason.includes(ask as never) ? ask : null,
    notice: url.searchParams.get("notice"),
  };
}

export type VisitFormResult = { intent: string; errors: FormErrors; body: string };

/** The page's forms without JavaScript: a status, a comment or a problem report. */
export async function visitAction(args: ActionFunctionArgs) {
  const appointmentId = args.params.appointmentId ?? "";
  const form = await args.request.formData();
  const intent = text(form, "intent");
  const body = text(form, "body");
  const kind =
    intent === "status"
      ? ("status_change" as const)
      : intent === "comment" || intent === "problem_report"
        ? intent
        : null;
  if (!kind || !isUuid(appointmentId)) {
    const errors = { message: "This form is out of date. Reload the page and try again.", fields: {} };
    return data<VisitFormResult>({ intent, errors, body }, { status: 400 });
  }
  const given = text(form, "clientId");
  const { api } = await requireWorkspace(args);
  const result = await attempt(() =>
    api.execution.record({
      clientId: isUuid(given) ? given : randomUUID(),
      appointmentId,
      kind,
      status: kind === "status_change" ? (text(form, "status") as never) : undefined,
      body: body || undefined,
      recordedAt: new Date(),
    }),
  );
  if (!result.ok)
    return data<VisitFormResult>({ intent, errors: result.errors, body }, { status: result.status });
  return redirect(`/visits/${appointmentId}?notice=${intent}`);
}
