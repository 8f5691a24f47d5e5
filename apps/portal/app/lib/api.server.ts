import { portalCaller, signInPath } from "@ordinavo/api";

export { attempt, cookieHeaders, type FormErrors, safeRedirect } from "@ordinavo/api";

import type { AppLoadContext } from "@remix-run/node";
import { redirect } from "@remix-run/node";

interface Args {
  request: Request;
  context: AppLoadContext;
}

/**
 * The one way routes reach data: the portal tRPC procedures through a server-side caller, with the
 * same session, origin check and policy as an HTTP call.
 */
export function apiFor({ request, context }: Args) {
  return portalCaller({ services: context.services.api, request, clientAddress: context.clientAddress });
}

/** Sends a signed-out visitor to the sign-in page, remembering where they wanted to go. */
export function toSignIn(request: Request): never {
  throw redirect(signInPath(request));
}
