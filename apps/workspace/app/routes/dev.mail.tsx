import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { formatDateTime } from "~/lib/format";
import { apiFor, load } from "~/lib/require.server";

export const meta: MetaFunction = () => [
  { title: "Development mailbox · Ordinavo Workspace" },
  { name: "robots", content: "noindex" },
];

// Development only: the launcher enabled the mailbox (DEV_MAILBOX=1 in development, loopback
// http:// addresses, no SMTP_URL) and the API checks that this request comes from this machine
// to a loopback host without a proxy. Otherwise it answers NOT_FOUND, and so does this page.
export async function loader(args: LoaderFunctionArgs) {
  if (!args.context.services.development) throw new Response("Not found", { status: 404 });
  const to = new URL(args.request.url).searchParams.get("to")?.trim() || undefined;
  const { api } = await apiFor(args);
  const mails = await load(args.request, () => api.dev.mailbox({ to }));
  return { mails, to: to ?? "" };
}

export default function DevMailbox() {
  const { mails, to } = useLoaderData<typeof loader>();
  return (
    <main className="dev-page">
      <header className="stack-tight">
        <p className="eyebrow">Development only</p>
        <h1>Mailbox</h1>
        <p className="muted">
          Mails the product would have sent, newest first (at most 50). Without <code>SMTP_URL</code> they are
          kept here instead of being delivered. Times in UTC.
        </p>
      </header>
      <Form method="get" className="inline-form filter" role="search">
        <label htmlFor="to">Recipient</label>
        <input id="to" name="to" type="search" defaultValue={to} placeholder="someone@example.com" />
        <button type="submit" className="button secondary small">
          Filter
        </button>
        {to ? <Link to="/dev/mail">Show all</Link> : null}
      </Form>
      {mails.length === 0 ? (
        <p className="empty panel">
          {to ? `No mails to ${to}.` : "No mails yet. Invite someone or ask for a password reset."}
        </p>
      ) : (
        <ol className="mail-list">
          {mails.map((mail) => (
            <li key={mail.id} className="panel">
              <article aria-labelledby={`mail-${mail.id}`}>
                <h2 id={`mail-${mail.id}`}>{mail.subject}</h2>
                <p className="muted small">
                  To <strong>{mail.to}</strong> ·{" "}
                  <time dateTime={new Date(mail.createdAt).toISOString()}>
                    {formatDateTime(mail.createdAt, "UTC")}
                  </time>
                </p>
                {mail.link ? (
                  <p>
                    <a href={mail.link} className="break">
                      {mail.link}
                    </a>
                  </p>
                ) : null}
                <pre className="mail-text">{mail.text}</pre>
              </article>
            </li>
          ))}
        </ol>
      )}
    </main>
  );
}
