import type { WorkspaceApi } from "~/lib/require.server";

// The customer portal panel's words and types (the workspace is English). Status names follow
// the invitation's life: pending → accepted, or expired / withdrawn.

export type PortalAccess = Awaited<ReturnType<WorkspaceApi["portalAccess"]["ofCustomer"]>>;
export type PortalAccessUser = PortalAccess["users"][number];
export type PortalAccessInvitation = PortalAccess["invitations"][number];

export const invitationStatusNames: Record<PortalAccessInvitation["status"], string> = {
  pending: "Pending",
  expired: "Expired",
  accepted: "Accepted",
  withdrawn: "Withdrawn",
};

export const invitationStatusTones: Record<PortalAccessInvitation["status"], string> = {
  pending: "warn",
  expired: "danger",
  accepted: "ok",
  withdrawn: "",
};

export const languageNames: Record<string, string> = { en: "English", fr: "French" };

/** The confirmations after a portal action, by the code in `?portal=`. */
export const portalNotices: Record<string, string> = {
  invited: "The invitation is on its way. The link works once, for 7 days.",
  resent: "The invitation was sent again with a new link. The earlier link no longer works.",
  withdrawn: "The invitation is withdrawn. Its link no longer works.",
  changed: "The portal access is changed. It applies from the person's next click in the portal.",
  unchanged: "Nothing changed: the person already had exactly this access.",
  revoked: "The portal access to this customer is revoked.",
  "revoked-signed-out":
    "The portal access is revoked. It was this person's last access, so they were signed out everywhere.",
};

/** "The whole customer" or "Tilleuls, Platanes". */
export function accessWords(entry: { access: "customer" | "locations"; locations: { name: string }[] }) {
  if (entry.access === "customer") return "The whole customer (all locations)";
  return entry.locations.map((location) => location.name).join(", ") || "Selected locations";
}

/** Where the panel and the pages about one customer's portal access live. */
export const portalPaths = (customerId: string) => {
  const customer = `/customers/${customerId}`;
  return {
    customer,
    panel: `${customer}#portal`,
    invite: `${customer}/portal/invite`,
    invitation: (invitationId: string) => `${customer}/portal/invitations/${invitationId}`,
    user: (portalUserId: string) => `${customer}/portal/users/${portalUserId}`,
    preview: (portalUserId: string) => `${customer}/portal-preview/${portalUserId}`,
    after: (notice: string) => `${customer}?portal=${notice}#portal`,
  };
};
