import { Field } from "@ordinavo/ui";
import type { FormErrors } from "~/lib/require.server";

/**
 * The pair of fields for choosing a password: the password and its repetition. The route's action
 * compares the two before it calls the API; the API checks length and common passwords.
 */
export function NewPasswordFields({
  name = "password",
  label = "New password",
  minLength,
  errors,
  autoFocus,
}: {
  name?: string;
  label?: string;
  minLength: number;
  errors?: FormErrors | null;
  autoFocus?: boolean;
}) {
  return (
    <>
      <Field
        label={label}
        name={name}
        type="password"
        autoComplete="new-password"
        required
        minLength={minLength}
        autoFocus={autoFocus}
        hint={`At least ${minLength} characters. A few unrelated words make a strong password.`}
        errors={errors}
      />
      <Field
        label={`Repeat the ${label.toLowerCase()}`}
        name="repeat"
        type="password"
        autoComplete="new-password"
        required
        errors={errors}
      />
    </>
  );
}

/** The form errors for two passwords that differ, or null when they match. */
export function mismatch(password: string, repeat: string): FormErrors | null {
  if (password === repeat) return null;
  return {
    message: "The two passwords do not match.",
    fields: { repeat: ["Type the same password twice."] },
  };
}
