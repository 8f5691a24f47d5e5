import { Notice } from "@ordinavo/ui";
import { Form, Link, useNavigation, useSearchParams } from "@remix-run/react";
import { ConfirmPanel } from "~/components/confirm";
import { useWorkspace } from "~/components/customer-bits";
import { formatDate, formatDateTime, isoString } from "~/lib/format";
import {
  accessWords,
  invitationStatusNames,
  invitationStatusTones,
  languageNames,
  type PortalAccess,
  type PortalAccessInvitation,
  type PortalAccessUser,
  portalNotices,
  portalPaths,
} from "./words";

// The customer page's "Customer portal" panel (tenant admins): who sees this customer in the
// portal and how much, with links to change, revoke or preview their access; the invitations sent
// for it with their state, to send again or withdraw. Everything works without JavaScript:
// confirmations are pages reached by links, actions are plain forms.

function When({
  value,
  timeZone,
  withTime = false,
}: {
  value: Date | string;
  timeZone: string;
  withTime?: boolean;
}) {
  return (
    <time dateTime={isoString(value)}>
      {withTime ? formatDateTime(value, timeZone) : formatDate(value, timeZone)}
    </time>
  );
}

const firstName = (name: string) => name.trim().split(/\s+/)[0] || name;

function Person({
  user,
  timeZone,
  customerId,
}: {
  user: PortalAccessUser;
  timeZone: string;
  customerId: string;
}) {
  const paths = portalPaths(customerId);
  return (
    <li className="portal-entry">
      <p className="portal-entry-head">
        <strong>{user.name}</strong>
        {user.disabled ? <span className="badge danger">Disabled</span> : null}
        <span className="muted small block break">{user.email}</span>
      </p>
      <p className="small">
        <span className="muted">Sees: </span>
        {accessWords(user)}
      </p>
      <p className="muted small portal-entry-meta">
        <span>
          Last sign-in:{" "}
          {user.lastSignInAt ? <When value={user.lastSignInAt} timeZone={timeZone} withTime /> : "never"}
        </span>
        {user.otherCustomers > 0 ? (
          <span>
            Also sees {user.otherCustomers} other {user.otherCustomers === 1 ? "customer" : "customers"}
          </span>
        ) : null}
      </p>
      <div className="actions portal-entry-actions">
        <Link className="button secondary small" to={paths.user(user.portalUserId)}>
          Change access<span className="visually-hidden"> of {user.name}</span>
        </Link>
        {user.disabled ? null : (
          <Link className="button secondary small" to={paths.preview(user.portalUserId)}>
            View as {firstName(user.name)}
          </Link>
        )}
        <Link
          className="button secondary small danger-text"
          to={`${paths.user(user.portalUserId)}?revoke=1#confirm`}
        >
          Revoke…<span className="visually-hidden"> access of {user.name}</span>
        </Link>
      </div>
    </li>
  );
}

function Invitation({
  invitation,
  timeZone,
  customerId,
  busy,
}: {
  invitation: PortalAccessInvitation;
  timeZone: string;
  customerId: string;
  busy: boolean;
}) {
  const paths = portalPaths(customerId);
  const { status } = invitation;
  return (
    <li className="portal-entry">
      <p className="portal-entry-head">
        <span className={`badge ${invitationStatusTones[status]}`.trim()}>
          {invitationStatusNames[status]}
        </span>{" "}
        <strong className="break">{invitation.name || invitation.email}</strong>
        {invitation.name ? <span className="muted small block break">{invitation.email}</span> : null}
      </p>
      <p className="small">
        <span className="muted">Sees: </span>
        {accessWords(invitation)}
        <span className="muted"> · {languageNames[invitation.locale] ?? invitation.locale} email</span>
      </p>
      <p className="muted small portal-entry-meta">
        <span>
          Sent <When value={invitation.createdAt} timeZone={timeZone} />
          {invitation.invitedBy ? <> by {invitation.invitedBy}</> : null}
        </span>
        {invitation.sendCount > 1 && invitation.lastSentAt ? (
          <span>
            Sent {invitation.sendCount} times, last <When value={invitation.lastSentAt} timeZone={timeZone} />
          </span>
        ) : null}
        {status === "pending" ? (
          <span>
            Link valid until <When value={invitation.expiresAt} timeZone={timeZone} withTime />
          </span>
        ) : null}
        {status === "expired" ? (
          <span>
            Link expired <When value={invitation.expiresAt} timeZone={timeZone} />
          </span>
        ) : null}
        {status === "accepted" && invitation.acceptedAt ? (
          <span>
            Accepted <When value={invitation.acceptedAt} timeZone={timeZone} />
          </span>
        ) : null}
        {status === "withdrawn" && invitation.revokedAt ? (
          <span>
            Withdrawn <When value={invitation.revokedAt} timeZone={timeZone} />
          </span>
        ) : null}
      </p>
      {invitation.can.resend || invitation.can.withdraw ? (
        <div className="actions portal-entry-actions">
          {invitation.can.resend ? (
            <Form method="post" action={paths.invitation(invitation.id)}>
              <input type="hidden" name="intent" value="resend" />
              <button type="submit" className="button secondary small" disabled={busy}>
                Send again<span className="visually-hidden"> to {invitation.email}</span>
              </button>
            </Form>
          ) : null}
          {invitation.can.withdraw ? (
            <Link
              className="button secondary small danger-text"
              to={`?withdrawInvitation=${invitation.id}#confirm`}
              preventScrollReset
            >
              Withdraw…<span className="visually-hidden"> the invitation of {invitation.email}</span>
            </Link>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

export function PortalAccessPanel({ access }: { access: PortalAccess }) {
  const { timeZone } = useWorkspace();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const paths = portalPaths(access.customer.id);
  const busy = navigation.state === "submitting" && navigation.formAction?.includes("/portal/") === true;
  const notice = portalNotices[params.get("portal") ?? ""];
  const withdrawing = access.invitations.find(
    (invitation) => invitation.id === params.get("withdrawInvitation") && invitation.can.withdraw,
  );
  return (
    <section className="panel portal-access" id="portal" aria-labelledby="portal-title">
      <div className="panel-head">
        <h2 id="portal-title">Customer portal</h2>
        {access.customer.archived ? null : (
          <Link className="button secondary small" to={paths.invite}>
            Invite a contact person
          </Link>
        )}
      </div>
      {notice ? <Notice>{notice}</Notice> : null}
      {access.portalEnabled ? null : (
        <p className="portal-off small">
          The portal is switched off for this workspace. Invitations can be sent, but nobody can use the
          portal until a tenant admin switches it on in{" "}
          <Link to="/settings/workspace">Settings › Workspace</Link>.
        </p>
      )}
      {withdrawing ? (
        <ConfirmPanel
          title={`Withdraw the invitation of ${withdrawing.name || withdrawing.email}?`}
          cancelTo={paths.panel}
          form={(cancel) => (
            <Form method="post" action={paths.invitation(withdrawing.id)} className="actions">
              <input type="hidden" name="intent" value="withdraw" />
              <button type="submit" className="button danger" disabled={busy}>
                {busy ? "Withdrawing…" : "Withdraw invitation"}
              </button>
              {cancel}
            </Form>
          )}
        >
          <p>The link sent to {withdrawing.email} stops working at once. You can invite them again later.</p>
        </ConfirmPanel>
      ) : null}

      <h3 className="subhead">People with access</h3>
      {access.users.length === 0 ? (
        <p className="empty">
          Nobody sees this customer in the portal yet. Invite a contact person to share requests, appointments
          and published reports with them.
        </p>
      ) : (
        <ul className="portal-list" aria-label="People with portal access">
          {access.users.map((user) => (
            <Person key={user.portalUserId} user={user} timeZone={timeZone} customerId={access.customer.id} />
          ))}
        </ul>
      )}

      <h3 className="subhead">Invitations</h3>
      {access.invitations.length === 0 ? (
        <p className="muted small">No invitations sent for this customer yet.</p>
      ) : (
        <ul className="portal-list" aria-label="Portal invitations">
          {access.invitations.map((invitation) => (
            <Invitation
              key={invitation.id}
              invitation={invitation}
              timeZone={timeZone}
              customerId={access.customer.id}
              busy={busy}
            />
          ))}
        </ul>
      )}
      {access.moreInvitations ? (
        <p className="small">
          <Link to="?invitations=all#portal" preventScrollReset>
            Show all invitations
          </Link>
        </p>
      ) : null}
    </section>
  );
}

/** A link to invite a contact person, for tenant admins (the policy's portal_user.manage). */
export function InviteToPortalLink({
  customerId,
  contactPersonId,
}: {
  customerId: string;
  contactPersonId: string;
}) {
  const { allowed } = useWorkspace();
  if (!allowed.has("portal_user.manage")) return null;
  return (
    <Link className="button secondary" to={`${portalPaths(customerId).invite}?contact=${contactPersonId}`}>
      Invite to the customer portal…
    </Link>
  );
}
