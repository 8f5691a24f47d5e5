import { FormAlert } from "@ordinavo/ui";
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useParams } from "@remix-run/react";
import { idParam } from "~/components/customer-bits";
import { PageError } from "~/components/page-error";
import { portalPaths } from "~/components/portal-access/words";
import { attempt, requireWorkspace, text } from "~/lib/require.server";

// Sending a portal invitation again or withdrawing it, from the customer page's portal panel (the
// withdrawal is confirmed there first). Success goes back to the panel with a notice; a refusal
// is shown here with the way back.

export const meta: MetaFunction = () => [{ title: "Portal invitation · Ordinavo Workspace" }];

export function loader({ params }: { params: { customerId?: string } }) {
  return redirect(portalPaths(idParam(params.customerId)).panel);
}

export async function action(args: ActionFunctionArgs) {
  const customerId = idParam(args.params.customerId);
  const invitationId = idParam(args.params.invitationId);
  const form = await args.request.formData();
  const intent = text(form, "intent");
  const { api } = await requireWorkspace(args);
  const paths = portalPaths(customerId);
  if (intent === "resend") {
    const result = await attempt(() => api.portalAccess.resendInvitation({ invitationId }));
    if (!result.ok) return data({ errors: result.errors }, { status: result.status });
    return redirect(paths.after("resent"));
  }
  if (intent === "withdraw") {
    const result = await attempt(() => api.portalAccess.withdrawInvitation({ invitationId }));
    if (!result.ok) return data({ errors: result.errors }, { status: result.status });
    return redirect(paths.after("withdrawn"));
  }
  return data(
    { errors: { message: "This form is out of date. Reload the page and try again.", fields: {} } },
    { status: 400 },
  );
}

export default function PortalInvitationAction() {
  const result = useActionData<typeof action>();
  const { customerId } = useParams();
  return (
    <section className="stack narrow-form">
      <h1>Portal invitation</h1>
      <FormAlert errors={result?.errors ?? null} />
      <p>
        <Link className="button secondary" to={portalPaths(customerId ?? "").panel}>
          Back to the customer
        </Link>
      </p>
    </section>
  );
}

export function ErrorBoundary() {
  return <PageError />;
}
