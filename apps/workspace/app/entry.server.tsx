import { NonceProvider } from "@ordinavo/ui";
import { pageHtmlStream } from "@ordinavo/ui/server";
import type { ActionFunctionArgs, AppLoadContext, EntryContext, LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";

const ABORT_DELAY = 5_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // The launcher's nonce for this response's Content-Security-Policy; the root's <Scripts> reads
  // it through useNonce(), and React puts it on the scripts it streams.
  const nonce = loadContext.cspNonce;
  // Bots and no-JS clients get the whole document at once; browsers get it streamed.
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = pageHtmlStream();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Log that rendering failed, not what the error says (it may quote data).
          if (shellRendered)
            console.error("Rendering failed", error instanceof Error ? error.name : "unknown");
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

/**
 * Errors thrown by loaders and actions. Remix would print the whole error — for a database error
 * its SQL and parameters, which may hold what someone typed. The launcher's log keeps the
 * error's kind, code and constraint only, and the path shows route parameters by name (a reset
 * token in the URL stays out of the log).
 */
export function handleError(
  error: unknown,
  { request, params, context }: LoaderFunctionArgs | ActionFunctionArgs,
) {
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error) && error.status < 500) return;
  let path = new URL(request.url).pathname;
  for (const [name, value] of Object.entries(params)) {
    if (value) path = path.split(value).join(`:${name}`);
  }
  const log = context.services?.log;
  if (log) log.error("Request failed", { method: request.method, path, error });
  else console.error("Request failed", error instanceof Error ? error.name : typeof error);
}
