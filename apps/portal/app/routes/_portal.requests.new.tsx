import { localDay } from "@ordinavo/domain/calendar";
import { portalRequestTypes, timeWindows } from "@ordinavo/domain/vocabulary";
import { Field, messagesFor, SelectField, TextAreaField } from "@ordinavo/ui";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  data,
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { type ChangeEvent, useId } from "react";
import { useTranslation } from "react-i18next";
import { FormAlert, pageTitle, useTranslatedErrors } from "~/i18n/words";
import { attempt, type FormErrors, load, requirePortal, text } from "~/lib/require.server";
import type { loader as rootLoader } from "~/root";

// A new request: what kind, a short title, what is needed, exactly one of the shared locations, up
// to three preferred days with a time of day, and files. A plain multipart form: it works without
// JavaScript, comes back with every typed value and the API's field errors (in the reader's
// language) when something is wrong, and goes to the new request's page when it was sent. Files
// are checked by the API with the workspace's rules; with JavaScript the browser warns early about
// too many or too large files.

export const meta: MetaFunction<typeof loader, { root: typeof rootLoader }> = ({ matches }) => [
  { title: pageTitle(matches, "requests", "new.pageTitle") },
];

const DATE_ROWS = 3;

export async function loader(args: LoaderFunctionArgs) {
  const { api, me } = await requirePortal(args);
  const [places, limits] = await Promise.all([
    load(args.request, () => api.requests.places()),
    load(args.request, () => api.requests.limits()),
  ]);
  return { places, limits, today: localDay(new Date(), me.timeZone) };
}

type Window = (typeof timeWindows)[number];
type Values = {
  type: string;
  title: string;
  description: string;
  locationId: string;
  dates: { date: string; window: string }[];
};

/** A refusal about the files field. */
const refusal = (message: string): FormErrors => ({ message, fields: { files: [message] } });

/** Browsers write a quote in a multipart file name as "%22"; the parser does not undo it. */
const withSentName = (file: File) =>
  file.name.includes("%22") ? new File([file], file.name.replaceAll("%22", '"'), { type: file.type }) : file;

/**
 * The API numbers preferred dates among the filled rows; the form has empty rows too. Moves each
 * field path back onto the row it came from ("preferredDates.0.date" of the second filled row).
 */
function onRows(errors: FormErrors, rows: number[]): FormErrors {
  const fields: Record<string, string[]> = {};
  for (const [path, messages] of Object.entries(errors.fields)) {
    const match = /^preferredDates\.(\d+)(.*)$/.exec(path);
    const row = match ? rows[Number(match[1])] : undefined;
    const key = match && row !== undefined ? `preferredDates.${row}${match[2]}` : path;
    fields[key] = [...(fields[key] ?? []), ...messages];
  }
  return { message: errors.message, fields };
}

export async function action(args: ActionFunctionArgs) {
  const { api } = await requirePortal(args);
  const limits = await load(args.request, () => api.requests.limits());
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      args.request,
      unstable_createMemoryUploadHandler({
        // The launcher caps the whole body; a part may be read up to three file limits so that the
        // API refuses a large file by its field and the typed values come back with the form.
        maxPartSize: limits.maxFileBytes * 3,
        filter: ({ name, filename }) => filename === undefined || name === "files",
      }),
    );
  } catch (error) {
    // A file over the part limit, or a post that is not a multipart form (no words of our own:
    // both messages are the errors area's).
    const tooLarge = error instanceof MaxPartSizeExceededError;
    return data(
      {
        errors: refusal(tooLarge ? limits.refusals.too_large : limits.refusals.resend),
        values: null as Values | null,
      },
      { status: tooLarge ? 413 : 400 },
    );
  }
  const values: Values = {
    type: text(form, "type"),
    title: text(form, "title"),
    description: text(form, "description"),
    locationId: text(form, "locationId"),
    dates: Array.from({ length: DATE_ROWS }, (_, i) => ({
      date: text(form, `preferredDates.${i}.date`).trim(),
      window: text(form, `preferredDates.${i}.window`) || "all_day",
    })),
  };
  const filled = values.dates.flatMap((d, row) => (d.date ? [{ ...d, row }] : []));
  const files = form
    .getAll("files")
    .filter((value): value is File => value instanceof File && value.size > 0)
    .map(withSentName);
  const result = await attempt(() =>
    api.requests.create({
      type: values.type as (typeof portalRequestTypes)[number],
      title: values.title,
      description: values.description,
      locationId: values.locationId,
      preferredDates: filled.map((d) => ({ date: d.date, window: d.window as Window })),
      files,
    }),
  );
  if (!result.ok) {
    return data(
      {
        errors: onRows(
          result.errors,
          filled.map((d) => d.row),
        ),
        values,
      },
      { status: result.status },
    );
  }
  throw redirect(`/requests/${result.value.id}?sent=1`);
}

/** With JavaScript: say at once when the chosen files break the limits (the server checks again). */
function checkFiles(limits: {
  maxFileBytes: number;
  maxFilesPerPost: number;
  refusals: Record<string, string>;
}) {
  return (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const chosen = Array.from(input.files ?? []);
    const problem =
      chosen.length > limits.maxFilesPerPost
        ? input.dataset.tooMany
        : chosen.some((file) => file.size > limits.maxFileBytes)
          ? input.dataset.tooLarge
          : "";
    input.setCustomValidity(problem ?? "");
    if (problem) input.reportValidity();
  };
}

export default function NewRequest() {
  const { places, limits, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation("requests");
  const { t: tErrors } = useTranslation("errors");
  const errors = useTranslatedErrors(result?.errors);
  const values = result?.values ?? null;
  const id = useId();
  const typeMessages = messagesFor(errors, "type");
  const fileMessages = messagesFor(errors, "files");
  const mb = Math.round(limits.maxFileBytes / (1024 * 1024));

  if (places.length === 0) {
    return (
      <div className="stack">
        <header>
          <h1>{t("new.title")}</h1>
        </header>
        <section className="panel">
          <div className="empty">
            <p className="empty-title">{t("new.noPlaces.title")}</p>
            <p>{t("new.noPlaces.text")}</p>
            <p>
              <Link to="/requests">{t("new.back")}</Link>
            </p>
          </div>
        </section>
      </div>
    );
  }

  return (
    <div className="stack">
      <header>
        <p className="eyebrow">
          <Link to="/requests">{t("list.title")}</Link>
        </p>
        <h1>{t("new.title")}</h1>
        <p className="muted">{t("new.intro")}</p>
      </header>
      <FormAlert errors={errors} />
      <Form method="post" encType="multipart/form-data" className="stack request-form">
        <fieldset
          className="panel request-types"
          aria-describedby={typeMessages.length ? `${id}-type-error` : undefined}
        >
          <legend>{t("new.type.legend")}</legend>
          <div className="request-type-grid">
            {portalRequestTypes.map((type) => (
              <label key={type} className="request-type">
                <input
                  type="radio"
                  name="type"
                  value={type}
                  required
                  defaultChecked={values?.type === type}
                  aria-invalid={typeMessages.length > 0 || undefined}
                />
                <span className="request-type-text">
                  <span className="request-type-name">{t(`type.${type}`)}</span>
                  <span className="muted small">{t(`typeHint.${type}`)}</span>
                </span>
              </label>
            ))}
          </div>
          {typeMessages.length ? (
            <p className="field-error" id={`${id}-type-error`}>
              {typeMessages.join(" ")}
            </p>
          ) : null}
        </fieldset>

        <section className="panel stack" aria-labelledby={`${id}-what`}>
          <h2 id={`${id}-what`}>{t("new.what")}</h2>
          <Field
            label={t("new.titleLabel")}
            name="title"
            required
            maxLength={120}
            defaultValue={values?.title}
            hint={t("new.titleHint")}
            errors={errors}
          />
          <TextAreaField
            label={t("new.description")}
            name="description"
            required
            maxLength={4000}
            rows={6}
            defaultValue={values?.description}
            hint={t("new.descriptionHint")}
            errors={errors}
          />
          <SelectField
            label={t("new.location")}
            name="locationId"
            required
            defaultValue={values?.locationId ?? (places.length === 1 ? places[0]!.locationId : "")}
            errors={errors}
          >
            {places.length > 1 ? <option value="">{t("new.locationChoose")}</option> : null}
            {places.map((place) => (
              <option key={place.locationId} value={place.locationId}>
                {place.name}
                {place.address ? ` — ${place.address}` : ""}
              </option>
            ))}
          </SelectField>
        </section>

        <fieldset className="panel request-when">
          <legend>{t("new.dates.legend")}</legend>
          <p className="hint">{t("new.dates.hint")}</p>
          <ol className="request-date-rows">
            {Array.from({ length: DATE_ROWS }, (_, i) => {
              const rowMessages = messagesFor(errors, `preferredDates.${i}`);
              const given = values?.dates[i];
              return (
                <li key={i} className="request-date-row">
                  <Field
                    label={t("new.dates.day", { number: i + 1 })}
                    name={`preferredDates.${i}.date`}
                    id={`${id}-date-${i}`}
                    type="date"
                    min={today}
                    defaultValue={given?.date}
                    errors={errors}
                  />
                  <SelectField
                    label={t("new.dates.window", { number: i + 1 })}
                    name={`preferredDates.${i}.window`}
                    id={`${id}-window-${i}`}
                    defaultValue={given?.window ?? "all_day"}
                    errors={errors}
                  >
                    {timeWindows.map((window) => (
                      <option key={window} value={window}>
                        {t(`window.${window}`)}
                      </option>
                    ))}
                  </SelectField>
                  {rowMessages.length &&
                  !messagesFor(errors, `preferredDates.${i}.date`).length &&
                  !messagesFor(errors, `preferredDates.${i}.window`).length ? (
                    <p className="field-error">{rowMessages.join(" ")}</p>
                  ) : null}
                </li>
              );
            })}
          </ol>
          {errors?.fields.preferredDates ? (
            <p className="field-error">{errors.fields.preferredDates.join(" ")}</p>
          ) : null}
        </fieldset>

        <section className="panel stack" aria-labelledby={`${id}-files`}>
          <h2 id={`${id}-files`}>{t("new.files.title")}</h2>
          <div className="field">
            <label htmlFor={`${id}-file-input`}>{t("new.files.label")}</label>
            <input
              id={`${id}-file-input`}
              type="file"
              name="files"
              multiple
              accept="image/jpeg,image/png,image/webp,image/heic,image/gif,application/pdf,text/plain,text/csv,.heic,.csv,.txt"
              aria-invalid={fileMessages.length > 0 || undefined}
              aria-describedby={`${id}-file-hint${fileMessages.length ? ` ${id}-file-error` : ""}`}
              data-too-many={tErrors(limits.refusals.too_many, { defaultValue: limits.refusals.too_many })}
              data-too-large={tErrors(limits.refusals.too_large, { defaultValue: limits.refusals.too_large })}
              onChange={checkFiles(limits)}
            />
            <p className="hint" id={`${id}-file-hint`}>
              {t("new.files.hint", { max: limits.maxFilesPerPost, size: mb })}
              {values ? ` ${t("new.files.again")}` : ""}
            </p>
            {fileMessages.length ? (
              <p className="field-error" id={`${id}-file-error`}>
                {fileMessages.join(" ")}
              </p>
            ) : null}
          </div>
        </section>

        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? t("new.sending") : t("new.send")}
          </button>
          <Link to="/requests">{t("new.cancel")}</Link>
        </div>
      </Form>
    </div>
  );
}
