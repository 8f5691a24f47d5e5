import { portalCaller } from "./callers";
import { type ApiHarness, PORTAL, request, TEST_PASSWORD } from "./test-support";

// Signed-in portal callers for integration tests: one sign-in per contact, then a fresh caller for
// every call, as each HTTP request would get. Portal users built with `buildPortalUser(db, {
// password: TEST_PASSWORD, … })` sign in here.

export type PortalApi = Awaited<ReturnType<typeof portalCaller>>["api"];

const sessions = new WeakMap<ApiHarness, Map<string, string>>();

/** The session cookie of a contact (signing in the first time). */
export async function portalCookie(h: ApiHarness, email: string): Promise<string> {
  const known = sessions.get(h) ?? new Map<string, string>();
  sessions.set(h, known);
  let cookie = known.get(email);
  if (!cookie) {
    const signIn = await portalCaller({ services: h.services, request: request(PORTAL) });
    await signIn.api.auth.signIn({ email, password: TEST_PASSWORD });
    cookie = signIn.cookies[0]!.split(";")[0]!;
    known.set(email, cookie);
  }
  return cookie;
}

/** A portal API signed in as this contact; every call gets its own caller. */
export async function portalAs(h: ApiHarness, email: string): Promise<PortalApi> {
  const cookie = await portalCookie(h, email);
  return callerProxy(
    async () => (await portalCaller({ services: h.services, request: request(PORTAL, cookie) })).api,
  );
}

/** A portal API with nobody signed in. */
export function anonymousPortal(h: ApiHarness): PortalApi {
  return callerProxy(
    async () => (await portalCaller({ services: h.services, request: request(PORTAL) })).api,
  );
}

/** A proxy whose `a.b.c(input)` makes a new caller and calls the procedure at that path. */
function callerProxy(make: () => Promise<PortalApi>): PortalApi {
  const at = (path: string[]): unknown =>
    new Proxy(() => {}, {
      get(_target, key) {
        // Not a promise: `await portalAs(...)` must not look for a `then` procedure.
        if (key === "then" || typeof key === "symbol") return undefined;
        return at([...path, key]);
      },
      async apply(_target, _this, args: unknown[]) {
        const api = await make();
        const fn = path.reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], api);
        return (fn as (input?: unknown) => Promise<unknown>)(args[0]);
      },
    });
  return at([]) as PortalApi;
}

/** Calls the procedure at a dotted path ("timeline.list") with an input. */
export function callPath(api: PortalApi, path: string, input: unknown): Promise<unknown> {
  const fn = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], api);
  return (fn as (input: unknown) => Promise<unknown>)(input);
}
