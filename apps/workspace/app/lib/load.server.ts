// Kept while routes move to `~/lib/require.server` (the one way into a page); import from there.
export { load, text } from "./require.server";
