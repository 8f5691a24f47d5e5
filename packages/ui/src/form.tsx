// Form building blocks shared by the workspace and the portal: labelled fields with their errors
// linked for screen readers, form-level alerts and notices. Styling comes from each app's CSS.
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
/** What a refused form action returns: a message, and messages by field path. */
export type FormErrors = { message: string; fields: Record<string, string[]> };

interface FieldProps {
  label: string;
  name: string;
  errors?: FormErrors | null;
  hint?: ReactNode;
  id?: string;
}

/** The ids a control points at for its hint and its errors (aria-describedby). */
function describedBy(id: string, hint: ReactNode, messages: string[]): string | undefined {
  return (
    [hint ? `${id}-hint` : null, messages.length ? `${id}-error` : null].filter(Boolean).join(" ") ||
    undefined
  );
}

/** Label, control, hint and error messages, in the order every field shows them. */
function FieldFrame({
  id,
  label,
  hint,
  messages,
  children,
}: {
  id: string;
  label: string;
  hint: ReactNode;
  messages: string[];
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
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

/** A labelled input with its error messages, linked for screen readers. */
export function Field({
  label,
  name,
  errors,
  hint,
  ...input
}: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  const messages = messagesFor(errors, name);
  const id = input.id ?? `field-${name}`;
  return (
    <FieldFrame id={id} label={label} hint={hint} messages={messages}>
      <input
        id={id}
        name={name}
        aria-invalid={messages.length > 0 || undefined}
        aria-describedby={describedBy(id, hint, messages)}
        {...input}
      />
    </FieldFrame>
  );
}

/** A labelled textarea with its error messages, linked for screen readers. */
export function TextAreaField({
  label,
  name,
  errors,
  hint,
  ...textarea
}: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const messages = messagesFor(errors, name);
  const id = textarea.id ?? `field-${name}`;
  return (
    <FieldFrame id={id} label={label} hint={hint} messages={messages}>
      <textarea
        id={id}
        name={name}
        rows={4}
        aria-invalid={messages.length > 0 || undefined}
        aria-describedby={describedBy(id, hint, messages)}
        {...textarea}
      />
    </FieldFrame>
  );
}

/** The form-level message (shown when a refusal is not about one field). */
export function FormAlert({
  errors,
  words,
}: {
  errors?: FormErrors | null;
  /** The two pointers in another language (the portal's French); English by default. */
  words?: { someFields: string; oneField: string };
}) {
  if (!errors) return null;
  // When the message is already shown next to a field, the alert points there instead of repeating it.
  const fieldMessages = Object.values(errors.fields).flat();
  const message = fieldMessages.includes(errors.message)
    ? fieldMessages.length > 1
      ? (words?.someFields ?? "Some fields need attention.")
      : (words?.oneField ?? "Please check the field marked below.")
    : errors.message;
  return (
    <div className="alert" role="alert">
      {message}
    </div>
  );
}

/** The messages for a field, matching nested paths too ("scopes" also collects "scopes.1"). */
export function messagesFor(errors: FormErrors | null | undefined, name: string): string[] {
  if (!errors) return [];
  return Object.entries(errors.fields)
    .filter(([path]) => path === name || path.startsWith(`${name}.`))
    .flatMap(([, messages]) => messages);
}

/** A labelled select with its error messages. */
export function SelectField({
  label,
  name,
  errors,
  hint,
  children,
  ...select
}: FieldProps & { children: ReactNode } & SelectHTMLAttributes<HTMLSelectElement>) {
  const messages = messagesFor(errors, name);
  const id = select.id ?? `field-${name}`;
  return (
    <FieldFrame id={id} label={label} hint={hint} messages={messages}>
      <select
        id={id}
        name={name}
        aria-invalid={messages.length > 0 || undefined}
        aria-describedby={describedBy(id, hint, messages)}
        {...select}
      >
        {children}
      </select>
    </FieldFrame>
  );
}

/** A checkbox with its label on the right and an optional explanation below. */
export function CheckboxField({
  label,
  name,
  errors,
  hint,
  ...input
}: {
  label: ReactNode;
  name: string;
  errors?: FormErrors | null;
  hint?: ReactNode;
} & InputHTMLAttributes<HTMLInputElement>) {
  const messages = messagesFor(errors, name);
  const id = input.id ?? `field-${name}`;
  const described = [hint ? `${id}-hint` : null, messages.length ? `${id}-error` : null]
    .filter(Boolean)
    .join(" ");
  return (
    <div className="check">
      <input
        type="checkbox"
        id={id}
        name={name}
        aria-invalid={messages.length > 0 || undefined}
        aria-describedby={described || undefined}
        {...input}
      />
      <div>
        <label htmlFor={id}>{label}</label>
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
    </div>
  );
}

/** A confirmation after something worked (announced politely to screen readers). */
export function Notice({ children }: { children: ReactNode }) {
  return (
    <div className="notice" role="status">
      {children}
    </div>
  );
}

const keys = new WeakMap<object, string>();
let nextKey = 0;

/**
 * A React key that changes with every action result. Give it to inputs that must start empty after
 * a submission (passwords, a form that succeeded): React then mounts them afresh. Without client
 * JavaScript the server renders them empty anyway.
 */
export function freshKey(result: unknown): string {
  if (!result || typeof result !== "object") return "initial";
  let key = keys.get(result);
  if (!key) {
    nextKey += 1;
    key = `result-${nextKey}`;
    keys.set(result, key);
  }
  return key;
}
