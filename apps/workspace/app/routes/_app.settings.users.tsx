import { nameOf, roleNames, roleSummaries } from "@ordinavo/domain/labels";
import { type StaffRole, staffRoles } from "@ordinavo/domain/vocabulary";
import { Field, FormAlert, freshKey, Notice, SelectField } from "@ordinavo/ui";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  useRouteLoaderData,
  useSearchParams,
} from "@remix-run/react";
import { ConfirmPanel } from "~/components/confirm";
import { PageError } from "~/components/page-error";
import { formatDate } from "~/lib/format";
import { attempt, type FormErrors, load, requireWorkspace, text } from "~/lib/require.server";
import type { loader as appLoader } from "./_app";

export const meta: MetaFunction = () => [{ title: "Users & roles · Ordinavo Workspace" }];

export async function loader(args: LoaderFunctionArgs) {
  const { api } = await requireWorkspace(args);
  return load(args.request, () => api.users.list());
}

type Intent = "invite" | "changeRole" | "disable" | "enable";

type Outcome = {
  intent: Intent;
  userId: string | null;
  notice: string | null;
  errors: FormErrors | null;
  /** What was typed into the invitation form, kept after an error. */
  invite: { email: string; role: string };
};

/** Says which change was refused: the message alone does not name the member. */
function refused(what: string, errors: FormErrors): FormErrors {
  return { ...errors, message: `Could not ${what}. ${errors.message}` };
}

export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  const intent = text(form, "intent") as Intent;
  const userId = text(form, "userId");
  const memberName = text(form, "memberName") || "This member";
  const invite = { email: text(form, "email").trim(), role: text(form, "role") };
  const { api } = await requireWorkspace(args);
  const reply = (outcome: Partial<Outcome>, status = 200) =>
    data<Outcome>(
      { intent, userId: userId || null, notice: null, errors: null, invite, ...outcome },
      { status },
    );

  if (intent === "invite") {
    const result = await attempt(() =>
      api.users.invite({ email: invite.email, role: invite.role as StaffRole }),
    );
    if (!result.ok) return reply({ errors: result.errors }, result.status);
    return reply({
      notice: `Invitation sent to ${invite.email}. It appears under pending invitations until it is accepted.`,
      invite: { email: "", role: invite.role },
    });
  }
  if (intent === "changeRole") {
    const role = text(form, "role") as StaffRole;
    const result = await attempt(() => api.users.changeRole({ userId, role }));
    if (!result.ok)
      return reply({ errors: refused(`change the role of ${memberName}`, result.errors) }, result.status);
    return reply({ notice: `${memberName} is now ${nameOf(roleNames, result.value.role).toLowerCase()}.` });
  }
  if (intent === "disable" || intent === "enable") {
    const disabled = intent === "disable";
    const result = await attempt(() => api.users.setDisabled({ userId, disabled }));
    if (!result.ok) {
      return reply({ errors: refused(`${intent} ${memberName}`, result.errors) }, result.status);
    }
    return reply({
      notice: disabled
        ? `${memberName} can no longer sign in to this workspace. Their open sessions have ended.`
        : `${memberName} can sign in to this workspace again.`,
    });
  }
  return reply(
    { errors: { message: "This form is out of date. Reload the page and try again.", fields: {} } },
    400,
  );
}

export default function UsersAndRoles() {
  const { members, invitations } = useLoaderData<typeof loader>();
  const me = useRouteLoaderData<typeof appLoader>("routes/_app");
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const timeZone = me?.active?.timeZone ?? "UTC";
  const allowed = new Set(me?.active?.allowedActions ?? []);
  const canManage = allowed.has("user.manage");
  const busyIntent = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;

  const confirming = canManage
    ? members.find((m) => m.userId === params.get("disable") && !m.disabled)
    : undefined;
  const memberResult = result && result.intent !== "invite" ? result : null;
  const inviteResult = result?.intent === "invite" ? result : null;

  return (
    <section className="stack">
      <header>
        <p className="eyebrow">Administration</p>
        <h1>Users &amp; roles</h1>
        <p className="muted">
          Who works in {me?.active?.tenantName ?? "this workspace"}, and what each person may do.
        </p>
      </header>

      {memberResult?.notice ? <Notice>{memberResult.notice}</Notice> : null}
      {memberResult?.errors ? <FormAlert errors={memberResult.errors} /> : null}

      {confirming ? (
        <ConfirmPanel
          title={`Disable ${confirming.name}?`}
          cancelTo="/settings/users"
          form={(cancel) => (
            <Form method="post" action="/settings/users" className="actions">
              <input type="hidden" name="intent" value="disable" />
              <input type="hidden" name="userId" value={confirming.userId} />
              <input type="hidden" name="memberName" value={confirming.name} />
              <button type="submit" className="button danger" disabled={busyIntent === "disable"}>
                {busyIntent === "disable" ? "Disabling…" : "Disable access"}
              </button>
              {cancel}
            </Form>
          )}
        >
          <p>
            {confirming.name} ({confirming.email}) is signed out at once and can no longer sign in to this
            workspace. Nothing they created is deleted, and you can enable them again at any time.
          </p>
        </ConfirmPanel>
      ) : null}

      <div className="panel">
        <h2>Members</h2>
        <table className="data responsive">
          <caption className="visually-hidden">Members of the workspace</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Joined</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {members.map((member) => {
              const isMe = member.userId === me?.user.id;
              return (
                <tr key={member.userId}>
                  <td data-label="Name">
                    <strong>{member.name}</strong>
                    {isMe ? <span className="badge tag">You</span> : null}
                  </td>
                  <td data-label="Email" className="break">
                    {member.email}
                  </td>
                  <td data-label="Role">
                    {isMe || !canManage ? (
                      <span title={isMe ? "Another tenant admin can change your role." : undefined}>
                        {nameOf(roleNames, member.role)}
                      </span>
                    ) : (
                      <Form method="post" action="/settings/users" className="inline-form">
                        <input type="hidden" name="intent" value="changeRole" />
                        <input type="hidden" name="userId" value={member.userId} />
                        <input type="hidden" name="memberName" value={member.name} />
                        <label htmlFor={`role-${member.userId}`} className="visually-hidden">
                          Role of {member.name}
                        </label>
                        <select
                          id={`role-${member.userId}`}
                          name="role"
                          defaultValue={member.role}
                          // The stored role and each result remount the select, so it never shows a
                          // choice that was refused or a role from before the change.
                          key={`${member.role}-${freshKey(result)}`}
                        >
                          {staffRoles.map((role) => (
                            <option key={role} value={role}>
                              {roleNames[role]}
                            </option>
                          ))}
                        </select>
                        <button type="submit" className="button secondary small">
                          Change<span className="visually-hidden"> role of {member.name}</span>
                        </button>
                      </Form>
                    )}
                  </td>
                  <td data-label="Status">
                    {member.disabled ? (
                      <span className="badge danger">Disabled</span>
                    ) : (
                      <span className="badge ok">Active</span>
                    )}
                  </td>
                  <td data-label="Joined">
                    <time dateTime={new Date(member.joinedAt).toISOString()}>
                      {formatDate(member.joinedAt, timeZone)}
                    </time>
                  </td>
                  <td className="row-actions">
                    {!canManage || isMe ? null : member.disabled ? (
                      <Form method="post" action="/settings/users">
                        <input type="hidden" name="intent" value="enable" />
                        <input type="hidden" name="userId" value={member.userId} />
                        <input type="hidden" name="memberName" value={member.name} />
                        <button type="submit" className="button secondary small">
                          Enable<span className="visually-hidden"> {member.name}</span>
                        </button>
                      </Form>
                    ) : (
                      <Link
                        className="button secondary small danger-text"
                        to={`/settings/users?disable=${member.userId}#confirm`}
                      >
                        Disable…<span className="visually-hidden"> {member.name}</span>
                      </Link>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <div className="stack">
        {canManage ? (
          <div className="panel">
            <h2 id="invite-title">Invite someone</h2>
            <p className="muted small">They receive an email with a link to join. The link works once.</p>
            {inviteResult?.notice ? <Notice>{inviteResult.notice}</Notice> : null}
            <FormAlert errors={inviteResult?.errors} />
            <Form
              method="post"
              className="stack"
              aria-labelledby="invite-title"
              key={inviteResult?.notice ? freshKey(result) : "invite"}
            >
              <input type="hidden" name="intent" value="invite" />
              <Field
                label="Email address"
                name="email"
                type="email"
                autoComplete="off"
                required
                defaultValue={inviteResult?.invite.email}
                errors={inviteResult?.errors}
              />
              <SelectField
                label="Role"
                name="role"
                defaultValue={inviteResult?.invite.role || "employee"}
                errors={inviteResult?.errors}
                hint="You can change the role later."
              >
                {staffRoles.map((role) => (
                  <option key={role} value={role}>
                    {roleNames[role]}
                  </option>
                ))}
              </SelectField>
              <details className="roles">
                <summary>What can each role do?</summary>
                <dl>
                  {staffRoles.map((role) => (
                    <div key={role}>
                      <dt>{roleNames[role]}</dt>
                      <dd>{roleSummaries[role]}</dd>
                    </div>
                  ))}
                </dl>
              </details>
              <div>
                <button type="submit" className="button" disabled={busyIntent === "invite"}>
                  {busyIntent === "invite" ? "Sending…" : "Send invitation"}
                </button>
              </div>
            </Form>
          </div>
        ) : null}

        <div className="panel">
          <h2>Pending invitations</h2>
          {invitations.length === 0 ? (
            <p className="empty">No pending invitations. People you invite appear here until they join.</p>
          ) : (
            <table className="data responsive">
              <caption className="visually-hidden">Invitations not accepted yet</caption>
              <thead>
                <tr>
                  <th scope="col">Email</th>
                  <th scope="col">Role</th>
                  <th scope="col">Sent</th>
                  <th scope="col">Expires</th>
                </tr>
              </thead>
              <tbody>
                {invitations.map((invitation) => (
                  <tr key={invitation.id}>
                    <td data-label="Email" className="break">
                      {invitation.email}
                    </td>
                    <td data-label="Role">{nameOf(roleNames, invitation.role)}</td>
                    <td data-label="Sent">{formatDate(invitation.createdAt, timeZone)}</td>
                    <td data-label="Expires">{formatDate(invitation.expiresAt, timeZone)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </div>
    </section>
  );
}

export function ErrorBoundary() {
  return <PageError />;
}
