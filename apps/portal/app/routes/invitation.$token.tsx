import { passwordMinLength } from "@ordinavo/domain/limits";
import { Field, freshKey } from "@ordinavo/ui";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PublicCard } from "~/components/public-card";
import { isLocale } from "~/i18n/config";
import { usePortalLocale } from "~/i18n/format";
import { localeCookie, localeCookieHeader, localeOf } from "~/i18n/locale.server";
import { FormAlert, pageTitle, useTranslatedErrors } from "~/i18n/words";
import { apiFor, attempt, cookieHeaders, currentMe, type FormErrors, text } from "~/lib/require.server";
import type { loader as rootLoader } from "~/root";

// An invitation link from the mail: a new person chooses their name and a password; someone with
// an account in this portal confirms it with its password (or, signed in to it, just adds the
// access). A link that does not work says why: unknown or replaced, expired, used, withdrawn.

export const meta: MetaFunction<typeof loader, { root: typeof rootLoader }> = ({ matches }) => [
  { title: pageTitle(matches, "account", "invitation.pageTitle") },
];

async function readInvitation(args: LoaderFunctionArgs | ActionFunctionArgs) {
  const { api } = await apiFor(args);
  const found = await attempt(() => api.invitations.get({ token: args.params.token ?? "" }));
  return found.ok ? found.value : ({ state: "unknown" } as const);
}

const hasLocaleCookie = (request: Request) =>
  (request.headers.get("cookie") ?? "").split(";").some((part) => part.trim().startsWith(`${localeCookie}=`));

export async function loader(args: LoaderFunctionArgs) {
  const invitation = await readInvitation(args);
  // The page opens in the language the invitation was sent in, unless the reader chose one here
  // already (or is signed in, with a saved choice): remembered like the language switcher's choice.
  if (invitation.state === "open" && !hasLocaleCookie(args.request) && !(await currentMe(args))) {
    if (localeOf(args.request) !== invitation.locale) {
      const secure = new URL(args.request.url).protocol === "https:";
      throw redirect(new URL(args.request.url).pathname, {
        headers: { "Set-Cookie": localeCookieHeader(invitation.locale, secure) },
      });
    }
  }
  return data(
    { invitation, minLength: passwordMinLength },
    { status: invitation.state === "open" ? 200 : 404 },
  );
}

type Problem = "unknown" | "expired" | "used" | "withdrawn" | "unavailable";
type Outcome =
  | { invalid: Problem }
  | { invalid: false; errors: FormErrors | null; mismatch?: true; name: string };

/** Why the link stopped working between showing the form and sending it. */
async function problemNow(args: ActionFunctionArgs): Promise<Problem> {
  const now = await readInvitation(args);
  return now.state === "open" ? "unknown" : now.state;
}

export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  const invitation = await readInvitation(args);
  if (invitation.state !== "open") return data<Outcome>({ invalid: invitation.state }, { status: 404 });
  const name = text(form, "name").trim();
  const password = text(form, "password");
  if (invitation.account === "none" && password !== text(form, "repeat")) {
    return data<Outcome>({ invalid: false, errors: null, mismatch: true, name }, { status: 400 });
  }
  const me = await currentMe(args);
  const page = localeOf(args.request, me?.user.locale);
  const { api, cookies } = await apiFor(args);
  const accepted = await attempt(() =>
    api.invitations.accept({
      token: args.params.token ?? "",
      name: invitation.account === "none" ? name : undefined,
      password: invitation.account === "signed_in" ? undefined : password,
      locale: isLocale(page) ? page : undefined,
    }),
  );
  if (!accepted.ok) {
    if (accepted.status === 404) return data<Outcome>({ invalid: await problemNow(args) }, { status: 404 });
    return data<Outcome>({ invalid: false, errors: accepted.errors, name }, { status: accepted.status });
  }
  throw redirect("/", { headers: cookieHeaders(cookies) });
}

/** "12 December 2026 at 08:08" in the service provider's time zone, as the mail says it. */
function expiry(value: Date | string, locale: string, timeZone: string) {
  const tag = locale === "fr" ? "fr-FR" : "en-GB";
  const options = { dateStyle: "long", timeStyle: "short" } as const;
  try {
    return new Intl.DateTimeFormat(tag, { ...options, timeZone }).format(new Date(value));
  } catch {
    return new Intl.DateTimeFormat(tag, { ...options, timeZone: "UTC" }).format(new Date(value));
  }
}

function NotValid({ state }: { state: Problem }) {
  const { t } = useTranslation("account");
  return (
    <PublicCard title={t(`invitation.${state}.title`)}>
      <p className="muted">{t(`invitation.${state}.text`)}</p>
      <Link className="button" to="/login">
        {t("invitation.signIn")}
      </Link>
    </PublicCard>
  );
}

export default function AcceptInvitation() {
  const { invitation, minLength } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation("account");
  const { locale } = usePortalLocale();
  const translated = useTranslatedErrors(result && !result.invalid ? result.errors : null);
  if (invitation.state !== "open") return <NotValid state={invitation.state} />;
  if (result?.invalid) return <NotValid state={result.invalid} />;
  const errors: FormErrors | null =
    result && !result.invalid && result.mismatch
      ? { message: t("invitation.mismatch"), fields: { repeat: [t("invitation.mismatchField")] } }
      : translated;
  const tenant = invitation.tenantName;
  return (
    <PublicCard title={t("invitation.title", { tenant })}>
      <p className="muted">{t("invitation.intro", { tenant })}</p>
      <dl className="invitation-facts">
        <div>
          <dt>{t("invitation.email")}</dt>
          <dd>{invitation.email}</dd>
        </div>
        <div>
          <dt>{t("invitation.access")}</dt>
          <dd>
            <ul className="invitation-places">
              {invitation.places.map((place) => (
                <li key={`${place.customerName}|${place.locationName ?? ""}`}>
                  {place.locationName
                    ? t("invitation.oneLocation", {
                        customer: place.customerName,
                        location: place.locationName,
                      })
                    : t("invitation.wholeCustomer", { customer: place.customerName })}
                </li>
              ))}
            </ul>
          </dd>
        </div>
        <div>
          <dt>{t("invitation.validUntil")}</dt>
          <dd>
            <time dateTime={new Date(invitation.expiresAt).toISOString()}>
              {expiry(invitation.expiresAt, locale, invitation.timeZone)}
            </time>
          </dd>
        </div>
      </dl>
      <FormAlert errors={errors} />
      <Form method="post" className="stack" key={freshKey(result)}>
        <input type="hidden" name="email" value={invitation.email} autoComplete="username" />
        {invitation.account === "none" ? (
          <>
            <p>{t("invitation.newIntro")}</p>
            <Field
              label={t("invitation.name")}
              name="name"
              autoComplete="name"
              required
              maxLength={200}
              defaultValue={result && !result.invalid ? result.name : invitation.name}
              errors={errors}
            />
            <Field
              label={t("invitation.password")}
              name="password"
              type="password"
              autoComplete="new-password"
              required
              minLength={minLength}
              hint={t("invitation.passwordHint", { min: minLength })}
              errors={errors}
            />
            <Field
              label={t("invitation.repeat")}
              name="repeat"
              type="password"
              autoComplete="new-password"
              required
              errors={errors}
            />
            <button type="submit" className="button" disabled={busy}>
              {busy ? t("invitation.creating") : t("invitation.create")}
            </button>
          </>
        ) : invitation.account === "password" ? (
          <>
            <p>{t("invitation.existingIntro")}</p>
            <Field
              label={t("invitation.currentPassword")}
              name="password"
              type="password"
              autoComplete="current-password"
              required
              autoFocus
              errors={errors}
            />
            <button type="submit" className="button" disabled={busy}>
              {busy ? t("invitation.adding") : t("invitation.add")}
            </button>
            <p className="small">
              <Link to="/forgot-password">{t("invitation.forgot")}</Link>
            </p>
          </>
        ) : (
          <>
            <p>{t("invitation.signedInIntro")}</p>
            <button type="submit" className="button" disabled={busy}>
              {busy ? t("invitation.adding") : t("invitation.add")}
            </button>
          </>
        )}
      </Form>
    </PublicCard>
  );
}
