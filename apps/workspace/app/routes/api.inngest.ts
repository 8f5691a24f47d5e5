import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

// The Inngest SDK's serve handler: an Inngest server registers and calls the product's functions
// here. Requests must be signed with the configured signing key (the in-process mode signs its
// own calls with a key that never leaves the process). A PUT (a registration) reaches the SDK only
// signed, in dev mode or when INNGEST_REGISTER_ON_PUT asks for it (packages/jobs/src/runtime.ts).
export function loader({ request, context }: LoaderFunctionArgs) {
  return context.services.jobs.handler(request);
}

export function action({ request, context }: ActionFunctionArgs) {
  return context.services.jobs.handler(request);
}
