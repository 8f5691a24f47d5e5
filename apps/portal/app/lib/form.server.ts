// Kept for the sign-in pages while routes move to `~/lib/require.server`; import from there.
export { text } from "./require.server";
