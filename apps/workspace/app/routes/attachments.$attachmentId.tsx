import { downloadHeaders } from "@ordinavo/api";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable, redirect } from "@remix-run/node";
import { uploadStatusParams } from "~/components/attachments/file-size";
import { idParam } from "~/components/customer-bits";
import { isUuid } from "~/lib/planning-time";
import { attempt, load, requireWorkspace, safeRedirect, text } from "~/lib/require.server";

// GET /attachments/:id — a file, downloaded (never shown inline: whatever it holds, the browser
// saves it), through the policy's check of who may see it. POST with intent=remove removes it
// (its uploader, while the owner still takes files).

export async function loader(args: LoaderFunctionArgs) {
  const attachmentId = idParam(args.params.attachmentId);
  const { api } = await requireWorkspace(args);
  const file = await load(args.request, () => api.attachments.open({ attachmentId, variant: "original" }));
  const body = await file.read();
  // The row is there but storage has no bytes for it (lost or not written yet).
  if (!body) throw new Response("Not found", { status: 404 });
  return new Response(createReadableStreamFromReadable(body), {
    status: 200,
    headers: downloadHeaders({ ...file, disposition: "attachment" }),
  });
}

export async function action(args: ActionFunctionArgs) {
  const attachmentId = idParam(args.params.attachmentId);
  const { api } = await requireWorkspace(args);
  const form = await args.request.formData();
  const wantsJson = (args.request.headers.get("accept") ?? "").includes("application/json");
  if (text(form, "intent") !== "remove")
    return Response.json({ ok: false, message: "Unknown action." }, { status: 400 });
  const returnTo = safeRedirect(text(form, "returnTo"), "/");
  const ownerId = text(form, "ownerId");

  const result = await attempt(() => api.attachments.remove({ attachmentId }));
  if (wantsJson) {
    return result.ok
      ? Response.json({ ok: true })
      : Response.json({ ok: false, message: result.errors.message }, { status: result.status });
  }
  const url = new URL(returnTo, "http://local.invalid");
  for (const name of uploadStatusParams) url.searchParams.delete(name);
  url.searchParams.set("files", result.ok ? "removed" : "not_allowed");
  if (isUuid(ownerId)) url.searchParams.set("filesFor", ownerId);
  return redirect(`${url.pathname}${url.search}`);
}
