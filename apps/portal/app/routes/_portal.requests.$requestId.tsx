import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  data,
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { PreferredDates, RequestFiles, RequestProgress, RequestStatusBadge } from "~/components/request-bits";
import { useFormat } from "~/i18n/format";
import { FormAlert, pageTitle, useTranslatedErrors } from "~/i18n/words";
import { attempt, type FormErrors, load, requirePortal } from "~/lib/require.server";
import type { loader as rootLoader } from "~/root";

// One request as the customer follows it: the progress from submitted to review, planned work and
// completion, the service provider's message, the preferred days and the files. Everyone whose
// grants cover the location sees it; its sender may add files while it waits for review (a plain
// multipart form). A request outside the grants is 404, like one that does not exist.

export const meta: MetaFunction<typeof loader, { root: typeof rootLoader }> = ({ data, matches }) => [
  { title: pageTitle(matches, "requests", "detail.pageTitle", { title: data?.request.title ?? "" }) },
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function loader(args: LoaderFunctionArgs) {
  const portalRequestId = args.params.requestId ?? "";
  if (!UUID.test(portalRequestId)) throw new Response("Not found", { status: 404 });
  const { api } = await requirePortal(args);
  const request = await load(args.request, () => api.requests.get({ portalRequestId }));
  const limits = request.can.addFiles ? await load(args.request, () => api.requests.limits()) : null;
  return { request, limits };
}

/** Browsers write a quote in a multipart file name as "%22"; the parser does not undo it. */
const withSentName = (file: File) =>
  file.name.includes("%22") ? new File([file], file.name.replaceAll("%22", '"'), { type: file.type }) : file;

export async function action(args: ActionFunctionArgs) {
  const portalRequestId = args.params.requestId ?? "";
  if (!UUID.test(portalRequestId)) throw new Response("Not found", { status: 404 });
  const { api } = await requirePortal(args);
  const limits = await load(args.request, () => api.requests.limits());
  const refused = (message: string, status: number) =>
    data({ errors: { message, fields: { files: [message] } } as FormErrors }, { status });
  // Every message here is the API's (the errors area translates it).
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      args.request,
      unstable_createMemoryUploadHandler({
        maxPartSize: limits.maxFileBytes * 3,
        filter: ({ name, filename }) => filename === undefined || name === "files",
      }),
    );
  } catch (error) {
    return error instanceof MaxPartSizeExceededError
      ? refused(limits.refusals.too_large, 413)
      : refused(limits.refusals.resend, 400);
  }
  const files = form
    .getAll("files")
    .filter((value): value is File => value instanceof File && value.size > 0)
    .map(withSentName);
  if (files.length === 0) return refused(limits.refusals.none, 400);
  const result = await attempt(() => api.requests.addFiles({ portalRequestId, files }));
  if (!result.ok) return data({ errors: result.errors }, { status: result.status });
  throw redirect(`/requests/${portalRequestId}?added=${result.value.added}#files`);
}

export default function RequestPage() {
  const { request, limits } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = useTranslatedErrors(result?.errors);
  const busy = useNavigation().state === "submitting";
  const [params] = useSearchParams();
  const { t } = useTranslation("requests");
  const format = useFormat();
  const id = useId();
  const justSent = params.get("sent") === "1";
  const added = Number(params.get("added") ?? "0");
  const decided = ["accepted", "declined", "planned", "completed"].includes(request.status);

  return (
    <div className="stack">
      <header className="stack-tight">
        <p className="eyebrow">
          <Link to="/requests">{t("list.title")}</Link>
        </p>
        <h1 className="request-title">{request.title}</h1>
        <p className="request-meta">
          <RequestStatusBadge status={request.status} />
          <span className="muted small">
            {t(`type.${request.type}`)} · {request.location.name}
            {request.location.city ? `, ${request.location.city}` : ""}
          </span>
        </p>
      </header>

      {justSent && !result ? (
        <p className="notice" role="status">
          {t("detail.sent")}
        </p>
      ) : null}
      {added > 0 && !result ? (
        <p className="notice" role="status">
          {t("detail.filesAdded")}
        </p>
      ) : null}

      <section className="panel" aria-labelledby={`${id}-progress`}>
        <h2 id={`${id}-progress`}>{t("detail.progress")}</h2>
        <RequestProgress status={request.status} milestones={request.milestones} />
        {request.nextVisit ? (
          <p className="request-visit">
            <strong>{t("detail.nextVisit")}</strong>{" "}
            {t("detail.visitWhen", {
              day: format.date(request.nextVisit.start),
              time: format.timeRange(request.nextVisit.start, request.nextVisit.end),
            })}{" "}
            <Link to="/appointments">{t("detail.appointments")}</Link>
          </p>
        ) : null}
        {decided && request.customerMessage ? (
          <div className="request-message" data-declined={request.status === "declined" || undefined}>
            <p className="request-message-title">
              {request.status === "declined" ? t("detail.declinedMessage") : t("detail.message")}
            </p>
            <p className="request-prose">{request.customerMessage}</p>
          </div>
        ) : request.status === "submitted" || request.status === "in_review" ? (
          <p className="muted">{t("detail.waiting")}</p>
        ) : null}
      </section>

      <div className="request-grid">
        <section className="panel" aria-labelledby={`${id}-what`}>
          <h2 id={`${id}-what`}>{t("detail.what")}</h2>
          <p className="request-prose">{request.description}</p>
          <dl className="request-facts">
            <dt>{t("detail.location")}</dt>
            <dd>
              {request.location.name}
              {request.location.address ? <span className="muted"> — {request.location.address}</span> : null}
            </dd>
            <dt>{t("detail.sentOn")}</dt>
            <dd>
              {format.dateTime(request.createdAt)}
              {request.sentByYou ? ` · ${t("detail.byYou")}` : ` · ${t("detail.byColleague")}`}
            </dd>
          </dl>
        </section>
        <section className="panel" aria-labelledby={`${id}-dates`}>
          <h2 id={`${id}-dates`}>{t("detail.dates")}</h2>
          <PreferredDates dates={request.preferredDates} />
        </section>
      </div>

      <section className="panel stack" id="files" aria-labelledby={`${id}-files`}>
        <h2 id={`${id}-files`}>{t("detail.files")}</h2>
        <RequestFiles requestId={request.id} files={request.files} />
        {request.can.addFiles && limits ? (
          <Form method="post" encType="multipart/form-data" className="stack request-add-files">
            <FormAlert errors={errors} />
            <div className="field">
              <label htmlFor={`${id}-more-files`}>{t("detail.addFiles")}</label>
              <input
                id={`${id}-more-files`}
                type="file"
                name="files"
                multiple
                required
                accept="image/jpeg,image/png,image/webp,image/heic,image/gif,application/pdf,text/plain,text/csv,.heic,.csv,.txt"
                aria-invalid={errors?.fields.files ? true : undefined}
                aria-describedby={`${id}-more-hint${errors?.fields.files ? ` ${id}-more-error` : ""}`}
              />
              <p className="hint" id={`${id}-more-hint`}>
                {t("new.files.hint", {
                  max: limits.maxFilesPerPost,
                  size: Math.round(limits.maxFileBytes / (1024 * 1024)),
                })}
              </p>
              {errors?.fields.files ? (
                <p className="field-error" id={`${id}-more-error`}>
                  {errors.fields.files.join(" ")}
                </p>
              ) : null}
            </div>
            <div className="actions">
              <button type="submit" className="button secondary" disabled={busy}>
                {busy ? t("detail.adding") : t("detail.add")}
              </button>
            </div>
          </Form>
        ) : null}
      </section>
    </div>
  );
}
