import { handlePortalRequest } from "@ordinavo/api";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

// Portal procedures over HTTP. This app has no route to the workspace or Connect routers.
function handle({ request, context }: LoaderFunctionArgs | ActionFunctionArgs) {
  return handlePortalRequest({
    request,
    services: context.services.api,
    endpoint: "/api/trpc",
    clientAddress: context.clientAddress,
  });
}

export const loader = handle;
export const action = handle;
