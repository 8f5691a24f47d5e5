import { handleWorkspaceRequest } from "@ordinavo/api";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

// Staff procedures over HTTP, for the browser and for tools that hold a staff session.
function handle({ request, context }: LoaderFunctionArgs | ActionFunctionArgs) {
  return handleWorkspaceRequest({
    request,
    services: context.services.api,
    endpoint: "/api/trpc",
    clientAddress: context.clientAddress,
  });
}

export const loader = handle;
export const action = handle;
