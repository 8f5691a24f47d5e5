import { type FormErrors, messagesFor } from "@ordinavo/ui";

// Refusals of the GET filter forms (History, Audit log). The API names its inputs (`locationId`,
// `groups.0`, `objectType`); the forms name their fields for the address (`place`, `kind`,
// `object`). Renaming the paths lets each message sit beside the field that caused it.

/** The errors with each input's path (up to its first dot) renamed to the form's field. */
export function renameErrorFields(errors: FormErrors, names: Readonly<Record<string, string>>): FormErrors {
  const fields: Record<string, string[]> = {};
  for (const [path, messages] of Object.entries(errors.fields)) {
    const input = path.split(".")[0]!;
    const field = names[input] ?? input;
    fields[field] = [...new Set([...(fields[field] ?? []), ...messages])];
  }
  return { message: errors.message, fields };
}

/** The messages for these fields, or nothing; `id` is what the control's aria-describedby names. */
export function FilterError({
  errors,
  names,
  id,
  className = "field-error",
}: {
  errors: FormErrors | null;
  names: readonly string[];
  id: string;
  className?: string;
}) {
  const messages = [...new Set(names.flatMap((name) => messagesFor(errors, name)))];
  if (!messages.length) return null;
  return (
    <p className={className} id={id}>
      {messages.join(" ")}
    </p>
  );
}

/** The props that mark a filter control invalid and point it at its message. */
export function invalidProps(errors: FormErrors | null, name: string, id: string) {
  return messagesFor(errors, name).length ? { "aria-invalid": true, "aria-describedby": id } : {};
}
