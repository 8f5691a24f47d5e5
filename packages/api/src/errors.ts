import { fieldErrors } from "@ordinavo/domain";
import { TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import { ZodError } from "zod";

/**
 * The one error vocabulary of the API, and its mapping to tRPC codes and HTTP statuses. Services
 * throw AppError; everything else that escapes becomes INTERNAL and says nothing about itself.
 */
export const appErrorCodes = {
  UNAUTHENTICATED: { trpc: "UNAUTHORIZED", http: 401 },
  FORBIDDEN: { trpc: "FORBIDDEN", http: 403 },
  NOT_FOUND: { trpc: "NOT_FOUND", http: 404 },
  VALIDATION: { trpc: "BAD_REQUEST", http: 400 },
  CONFLICT: { trpc: "CONFLICT", http: 409 },
  RATE_LIMITED: { trpc: "TOO_MANY_REQUESTS", http: 429 },
  INTERNAL: { trpc: "INTERNAL_SERVER_ERROR", http: 500 },
} as const satisfies Record<string, { trpc: TRPC_ERROR_CODE_KEY; http: number }>;

export type AppErrorCode = keyof typeof appErrorCodes;

export class AppError extends Error {
  override readonly name = "AppError";
  constructor(
    readonly code: AppErrorCode,
    message: string,
    /** Messages by field path ("email", "grants.0.locationId"), shown next to form fields. */
    readonly fields?: Record<string, string[]>,
  ) {
    super(message);
  }

  /** Another tenant's or customer's object looks exactly like a missing one. */
  static notFound(what = "This item") {
    return new AppError("NOT_FOUND", `${what} does not exist or you cannot see it.`);
  }

  static field(path: string, message: string) {
    return new AppError("VALIDATION", message, { [path]: [message] });
  }
}

export function toTRPCError(error: AppError): TRPCError {
  return new TRPCError({ code: appErrorCodes[error.code].trpc, message: error.message, cause: error });
}

const trpcToApp = Object.fromEntries(
  Object.entries(appErrorCodes).map(([app, { trpc }]) => [trpc, app as AppErrorCode]),
) as Partial<Record<TRPC_ERROR_CODE_KEY, AppErrorCode>>;

export interface ErrorData {
  code: AppErrorCode;
  httpStatus: number;
  fieldErrors?: Record<string, string[]>;
}

/**
 * What a client learns about an error: the app code, the HTTP status, field messages for
 * validation problems, and a message — a generic one for anything unexpected. Never a stack.
 */
export function describeError(error: TRPCError): { message: string; data: ErrorData } {
  const cause = error.cause;
  if (cause instanceof AppError) {
    return {
      message: cause.message,
      data: { code: cause.code, httpStatus: appErrorCodes[cause.code].http, fieldErrors: cause.fields },
    };
  }
  if (cause instanceof ZodError) {
    return {
      message: "Some fields need attention.",
      data: { code: "VALIDATION", httpStatus: 400, fieldErrors: fieldErrors(cause) },
    };
  }
  const code = trpcToApp[error.code] ?? "INTERNAL";
  const message = code === "INTERNAL" ? "Something went wrong on our side. Please try again." : error.message;
  return { message, data: { code, httpStatus: appErrorCodes[code].http } };
}
