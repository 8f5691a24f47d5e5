import type { InputHTMLAttributes, ReactNode } from "react";
import type { FormErrors } from "~/lib/api.server";

/** A labelled input; its hint and error messages are linked to it for screen readers. */
export function Field({
  label,
  name,
  errors,
  hint,
  ...input
}: {
  label: string;
  name: string;
  errors?: FormErrors | null;
  hint?: ReactNode;
} & InputHTMLAttributes<HTMLInputElement>) {
  const messages = errors?.fields[name] ?? [];
  const id = input.id ?? `field-${name}`;
  const described = [hint ? `${id}-hint` : null, messages.length ? `${id}-error` : null]
    .filter(Boolean)
    .join(" ");
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        aria-invalid={messages.length > 0 || undefined}
        aria-describedby={described || undefined}
        {...input}
      />
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {messages.length ? (
        <p className="field-error" id={`${id}-error`}>
          {messages.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

/** A message about the whole form, read out as soon as it appears. */
export function FormAlert({ errors }: { errors?: FormErrors | null }) {
  if (!errors) return null;
  // When the message is already shown next to a field, the alert points there instead of repeating it.
  const fieldMessages = Object.values(errors.fields).flat();
  const message = fieldMessages.includes(errors.message)
    ? fieldMessages.length > 1
      ? "Some fields need attention."
      : "Please check the field marked below."
    : errors.message;
  return (
    <div className="alert" role="alert">
      {message}
    </div>
  );
}

/** Good news after a form was sent. */
export function Notice({ children }: { children: ReactNode }) {
  return (
    <div className="notice" role="status">
      {children}
    </div>
  );
}

const keys = new WeakMap<object, string>();
let counter = 0;

/**
 * A key that changes with each form result, for inputs that must be empty again afterwards
 * (passwords). Without client JavaScript the server renders them empty anyway.
 */
export function freshKey(result: unknown): string {
  if (!result || typeof result !== "object") return "initial";
  let key = keys.get(result);
  if (!key) {
    counter += 1;
    key = `result-${counter}`;
    keys.set(result, key);
  }
  return key;
}
