import type { Auth } from "@ordinavo/auth";
import { isLoopbackAddress, isSameOrigin } from "@ordinavo/auth";
import type { Database } from "@ordinavo/db";
import type { FileStore } from "@ordinavo/files";

/** What the launcher hands the API: shared, created once per process. */
export interface ApiServices {
  db: Database;
  auth: Auth;
  /** Builds absolute links for mails (invitations, password resets) per app. */
  links: { workspace: (path: string) => string; portal: (path: string) => string };
  /** Origins whose forms and scripts may change state in each cookie realm. */
  origins: { workspace: string[]; portal: string[] };
  /**
   * The launcher kept mails in the development mailbox and allows reading them at /dev/mail:
   * only in development, when asked for, without SMTP, on loopback http:// addresses. Each
   * request must still come from this machine (see `fromThisMachine`).
   */
  devMailbox: boolean;
  /**
   * Where uploaded files are kept (the data directory, or S3 with STORAGE_URL). Left out (scripts,
   * tests that touch no files), storing or reading a file is refused with "File storage is not
   * configured." (`noFileStore`); nothing else needs it.
   */
  files?: FileStore;
  /**
   * Where unexpected failures are reported (procedure path and error facts, never messages).
   * The launcher's log; tests may leave it out.
   */
  log?: ApiLog;
}

/** One structured line per event: a message and facts, never free text. */
export interface ApiLog {
  warn(message: string, facts?: Record<string, unknown>): void;
  error(message: string, facts?: Record<string, unknown>): void;
}

/** Facts about the HTTP request that the API may record (throttling, login events). */
export interface RequestFacts {
  clientAddress: string | null;
  userAgent: string | null;
  /** The request came from one of the realm's own origins (checked before any mutation). */
  sameOrigin: boolean;
  /** The host the client asked for: the Host header and the request URL's host name. */
  host?: { header: string | null; url: string };
  /** A proxy passed the request on (Forwarded, X-Forwarded-*, X-Real-IP headers present). */
  forwarded?: boolean;
}

const proxyHeaders = ["forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-real-ip"];

export function requestFacts(
  request: Request,
  origins: string[],
  clientAddress: string | null = null,
): RequestFacts {
  return {
    clientAddress,
    userAgent: request.headers.get("user-agent")?.slice(0, 300) ?? null,
    sameOrigin: isSameOrigin(request, origins),
    host: { header: request.headers.get("host"), url: new URL(request.url).hostname },
    forwarded: proxyHeaders.some((name) => request.headers.has(name)),
  };
}

/** A host name (or host:port) of this machine: localhost, 127.x.y.z or [::1]. */
export function isLoopbackHost(host: string | null): boolean {
  if (!host) return false;
  const value = host.trim().toLowerCase();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  // "[::1]:3000" and "[::1]"; otherwise one colon at most, before the port.
  const name = bracketed ? bracketed[1]! : value.replace(/:\d+$/, "");
  return name === "localhost" || isLoopbackAddress(name);
}

/**
 * The request was made on this machine, to this machine: a loopback caller, loopback Host header
 * and URL, and no proxy in between (a proxy on the same machine would make strangers look local).
 */
export function fromThisMachine(facts: RequestFacts): boolean {
  return (
    isLoopbackAddress(facts.clientAddress) &&
    isLoopbackHost(facts.host?.header ?? null) &&
    isLoopbackHost(facts.host?.url ?? null) &&
    facts.forwarded === false
  );
}

/** Reads one cookie from a Cookie header. */
export function readCookie(request: Request, name: string): string | null {
  const header = request.headers.get("cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const index = part.indexOf("=");
    if (index > 0 && part.slice(0, index).trim() === name)
      return decodeURIComponent(part.slice(index + 1).trim());
  }
  return null;
}
