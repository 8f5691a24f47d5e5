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
  METHOD_NOT_ALLOWED: { trpc: "METHOD_NOT_SUPPORTED", http: 405 },
  PAYLOAD_TOO_LARGE: { trpc: "PAYLOAD_TOO_LARGE", http: 413 },
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

const trpcToApp = {
  ...Object.fromEntries(Object.entries(appErrorCodes).map(([app, { trpc }]) => [trpc, app as AppErrorCode])),
  // tRPC's own refusals of a request it cannot read are the caller's mistake too.
  PARSE_ERROR: "VALIDATION",
  UNPROCESSABLE_CONTENT: "VALIDATION",
  UNSUPPORTED_MEDIA_TYPE: "VALIDATION",
} as Partial<Record<TRPC_ERROR_CODE_KEY, AppErrorCode>>;

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
  const message = messageFor(code, error);
  return { message, data: { code, httpStatus: appErrorCodes[code].http } };
}

/** tRPC's own messages name internals (paths, parser errors); ours say what to do. */
function messageFor(code: AppErrorCode, error: TRPCError): string {
  switch (code) {
    case "INTERNAL":
      return "Something went wrong on our side. Please try again.";
    case "METHOD_NOT_ALLOWED":
      return "This method is not allowed here: read with GET, change with POST.";
    case "PAYLOAD_TOO_LARGE":
      return "The request is too large.";
    case "VALIDATION":
      return error.code === "BAD_REQUEST" ? error.message : "The request could not be read.";
    default:
      return error.message;
  }
}

/**
 * The SQLSTATE of a data exception (class 22: a malformed uuid or timestamp, a date out of range,
 * a NUL byte in text) somewhere along an error's causes. Such a value came from the caller and
 * slipped past an input schema.
 */
export function dataExceptionCode(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current && typeof current === "object"; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && /^22[0-9A-Z]{3}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}
