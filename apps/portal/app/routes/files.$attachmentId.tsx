import { downloadHeaders } from "@ordinavo/api";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { load, requirePortal } from "~/lib/require.server";

// GET /files/:id — a released file of a published report, downloaded (never shown inline), through
// the portal's own check (grant, publication, release, the tenant's file setting); anything else is
// 404, like a file that does not exist. Opening the bytes records the download as a security event.
// There are no public or pre-signed links: every download comes through here.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function loader(args: LoaderFunctionArgs) {
  const attachmentId = args.params.attachmentId ?? "";
  if (!UUID.test(attachmentId)) throw new Response("Not found", { status: 404 });
  const { api } = await requirePortal(args);
  const file = await load(args.request, () => api.reports.openFile({ attachmentId }));
  const headers = downloadHeaders({ ...file, disposition: "attachment" });
  // A HEAD request asks about the file without taking it: no bytes opened, no download recorded.
  if (args.request.method === "HEAD") return new Response(null, { status: 200, headers });
  const body = await file.read();
  // The row is there but storage has no bytes for it (lost or not written yet).
  if (!body) throw new Response("Not found", { status: 404 });
  return new Response(createReadableStreamFromReadable(body), { status: 200, headers });
}
