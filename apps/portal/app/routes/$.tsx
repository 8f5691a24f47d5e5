/** Any path no route claims, whatever the method: a real 404, rendered by the root error boundary. */
function notFound(): never {
  throw new Response("Not found", { status: 404 });
}

export const loader = notFound;
export const action = notFound;

export default function NotFound() {
  return null;
}
