// Kept for the sign-in pages while routes move to `~/lib/require.server`; import from there.
export { apiFor, attempt, cookieHeaders, type FormErrors, safeRedirect, toSignIn } from "./require.server";
