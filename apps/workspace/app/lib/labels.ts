import { nameOf, roleNames } from "@ordinavo/domain/labels";

// The staff-facing words live in @ordinavo/domain/labels; import them from there. These names are
// kept for the pages that still import them from here.

export {
  apiKeyScopeGroups as scopeGroups,
  apiKeyScopeNames as scopeNames,
  loginOutcomeNames,
  loginRealmNames as realmNames,
  priorityNames,
  roleNames,
  roleSummaries,
  securityEventNames,
} from "@ordinavo/domain/labels";

export function roleName(role: string): string {
  return nameOf(roleNames, role);
}
