import type { ActionFunctionArgs } from "@remix-run/node";
import {
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import type { UploadReply, UploadStatus } from "~/components/attachments/file-size";
import { attempt, load, requireWorkspace, safeRedirect, text } from "~/lib/require.server";

// POST /attachments/upload: one or more files for a report, an update or a task. The form of
// components/attachments/file-upload posts here. Each part is read into memory up to the file
// limit (the launcher caps the whole body first), then handed to `attachments.upload`, which
// reads the type from the bytes and stores them. Scripts (Accept: application/json) get JSON
// with field errors; a plain form post goes back to `returnTo` with `?files=<status>`.

const ownerTypes = ["visit_report", "mobile_update", "target"] as const;
type OwnerType = (typeof ownerTypes)[number];
const isOwnerType = (value: string): value is OwnerType => (ownerTypes as readonly string[]).includes(value);

/**
 * Browsers write a quote in a multipart file name as "%22" (and line breaks as %0A/%0D, which the
 * service strips anyway); the parser does not undo it, so it is undone here.
 */
const withSentName = (file: File) =>
  file.name.includes("%22") ? new File([file], file.name.replaceAll("%22", '"'), { type: file.type }) : file;

/** `returnTo` (a path of this site) with the status for the form of this owner. */
function back(returnTo: string, status: UploadStatus, ownerId: string) {
  const url = new URL(returnTo, "http://local.invalid");
  url.searchParams.set("files", status);
  url.searchParams.set("filesFor", ownerId);
  return `${url.pathname}${url.search}#upload-${ownerId}`;
}

export async function action(args: ActionFunctionArgs) {
  const { api } = await requireWorkspace(args);
  const wantsJson = (args.request.headers.get("accept") ?? "").includes("application/json");
  const limits = await load(args.request, () => api.attachments.limits());

  const answer = (
    status: UploadStatus,
    httpStatus: number,
    reply: UploadReply,
    form: { returnTo: string; ownerId: string },
  ) =>
    wantsJson
      ? Response.json(reply, { status: httpStatus })
      : redirect(back(form.returnTo, status, form.ownerId));

  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      args.request,
      unstable_createMemoryUploadHandler({
        maxPartSize: limits.maxFileBytes,
        // Text fields pass; of the files, only those of the "file" field are read.
        filter: ({ name, filename }) => filename === undefined || name === "file",
      }),
    );
  } catch (error) {
    if (!(error instanceof MaxPartSizeExceededError)) {
      return Response.json(
        { ok: false, message: "Send the files as a multipart form.", fields: {}, added: [] },
        { status: 400 },
      );
    }
    // The rest of the form was not read: go back to the page the request came from.
    const message = `Files can be at most ${Math.round(limits.maxFileBytes / 1024 / 1024)} MB.`;
    const from = safeRedirect(new URL(args.request.headers.get("referer") ?? "/", args.request.url).pathname);
    return wantsJson
      ? Response.json({ ok: false, message, fields: { file: [message] }, added: [] }, { status: 413 })
      : redirect(`${from}?files=too_large`);
  }

  const ownerType = text(form, "ownerType");
  const ownerId = text(form, "ownerId");
  const returnTo = safeRedirect(text(form, "returnTo"), "/");
  const where = { returnTo, ownerId };
  const files = form.getAll("file").filter((value): value is File => value instanceof File && value.size > 0);
  if (!isOwnerType(ownerType) || files.length === 0) {
    const message = files.length === 0 ? "Choose a file." : "Files go on reports, updates or tasks.";
    return answer("refused", 400, { ok: false, message, fields: { file: [message] }, added: [] }, where);
  }

  const added: { id: string; fileName: string }[] = [];
  for (const file of files) {
    const result = await attempt(() =>
      api.attachments.upload({ ownerType, ownerId, file: withSentName(file) }),
    );
    if (!result.ok) {
      const status: UploadStatus =
        result.status === 403 || result.status === 404
          ? "not_allowed"
          : file.size > limits.maxFileBytes
            ? "too_large"
            : "refused";
      return answer(status, result.status, { ok: false, ...result.errors, added }, where);
    }
    added.push({ id: result.value.id, fileName: result.value.fileName });
  }
  return answer("added", 200, { ok: true, added }, where);
}
