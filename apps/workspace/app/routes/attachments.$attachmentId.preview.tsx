import { downloadHeaders } from "@ordinavo/api";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { idParam } from "~/components/customer-bits";
import { load, requireWorkspace } from "~/lib/require.server";

// GET /attachments/:id/preview — the small webp preview of an image, shown inline in lists
// (<img>). The same check as the download; the preview is an image we made ourselves.

export async function loader(args: LoaderFunctionArgs) {
  const attachmentId = idParam(args.params.attachmentId);
  const { api } = await requireWorkspace(args);
  const file = await load(args.request, () => api.attachments.open({ attachmentId, variant: "preview" }));
  const body = await file.read();
  // The row is there but storage has no bytes for it (lost or not written yet).
  if (!body) throw new Response("Not found", { status: 404 });
  return new Response(createReadableStreamFromReadable(body), {
    status: 200,
    headers: downloadHeaders({ ...file, disposition: "inline" }),
  });
}
