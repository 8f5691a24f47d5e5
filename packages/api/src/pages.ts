import { attempt, type FormErrors, signInPath } from "./forms";

// What a page of either app needs around the API: read once per request, turn a refusal into the
// page's answer, send signed-out visitors to sign-in. Plain web Requests and Responses, so both
// Remix apps share it; each app only names its realm (apps/*/app/lib/require.server.ts).

/** Sends a signed-out visitor to the sign-in page, remembering where they wanted to go. */
export function toSignIn(request: Request): never {
  throw new Response(null, { status: 302, headers: { Location: signInPath(request) } });
}

/** Turns a refusal from `attempt()` into the page's answer (see `load`). */
export function refuse(request: Request, refusal: { status: number; errors: FormErrors }): never {
  if (refusal.status === 401) toSignIn(request);
  throw new Response(refusal.errors.message, { status: refusal.status });
}

/**
 * Runs a read a page cannot do without: `attempt()` whose refusal becomes the page's answer —
 * signed out → the sign-in page, otherwise a Response with the API's status (403, 404, 400…)
 * for the error boundary. Internal errors are rethrown by `attempt()` as they are.
 */
export async function load<T>(request: Request, work: () => Promise<T>): Promise<T> {
  const result = await attempt(work);
  if (!result.ok) refuse(request, result);
  return result.value;
}

/** Text of a form field ("" when missing or a file). */
export function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

/**
 * Opens something once per HTTP request, however many loaders of a page ask for it. Remix gives
 * every loader of a page its own copy of the Request but one load context per HTTP request, so the
 * context is the key; the cookie header is kept beside it, so a context reused across requests
 * misses rather than leaks. An action (not GET or HEAD) always opens afresh and drops the shared
 * one, so the loaders that run after it see what it changed. A failure (a redirect to sign-in) is
 * not kept: it reaches every loader that awaited it.
 */
export function oncePerRequest<T>(open: (request: Request, context: object) => Promise<T>) {
  const opened = new WeakMap<object, { cookie: string; value: Promise<T> }>();
  return (request: Request, context: object): Promise<T> => {
    const cookie = request.headers.get("cookie") ?? "";
    if (request.method !== "GET" && request.method !== "HEAD") {
      opened.delete(context);
      return open(request, context);
    }
    const known = opened.get(context);
    if (known && known.cookie === cookie) return known.value;
    const entry = { cookie, value: open(request, context) };
    opened.set(context, entry);
    entry.value.catch(() => {
      if (opened.get(context) === entry) opened.delete(context);
    });
    return entry.value;
  };
}
