import { CheckboxField, Field, type FormErrors, SelectField } from "@ordinavo/ui";
import { useRef } from "react";
import { clockText, minutesOfClock as minutesOf } from "~/lib/planning-display";

export interface SlotValues {
  day: string;
  start: string;
  end: string;
  assignedEmployeeId: string;
  fixedTime?: boolean;
}

export interface Assignee {
  id: string;
  name: string;
  /** Field staff do the visits; office staff may be given one too. The API decides who is which. */
  group: "field" | "office";
}

/**
 * Date, start and end (wall-clock times in the workspace's time zone), the employee, and optionally
 * the fixed-time flag: the fields every planning form shares. With JavaScript, moving the start
 * moves the end along so the length stays.
 */
export function SlotFields({
  idPrefix,
  values,
  errors,
  assignees,
  timeZone,
  showFixedTime = false,
}: {
  idPrefix: string;
  values: SlotValues;
  errors?: FormErrors | null;
  assignees: readonly Assignee[];
  timeZone: string;
  showFixedTime?: boolean;
}) {
  const lastStart = useRef(values.start);
  const employees = assignees.filter((a) => a.group === "field");
  const others = assignees.filter((a) => a.group !== "field");
  return (
    <div className="stack">
      <div className="plan-slot-grid">
        <Field
          id={`${idPrefix}-day`}
          label="Date"
          name="day"
          type="date"
          required
          defaultValue={values.day}
          errors={errors}
        />
        <Field
          id={`${idPrefix}-start`}
          label="Start"
          name="start"
          type="time"
          step={300}
          required
          defaultValue={values.start}
          errors={errors}
          onChange={(event) => {
            const input = event.currentTarget;
            const end = input.form?.elements.namedItem("end");
            const before = minutesOf(lastStart.current);
            const after = minutesOf(input.value);
            lastStart.current = input.value;
            if (!(end instanceof HTMLInputElement) || before === null || after === null) return;
            const endMinutes = minutesOf(end.value);
            if (endMinutes === null || endMinutes <= before) return;
            const moved = after + (endMinutes - before);
            if (moved < 24 * 60) end.value = clockText(moved);
          }}
        />
        <Field
          id={`${idPrefix}-end`}
          label="End"
          name="end"
          type="time"
          step={300}
          required
          defaultValue={values.end}
          errors={errors}
        />
      </div>
      <p className="hint plan-zone-hint">Times are in {timeZone.replace(/_/g, " ")}.</p>
      <SelectField
        id={`${idPrefix}-employee`}
        label="Employee"
        name="assignedEmployeeId"
        defaultValue={values.assignedEmployeeId}
        errors={errors}
      >
        <option value="">Not assigned yet</option>
        {employees.length ? (
          <optgroup label="Field employees">
            {employees.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </optgroup>
        ) : null}
        {others.length ? (
          <optgroup label="Office staff">
            {others.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </optgroup>
        ) : null}
      </SelectField>
      {showFixedTime ? (
        <CheckboxField
          id={`${idPrefix}-fixed`}
          label="Fixed time"
          name="fixedTime"
          defaultChecked={values.fixedTime}
          errors={errors}
          hint="Agreed with the customer: route optimisation keeps this time."
        />
      ) : null}
    </div>
  );
}
