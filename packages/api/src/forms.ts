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

/** Only local paths are followed after sign-in (no open redirects). */
export function safeRedirect(target: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (
    typeof target !== "string" ||
    !target.startsWith("/") ||
    target.startsWith("//") ||
    target.startsWith("/\\")
  ) {
    return fallback;
  }
  return target;
}

/** Where a signed-out visitor goes: the sign-in page, remembering the page they wanted. */
export function signInPath(request: Request): string {
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  return back === "/" ? "/login" : `/login?redirectTo=${encodeURIComponent(back)}`;
}
