import { priorities } from "@ordinavo/domain/vocabulary";
import { Field, type FormErrors, SelectField, TextAreaField } from "@ordinavo/ui";
import { priorityNames } from "~/lib/planning-display";

// Fields a piece of work (a target) has on both its forms — "New work" and the target page's edit
// form — so the two ask the same way and show errors the same way.

export function ContactPersonSelect({
  contacts,
  defaultValue,
  errors,
}: {
  contacts: readonly { id: string; name: string; role?: string | null }[];
  defaultValue: string;
  errors: FormErrors | null | undefined;
}) {
  return (
    <SelectField label="Contact person" name="contactId" defaultValue={defaultValue} errors={errors}>
      <option value="">No contact person</option>
      {contacts.map((p) => (
        <option key={p.id} value={p.id}>
          {p.name}
          {p.role ? ` · ${p.role}` : ""}
        </option>
      ))}
    </SelectField>
  );
}

export function DescriptionField({
  defaultValue,
  errors,
  rows = 4,
}: {
  defaultValue: string | undefined;
  errors: FormErrors | null | undefined;
  rows?: number;
}) {
  return (
    <TextAreaField
      label="Description"
      name="description"
      rows={rows}
      maxLength={5000}
      defaultValue={defaultValue}
      errors={errors}
    />
  );
}

export function PriorityAndDueFields({
  priority,
  dueDate,
  errors,
}: {
  priority: string;
  dueDate: string | undefined;
  errors: FormErrors | null | undefined;
}) {
  return (
    <div className="plan-pair">
      <SelectField label="Priority" name="priority" defaultValue={priority} errors={errors}>
        {priorities.map((p) => (
          <option key={p} value={p}>
            {priorityNames[p]}
          </option>
        ))}
      </SelectField>
      <Field label="Due date" name="dueDate" type="date" defaultValue={dueDate} errors={errors} />
    </div>
  );
}
