import { withSystem } from "@ordinavo/db";
import { portalUsers } from "@ordinavo/db/schema";
import { eq } from "drizzle-orm";
import type { AuthContext } from "../context";
import { recordSecurityEvents } from "../events";
import type { SignInCandidate, SignInRealm } from "../sign-in";
import { findPortalUsersByEmail } from "./accounts";
import { activeGrants } from "./session-adapter";

export interface PortalCandidate extends SignInCandidate {
  tenantId: string;
}

/**
 * The portal realm's part of the shared sign-in. One email may have accounts in several tenants;
 * they are tried newest first and the first whose password matches, which is enabled and still
 * holds a grant, is signed in. So with the same password in two tenants the most recently created
 * account wins; with different passwords, the password decides.
 */
export function portalSignInRealm(ctx: AuthContext): SignInRealm<PortalCandidate> {
  return {
    realm: "portal",
    async lookup(email) {
      const users = await findPortalUsersByEmail(ctx.db, email);
      return users.map((user) => ({
        userId: user.id,
        tenantId: user.tenantId,
        tenantIds: [user.tenantId],
        passwordHash: user.passwordHash,
        disabled: user.disabledAt !== null,
      }));
    },
    async eligible(candidate) {
      return (await activeGrants(ctx.db, candidate.tenantId, candidate.userId)).length > 0;
    },
    async storePasswordHash(candidate, passwordHash) {
      await withSystem(ctx.db, (tx) =>
        tx.update(portalUsers).set({ passwordHash }).where(eq(portalUsers.id, candidate.userId)),
      );
    },
    async onFailure(candidates, clientAddress) {
      if (candidates.length === 0) return;
      const at = ctx.clock();
      await withSystem(ctx.db, (tx) =>
        recordSecurityEvents(
          tx,
          candidates.map((candidate) => ({
            tenantId: candidate.tenantId,
            kind: "sign_in_failed" as const,
            subjectUserId: candidate.userId,
            clientAddress,
            at,
          })),
        ),
      );
    },
  };
}
