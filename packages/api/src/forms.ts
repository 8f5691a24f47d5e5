import { TRPCError } from "@trpc/server";
import { describeError } from "./errors";

// Helpers for the apps' form actions and loaders, shared by the workspace and the portal.

export type FormErrors = { message: string; fields: Record<string, string[]> };

/**
 * Runs a procedure for a form action. Refusals come back as form errors (a message and messages by
 * field) with their HTTP status; anything unexpected is rethrown to the error boundary.
 */
export async function attempt<T>(
  work: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; status: number; errors: FormErrors }> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (!(error instanceof TRPCError) || error.code === "INTERNAL_SERVER_ERROR") throw error;
    const { message, data } = describeError(error);
    return { ok: false, status: data.httpStatus, errors: { message, fields: data.fieldErrors ?? {} } };
  }
}

/** Response headers that carry the cookies procedures set (sign-in, sign-out). */
export function cookieHeaders(cookies: string[], init: HeadersInit = {}): Headers {
  const headers = new Headers(init);
  for (const cookie of cookies) headers.append("set-cookie", cookie);
  return headers;
}

/** A base no request can come from: only what resolves to it counts as a path of this site. */
const localBase = new URL("http://redirect.invalid");

/**
 * Only paths of this site are followed after sign-in (no open redirects). The target is judged as
 * the browser would read it: the URL parser drops tabs and newlines and turns backslashes into
 * slashes, so "/<TAB>/evil.example" or "/\\evil" name another host. What comes back is the parsed
 * path, query and fragment, never something that a browser could read as "//host".
 */
export function safeRedirect(target: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof target !== "string" || target.length > 2000 || !target.startsWith("/")) return fallback;
  // Control characters (tab, newline, NUL...) have no business in a path we wrote ourselves.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: they are what is refused here
  if (/[\u0000-\u001f\u007f]/.test(target)) return fallback;
  let url: URL;
  try {
    url = new URL(target, localBase);
  } catch {
    return fallback;
  }
  if (url.origin !== localBase.origin) return fallback;
  const path = url.pathname + url.search + url.hash;
  // "/.//evil.example" parses to the path "//evil.example", which a browser reads as a host.
  if (path.startsWith("//") || path.startsWith("/\\")) return fallback;
  return path;
}

/** Where a signed-out visitor goes: the sign-in page, remembering the page they wanted. */
export function signInPath(request: Request): string {
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  return back === "/" ? "/login" : `/login?redirectTo=${encodeURIComponent(back)}`;
}
