import { useEffect, useState } from "react";

/** A new signing secret, shown once after creating a webhook or rotating its secret. */
export function WebhookSecretBox({
  url,
  secret,
  rotated,
}: {
  url: string;
  secret: string;
  rotated: boolean;
}) {
  const [canCopy, setCanCopy] = useState(false);
  const [copied, setCopied] = useState(false);
  useEffect(() => setCanCopy(typeof navigator !== "undefined" && Boolean(navigator.clipboard)), []);
  return (
    <section className="secret-box" aria-labelledby="webhook-secret-title">
      <h2 id="webhook-secret-title">Copy the signing secret now</h2>
      <p>
        <strong>This is the only time the secret is shown.</strong> Your receiver for <code>{url}</code> uses
        it to check the <code>webhook-signature</code> header of every delivery.
        {rotated
          ? " The previous secret keeps signing alongside it for 24 hours, so switch your receiver within a day."
          : null}
      </p>
      <code className="secret" id="webhook-secret">
        {secret}
      </code>
      <div className="actions">
        {canCopy ? (
          <button
            type="button"
            className="button secondary small"
            onClick={() => {
              void navigator.clipboard.writeText(secret).then(() => setCopied(true));
            }}
          >
            {copied ? "Copied" : "Copy to clipboard"}
          </button>
        ) : null}
        <span className="muted small" aria-live="polite">
          {copied ? "The secret is on your clipboard." : "If you lose it, rotate the secret."}
        </span>
      </div>
    </section>
  );
}
