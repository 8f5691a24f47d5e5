import { downloadHeaders } from "@ordinavo/api";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { load, requirePortal } from "~/lib/require.server";

// GET /requests/:requestId/files/:fileId — a file sent with a request, for everyone who sees the
// request: downloaded (never shown inline), or `?variant=preview` for an image's small webp
// preview, which we made. Anything outside the contact's grants is 404, like a missing file.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function loader(args: LoaderFunctionArgs) {
  const portalRequestId = args.params.requestId ?? "";
  const attachmentId = args.params.fileId ?? "";
  if (!UUID.test(portalRequestId) || !UUID.test(attachmentId))
    throw new Response("Not found", { status: 404 });
  const variant =
    new URL(args.request.url).searchParams.get("variant") === "preview" ? "preview" : "original";
  const { api } = await requirePortal(args);
  const file = await load(args.request, () =>
    api.requests.openFile({ portalRequestId, attachmentId, variant }),
  );
  const headers = downloadHeaders({ ...file, disposition: variant === "preview" ? "inline" : "attachment" });
  // A HEAD request asks about the file without taking it: no bytes opened, no download recorded.
  if (args.request.method === "HEAD") return new Response(null, { status: 200, headers });
  const body = await file.read();
  if (!body) throw new Response("Not found", { status: 404 });
  return new Response(createReadableStreamFromReadable(body), { status: 200, headers });
}
