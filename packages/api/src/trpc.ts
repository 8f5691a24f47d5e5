import { errorFacts } from "@ordinavo/auth";
import type { Action } from "@ordinavo/policy";
import { initTRPC } from "@trpc/server";
import superjson from "superjson";
import type { ApiLog } from "./context";
import { AppError, dataExceptionCode, describeError, toTRPCError } from "./errors";

/**
 * Every procedure declares who may call it: nobody in particular ("public"), anyone signed in to
 * the realm ("signed_in"), or holders of one policy action. The enumeration test reads this.
 */
export type Access = "public" | "signed_in" | Action;
export interface Meta {
  access: Access;
}

/** Failures already logged with their procedure path (the HTTP handler does not log them again). */
export const loggedFailures = new WeakSet<object>();

const NUL_MESSAGE = "This text contains a NUL character (\\0), which cannot be stored. Remove it.";

/**
 * The path of the first text in an input that holds a NUL character ("body", "stops.2.note"), or
 * null. PostgreSQL cannot store NUL in text, so such input is always a mistake; it is refused
 * here, for every procedure, before any input schema or query runs.
 */
export function nulPath(value: unknown, path: (string | number)[] = [], depth = 0): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? path.join(".") || "input" : null;
  if (depth > 10 || value === null || typeof value !== "object") return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < Math.min(value.length, 10_000); i++) {
      const found = nulPath(value[i], [...path, i], depth + 1);
      if (found) return found;
    }
    return null;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return null;
  for (const [key, item] of Object.entries(value)) {
    const found = nulPath(item, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
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
   * before any procedure code runs, so nothing changes; text with NUL characters is refused by
   * its field; AppErrors thrown anywhere below become tRPC errors with the mapped code. A value
   * the database refuses as malformed (class 22) is the caller's mistake: a 400, logged as a
   * warning so the missing check gets added. Anything else unexpected is logged with the
   * procedure path and the error's facts — never its message, SQL or parameters.
   */
  const base = t.procedure.use(async ({ ctx, type, path, getRawInput, next }) => {
    const facts = (ctx as { request?: { sameOrigin?: boolean } }).request;
    if (options.checkOrigin && type === "mutation" && !facts?.sameOrigin) {
      throw toTRPCError(new AppError("FORBIDDEN", "This request did not come from this site."));
    }
    const withNul = nulPath(await getRawInput());
    if (withNul) throw toTRPCError(AppError.field(withNul, NUL_MESSAGE));
    const result = await next();
    if (result.ok) return result;
    const error = result.error;
    if (error.cause instanceof AppError) throw toTRPCError(error.cause);
    if (error.code !== "INTERNAL_SERVER_ERROR") return result;
    const log = (ctx as { services?: { log?: ApiLog } }).services?.log;
    const sqlState = dataExceptionCode(error);
    if (sqlState) {
      log?.warn("Procedure input refused by the database", { path, type, ...errorFacts(error) });
      throw toTRPCError(
        new AppError(
          "VALIDATION",
          "Some of the values given cannot be used. Check dates, numbers and texts.",
        ),
      );
    }
    log?.error("Procedure failed", { path, type, ...errorFacts(error) });
    loggedFailures.add(error);
    return result;
  });
  return { t, base };
}
