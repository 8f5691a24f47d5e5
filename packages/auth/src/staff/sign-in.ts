import { staffUsers } from "@ordinavo/db/schema";
import { eq } from "drizzle-orm";
import type { AuthContext } from "../context";
import type { SignInCandidate, SignInRealm } from "../sign-in";
import { enabledMemberships, findStaffUserByEmail } from "./accounts";

export interface StaffCandidate extends SignInCandidate {}

/** The staff realm's part of the shared sign-in: one global account per email. */
export function staffSignInRealm(ctx: AuthContext): SignInRealm<StaffCandidate> {
  return {
    realm: "staff",
    async lookup(email) {
      const user = await findStaffUserByEmail(ctx.db, email);
      if (!user) return [];
      const memberships = await enabledMemberships(ctx.db, user.id);
      return [
        {
          userId: user.id,
          tenantIds: memberships.map((membership) => membership.tenantId),
          passwordHash: user.passwordHash,
          disabled: user.disabledAt !== null,
        },
      ];
    },
    async storePasswordHash(candidate, passwordHash) {
      await ctx.db.update(staffUsers).set({ passwordHash }).where(eq(staffUsers.id, candidate.userId));
    },
  };
}
