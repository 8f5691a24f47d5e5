import { downloadHeaders } from "@ordinavo/api";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { idParam } from "~/components/customer-bits";
import { load, requireWorkspace } from "~/lib/require.server";

// GET /customers/:id/export — one customer's data as a ZIP (JSON per kind and the attachments'
// files), streamed as it is made. Admins only (retention.manage); another tenant's customer is
// not found; every export is in the audit log.

export async function loader(args: LoaderFunctionArgs) {
  const customerId = idParam(args.params.customerId);
  const { api } = await requireWorkspace(args);
  const bundle = await load(args.request, () => api.retention.exportCustomer({ customerId }));
  return new Response(createReadableStreamFromReadable(bundle.read()), {
    status: 200,
    headers: downloadHeaders({
      fileName: bundle.fileName,
      contentType: bundle.contentType,
      sizeBytes: null,
      disposition: "attachment",
    }),
  });
}
