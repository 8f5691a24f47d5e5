import { handleConnectRequest } from "@ordinavo/api";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

// Ordinavo Connect: integrations call these procedures with `Authorization: Bearer <API key>`.
function handle({ request, context }: LoaderFunctionArgs | ActionFunctionArgs) {
  return handleConnectRequest({ request, services: context.services.api, endpoint: "/api/connect" });
}

export const loader = handle;
export const action = handle;
