import type { ApiKeyScope, Priority, StaffRole } from "@ordinavo/domain/vocabulary";

// Staff-facing words for the identity screens, in one place.

export const priorityNames: Record<Priority, string> = {
  low: "Low",
  normal: "Normal",
  high: "High",
  urgent: "Urgent",
};

export const roleNames: Record<StaffRole, string> = {
  tenant_admin: "Tenant admin",
  manager: "Manager",
  dispatcher: "Dispatcher",
  employee: "Employee",
};

/** One line on what each role may do, shown beside the role picker. */
export const roleSummaries: Record<StaffRole, string> = {
  tenant_admin: "Everything, including users, API keys and workspace settings.",
  manager: "All customers and work, visit report approval, internal notes.",
  dispatcher: "Planning: customers, targets, appointments and routes.",
  employee: "Their own assigned appointments and visit reports.",
};

export function roleName(role: string): string {
  return roleNames[role as StaffRole] ?? role;
}

export const scopeNames: Record<ApiKeyScope, string> = {
  "customers:read": "Read customers",
  "customers:write": "Create and update customers",
  "locations:read": "Read locations",
  "locations:write": "Create and update locations",
  "contacts:read": "Read contact persons (when the workspace shares contact details)",
  "targets:read": "Read targets",
  "targets:write": "Create and update targets",
  "appointments:read": "Read appointments",
  "visit_reports:read": "Read visit reports",
  "imports:write": "Run imports",
};

/** Scopes grouped the way an integrator thinks about them. */
export const scopeGroups: { title: string; scopes: ApiKeyScope[] }[] = [
  {
    title: "Customer data",
    scopes: ["customers:read", "customers:write", "locations:read", "locations:write", "contacts:read"],
  },
  { title: "Work", scopes: ["targets:read", "targets:write", "appointments:read", "visit_reports:read"] },
  { title: "Bulk data", scopes: ["imports:write"] },
];

export const loginOutcomeNames: Record<string, string> = {
  success: "Signed in",
  failure: "Failed",
  lockout: "Locked out",
};

export const realmNames: Record<string, string> = {
  staff: "Workspace",
  portal: "Portal",
};

export const securityEventNames: Record<string, string> = {
  sign_in_failed: "Sign-in failed",
  password_changed: "Password changed",
  password_reset_requested: "Password reset requested",
  session_revoked: "Sessions ended",
  grant_revoked: "Access revoked",
  invitation_accepted: "Invitation accepted",
};
