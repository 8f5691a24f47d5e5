// Kept while routes move to `~/lib/require.server` (the one way into a page); import from there.
export { apiFor, attempt, cookieHeaders, type FormErrors, safeRedirect, toSignIn } from "./require.server";
