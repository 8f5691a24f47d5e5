import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from "request-filtering-agent";

// One delivery attempt to a subscriber's URL. The guard against reaching into our own network sits
// in the connection: the address is checked after DNS resolution and before the socket connects
// (request-filtering-agent), so a name that resolves to a private address — at subscription time or
// only later (DNS rebinding) — is refused without a connection. Redirects are never followed; any
// answer but 2xx is a failure.

/** What the log keeps of an attempt: never the secret, the signature or the request body. */
export interface AttemptOutcome {
  ok: boolean;
  statusCode: number | null;
  durationMs: number;
  /** The first bytes of the receiver's answer, as text. */
  responseExcerpt: string | null;
  /** A short code, never free text from elsewhere: timeout, refused_address, network, http_<code>, insecure_url. */
  error: string | null;
  /** The receiver's Retry-After, in seconds, when it gave one. */
  retryAfterSeconds: number | null;
  /** 410 Gone: the receiver asks us to stop; the endpoint is disabled. */
  gone: boolean;
}

export interface SendOptions {
  url: string;
  headers: Record<string, string>;
  body: string;
  /** `WEBHOOK_ALLOW_PRIVATE=true`: development and tests may deliver to loopback and private hosts. */
  allowPrivate: boolean;
  /** Outside development only https URLs are delivered to. */
  requireHttps: boolean;
  timeoutMs?: number;
  /** Name resolution; tests pass their own to map a name to an address. */
  lookup?: LookupFunction;
  /** How much of the answer the log keeps. */
  excerptBytes?: number;
}

const TIMEOUT_MS = 15_000;
const EXCERPT_BYTES = 1024;
const IDLE_SOCKET_MS = 4_000;

type Agent = RequestFilteringHttpAgent | RequestFilteringHttpsAgent;

function newAgent(secure: boolean, allowPrivate: boolean, keepAlive: boolean): Agent {
  const options = {
    allowPrivateIPAddress: allowPrivate,
    allowMetaIPAddress: false,
    keepAlive,
    // Idle sockets close before a receiver's usual 5 s keep-alive ends, so a reused one is alive.
    timeout: keepAlive ? IDLE_SOCKET_MS : undefined,
    maxFreeSockets: 4,
  };
  return secure ? new RequestFilteringHttpsAgent(options) : new RequestFilteringHttpAgent(options);
}

const agents = new Map<string, Agent>();

/**
 * Keep-alive agents, one per kind (http/https × address rule): consecutive attempts to one endpoint
 * reuse its connection (pooled per host and port) instead of a new TCP and TLS handshake each.
 * The address check runs when a connection is made, so a reused socket was checked when it opened.
 */
function sharedAgent(secure: boolean, allowPrivate: boolean): Agent {
  const key = `${secure ? "https" : "http"}:${allowPrivate ? "private" : "public"}`;
  let agent = agents.get(key);
  if (!agent) {
    agent = newAgent(secure, allowPrivate, true);
    agents.set(key, agent);
  }
  return agent;
}

export function retryAfterSeconds(value: string | undefined, now: Date): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}

export function sendWebhook(options: SendOptions): Promise<AttemptOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const failure = (error: string, statusCode: number | null = null): AttemptOutcome => ({
    ok: false,
    statusCode,
    durationMs: elapsed(),
    responseExcerpt: null,
    error,
    retryAfterSeconds: null,
    gone: false,
  });

  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    return Promise.resolve(failure("invalid_url"));
  }
  const secure = url.protocol === "https:";
  if (!secure && (url.protocol !== "http:" || options.requireHttps)) {
    return Promise.resolve(failure("insecure_url"));
  }
  const shared = !options.lookup;
  const agent = shared
    ? sharedAgent(secure, options.allowPrivate)
    : newAgent(secure, options.allowPrivate, false);
  const send = secure ? https.request : http.request;
  const limit = options.excerptBytes ?? EXCERPT_BYTES;

  return new Promise<AttemptOutcome>((resolve) => {
    let settled = false;
    const finish = (outcome: AttemptOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (!shared) agent.destroy();
      resolve(outcome);
    };
    const request = send(url, {
      method: "POST",
      agent,
      lookup: options.lookup,
      headers: {
        ...options.headers,
        "content-type": "application/json",
        "content-length": Buffer.byteLength(options.body).toString(),
        "user-agent": "Ordinavo-Webhooks/1",
      },
    });
    const timer = setTimeout(() => {
      request.destroy();
      finish(failure("timeout"));
    }, options.timeoutMs ?? TIMEOUT_MS);

    request.on("error", (error: NodeJS.ErrnoException) => {
      const refused = /is not allowed/.test(error.message);
      finish(failure(refused ? "refused_address" : "network"));
    });
    request.on("response", (response) => {
      const status = response.statusCode ?? 0;
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () => {
        const ok = status >= 200 && status < 300;
        finish({
          ok,
          statusCode: status,
          durationMs: elapsed(),
          responseExcerpt: chunks.length ? Buffer.concat(chunks).subarray(0, limit).toString("utf8") : null,
          error: ok ? null : `http_${status}`,
          retryAfterSeconds: ok ? null : retryAfterSeconds(response.headers["retry-after"], new Date()),
          gone: status === 410,
        });
      };
      response.on("data", (chunk: Buffer) => {
        if (size < limit) chunks.push(chunk);
        size += chunk.length;
        // Enough for the log: stop reading a large answer.
        if (size >= limit) {
          done();
          response.destroy();
        }
      });
      response.on("end", done);
      response.on("error", done);
    });
    request.end(options.body);
  });
}
