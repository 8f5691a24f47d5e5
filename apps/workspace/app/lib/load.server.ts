import { TRPCError } from "@trpc/server";
import { toSignIn } from "./api.server";

/**
 * Runs a query for a page loader. The API's refusals become responses the error boundaries know:
 * signed out → the sign-in page, FORBIDDEN → 403, NOT_FOUND → 404. Anything else is rethrown.
 */
export async function load<T>(request: Request, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof TRPCError) {
      if (error.code === "UNAUTHORIZED") toSignIn(request);
      if (error.code === "FORBIDDEN") throw new Response("Forbidden", { status: 403 });
      if (error.code === "NOT_FOUND") throw new Response("Not found", { status: 404 });
    }
    throw error;
  }
}

/** Text of a form field ("" when missing or a file). */
export function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}
