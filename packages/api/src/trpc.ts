import type { Action } from "@ordinavo/policy";
import { initTRPC } from "@trpc/server";
import superjson from "superjson";
import { AppError, describeError, toTRPCError } from "./errors";

/**
 * Every procedure declares who may call it: nobody in particular ("public"), anyone signed in to
 * the realm ("signed_in"), or holders of one policy action. The enumeration test reads this.
 */
export type Access = "public" | "signed_in" | Action;
export interface Meta {
  access: Access;
}

/** Builds one realm's tRPC instance. The realms share the error shape, nothing else. */
export function createRealm<Context extends object>(options: { checkOrigin?: boolean } = {}) {
  const t = initTRPC
    .context<Context>()
    .meta<Meta>()
    .create({
      transformer: superjson,
      isDev: false,
      errorFormatter({ shape, error }) {
        const { message, data } = describeError(error);
        return { code: shape.code, message, data: { ...data, path: shape.data.path } };
      },
    });
  /**
   * The first step of every procedure. Cookie realms refuse mutations from other sites (CSRF)
   * before any procedure code runs, so nothing changes; and AppErrors thrown anywhere below become
   * tRPC errors with the mapped code.
   */
  const base = t.procedure.use(async ({ ctx, type, next }) => {
    const facts = (ctx as { request?: { sameOrigin?: boolean } }).request;
    if (options.checkOrigin && type === "mutation" && !facts?.sameOrigin) {
      throw toTRPCError(new AppError("FORBIDDEN", "This request did not come from this site."));
    }
    const result = await next();
    if (!result.ok && result.error.cause instanceof AppError) throw toTRPCError(result.error.cause);
    return result;
  });
  return { t, base };
}
