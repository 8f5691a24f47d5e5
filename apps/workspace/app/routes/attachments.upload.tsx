import type { ActionFunctionArgs } from "@remix-run/node";
import {
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { type UploadReply, type UploadStatus, uploadStatusParams } from "~/components/attachments/file-size";
import { isUuid } from "~/lib/planning-time";
import { attempt, load, requireWorkspace, safeRedirect, text } from "~/lib/require.server";

// POST /attachments/upload: one or more files for a report, an update or a task. The form of
// components/attachments/file-upload posts here, naming its owner and page in the action URL's
// query (`?ownerType=…&ownerId=…&returnTo=…`), so they are known even when the body cannot be
// read. Each part is read into memory up to the file limit (the launcher caps the whole body
// first), then handed to `attachments.upload`, which reads the type from the bytes and stores
// them. Scripts (Accept: application/json) get JSON with field errors; a plain form post goes back
// to `returnTo` with its outcome in the query (see `uploadStatusParams`).

/**
 * Browsers write a quote in a multipart file name as "%22" (and line breaks as %0A/%0D, which the
 * service strips anyway); the parser does not undo it, so it is undone here.
 */
const withSentName = (file: File) =>
  file.name.includes("%22") ? new File([file], file.name.replaceAll("%22", '"'), { type: file.type }) : file;

interface Outcome {
  status: UploadStatus;
  fileName?: string;
  added?: number;
}

/** `returnTo` (a path of this site, its query kept) with the outcome for the form of this owner. */
function back(returnTo: string, ownerId: string, outcome: Outcome) {
  const url = new URL(returnTo, "http://local.invalid");
  for (const name of uploadStatusParams) url.searchParams.delete(name);
  url.searchParams.set("files", outcome.status);
  if (isUuid(ownerId)) url.searchParams.set("filesFor", ownerId);
  if (outcome.fileName) url.searchParams.set("fileName", outcome.fileName.slice(0, 120));
  if (outcome.added) url.searchParams.set("added", String(outcome.added));
  return `${url.pathname}${url.search}${isUuid(ownerId) ? `#upload-${ownerId}` : ""}`;
}

export async function action(args: ActionFunctionArgs) {
  const { api } = await requireWorkspace(args);
  const wantsJson = (args.request.headers.get("accept") ?? "").includes("application/json");
  const limits = await load(args.request, () => api.attachments.limits());
  const query = new URL(args.request.url).searchParams;
  const referer = args.request.headers.get("referer");
  const fromReferer = referer ? new URL(referer, args.request.url) : null;

  const answer = (
    httpStatus: number,
    reply: UploadReply,
    form: { returnTo: string; ownerId: string },
    outcome: Outcome,
  ) =>
    wantsJson
      ? Response.json(reply, { status: httpStatus })
      : redirect(back(form.returnTo, form.ownerId, outcome));

  // The file part being read when the parser gave up (it names only the field).
  let reading: string | null = null;
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      args.request,
      unstable_createMemoryUploadHandler({
        maxPartSize: limits.maxFileBytes,
        // Text fields pass; of the files, only those of the "file" field are read.
        filter: ({ name, filename }) => {
          if (filename !== undefined && name === "file") reading = filename;
          return filename === undefined || name === "file";
        },
      }),
    );
  } catch (error) {
    if (!(error instanceof MaxPartSizeExceededError)) {
      return Response.json(
        { ok: false, message: "Send the files as a multipart form.", fields: {}, added: [] },
        { status: 400 },
      );
    }
    // The rest of the form was not read, so nothing was added; the action URL says where to go.
    const message = limits.refusals.too_large;
    const where = {
      returnTo: safeRedirect(
        query.get("returnTo"),
        fromReferer ? safeRedirect(fromReferer.pathname + fromReferer.search) : "/",
      ),
      ownerId: query.get("ownerId") ?? "",
    };
    const refused = reading ?? undefined;
    return answer(413, { ok: false, message, fields: { file: [message] }, added: [], refused }, where, {
      status: "too_large",
      fileName: refused,
    });
  }

  const field = (name: string) => query.get(name) || text(form, name);
  const ownerType = field("ownerType");
  const ownerId = field("ownerId");
  const where = { returnTo: safeRedirect(field("returnTo"), "/"), ownerId };
  const files = form.getAll("file").filter((value): value is File => value instanceof File && value.size > 0);
  const known = limits.ownerTypes.find((type) => type === ownerType);
  if (!known || files.length === 0) {
    const message = files.length === 0 ? "Choose a file." : "Files go on reports, updates or tasks.";
    return answer(400, { ok: false, message, fields: { file: [message] }, added: [] }, where, {
      status: "refused",
    });
  }

  const added: { id: string; fileName: string }[] = [];
  for (const file of files) {
    const sent = withSentName(file);
    const result = await attempt(() => api.attachments.upload({ ownerType: known, ownerId, file: sent }));
    if (!result.ok) {
      const outcome: Outcome = {
        status: statusOf(result, sent, limits),
        fileName: sent.name,
        added: added.length,
      };
      return answer(
        result.status,
        { ok: false, ...result.errors, added, refused: sent.name },
        where,
        outcome,
      );
    }
    added.push({ id: result.value.id, fileName: result.value.fileName });
  }
  return answer(200, { ok: true, added }, where, { status: "added", added: added.length });
}

type Limits = Awaited<
  ReturnType<Awaited<ReturnType<typeof requireWorkspace>>["api"]["attachments"]["limits"]>
>;

/** The kind of refusal, for a plain post's short status: the service's sentence names it. */
function statusOf(
  result: { status: number; errors: { fields: Record<string, string[]> } },
  file: File,
  limits: Limits,
): UploadStatus {
  if (result.status === 403 || result.status === 404) return "not_allowed";
  if (file.size > limits.maxFileBytes) return "too_large";
  if (result.status !== 400) return "failed";
  const said = result.errors.fields.file?.[0];
  const reason = (Object.keys(limits.refusals) as (keyof Limits["refusals"])[]).find(
    (key) => limits.refusals[key] === said,
  );
  return reason ?? "refused";
}
