import { Field, type FormErrors, messagesFor, SelectField } from "@ordinavo/ui";
import {
  ends,
  type Frequency,
  frequencies,
  frequencyNames,
  fromRrule,
  ordinalNames,
  ordinals,
  type RuleBuilder,
  toRrule,
  type Weekday,
  weekdayNames,
  weekdayShortNames,
  weekdays,
} from "~/lib/rrule-builder";

const unitNames: Record<Frequency, [string, string]> = {
  weekly: ["week", "weeks"],
  monthly_day: ["month", "months"],
  monthly_nth: ["month", "months"],
  daily: ["day", "days"],
  custom: ["", ""],
};

/**
 * "Repeats": how often, on which days, until when, and the RFC 5545 text for those who want it.
 * Without JavaScript every part shows and the server reads what applies (CSS hides the parts of
 * other frequencies by `data-frequency`); with it, the parts follow the choice and the text follows
 * the choices (or, typed, replaces them).
 */
export function RuleFields({
  rule,
  setRule,
  typed,
  setTyped,
  hydrated,
  errors,
}: {
  rule: RuleBuilder;
  setRule: (change: (current: RuleBuilder) => RuleBuilder) => void;
  /** The rule text as typed, while the person edits it (null: the text follows the builder). */
  typed: string | null;
  setTyped: (text: string | null) => void;
  hydrated: boolean;
  errors: FormErrors | null | undefined;
}) {
  const ruleText = typed ?? toRrule(rule);
  const update = (change: Partial<RuleBuilder>) => {
    setRule((current) => ({ ...current, ...change }));
    setTyped(null);
  };
  const [one, many] = unitNames[rule.frequency];
  const ruleFieldErrors = messagesFor(errors, "rrule");
  return (
    <fieldset className="panel rule-builder" data-frequency={rule.frequency}>
      <legend>Repeats</legend>
      <SelectField
        label="How often"
        name="frequency"
        value={rule.frequency}
        onChange={(event) => {
          const frequency = event.currentTarget.value as Frequency;
          if (frequency === "custom") {
            setRule((current) => ({ ...current, frequency, text: typed ?? toRrule(current) }));
          } else update({ frequency, interval: 1 });
        }}
        errors={errors}
      >
        {frequencies.map((frequency) => (
          <option key={frequency} value={frequency}>
            {frequencyNames[frequency]}
          </option>
        ))}
      </SelectField>

      <div className="rule-part for-weekly for-monthly_day for-monthly_nth for-daily">
        <div className="field interval-field">
          <label htmlFor="field-interval">Every</label>
          <div className="with-unit">
            <input
              id="field-interval"
              name="interval"
              type="number"
              min={1}
              max={99}
              inputMode="numeric"
              value={Number.isFinite(rule.interval) ? rule.interval : ""}
              onChange={(event) => update({ interval: event.currentTarget.valueAsNumber })}
              aria-describedby="interval-unit"
              aria-invalid={messagesFor(errors, "interval").length > 0 || undefined}
            />
            <span id="interval-unit" className="unit">
              {hydrated ? (
                rule.interval === 1 ? (
                  one
                ) : (
                  many
                )
              ) : (
                <>
                  <span className="unit-weekly">week(s)</span>
                  <span className="unit-monthly_day unit-monthly_nth">month(s)</span>
                  <span className="unit-daily">day(s)</span>
                </>
              )}
            </span>
          </div>
          {messagesFor(errors, "interval").length ? (
            <p className="field-error">{messagesFor(errors, "interval").join(" ")}</p>
          ) : null}
        </div>
      </div>

      <fieldset
        className="rule-part for-weekly weekday-picker"
        aria-invalid={messagesFor(errors, "weekdays").length > 0 || undefined}
        aria-describedby={messagesFor(errors, "weekdays").length ? "weekdays-error" : undefined}
      >
        <legend>On</legend>
        <div className="weekday-boxes">
          {weekdays.map((day) => (
            <label key={day} className="weekday-box">
              <input
                type="checkbox"
                name="weekdays"
                value={day}
                checked={rule.weekdays.includes(day)}
                onChange={(event) => {
                  const checked = event.currentTarget.checked;
                  update({
                    weekdays: weekdays.filter((d) => (d === day ? checked : rule.weekdays.includes(d))),
                  });
                }}
              />
              <span aria-hidden="true">{weekdayShortNames[day]}</span>
              <span className="visually-hidden">{weekdayNames[day]}</span>
            </label>
          ))}
        </div>
        {messagesFor(errors, "weekdays").length ? (
          <p className="field-error" id="weekdays-error">
            {messagesFor(errors, "weekdays").join(" ")}
          </p>
        ) : null}
      </fieldset>

      <div className="rule-part for-monthly_day">
        <SelectField
          label="On day of the month"
          name="monthDay"
          value={String(rule.monthDay)}
          onChange={(event) => update({ monthDay: Number(event.currentTarget.value) })}
          errors={errors}
          hint="Months without that day are skipped: choose “Last day” for the end of every month."
        >
          {Array.from({ length: 31 }, (_, i) => i + 1).map((day) => (
            <option key={day} value={day}>
              {day}
            </option>
          ))}
          <option value="-1">Last day</option>
        </SelectField>
      </div>

      <div className="rule-part for-monthly_nth nth-weekday">
        <SelectField
          label="On the"
          name="ordinal"
          value={String(rule.ordinal)}
          onChange={(event) =>
            update({ ordinal: Number(event.currentTarget.value) as RuleBuilder["ordinal"] })
          }
          errors={errors}
        >
          {ordinals.map((ordinal) => (
            <option key={ordinal} value={ordinal}>
              {ordinalNames[String(ordinal)]}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Weekday"
          name="ordinalWeekday"
          value={rule.ordinalWeekday}
          onChange={(event) => update({ ordinalWeekday: event.currentTarget.value as Weekday })}
          errors={errors}
        >
          {weekdays.map((day) => (
            <option key={day} value={day}>
              {weekdayNames[day]}
            </option>
          ))}
        </SelectField>
      </div>

      <fieldset className="rule-part for-weekly for-monthly_day for-monthly_nth for-daily rule-end">
        <legend>Ends</legend>
        {ends.map((end) => (
          <div key={end} className="end-choice">
            <label className="check-inline">
              <input
                type="radio"
                name="end"
                value={end}
                checked={rule.end === end}
                onChange={() => update({ end })}
              />
              <span>
                {end === "never" ? "Never" : end === "count" ? "After a number of visits" : "On a day"}
              </span>
            </label>
            {end === "count" ? (
              <Field
                label="Number of visits"
                name="count"
                type="number"
                min={1}
                max={999}
                inputMode="numeric"
                value={Number.isFinite(rule.count) ? String(rule.count) : ""}
                onChange={(event) => update({ count: event.currentTarget.valueAsNumber, end: "count" })}
                errors={errors}
              />
            ) : end === "until" ? (
              <Field
                label="Last day (included)"
                name="until"
                type="date"
                value={rule.until}
                onChange={(event) => update({ until: event.currentTarget.value, end: "until" })}
                errors={errors}
              />
            ) : null}
          </div>
        ))}
      </fieldset>

      <div className="field rrule-field">
        <label htmlFor="field-rrule">Advanced: RRULE text</label>
        <input
          id="field-rrule"
          name="rrule"
          value={ruleText}
          onChange={(event) => {
            const text = event.currentTarget.value;
            setTyped(text);
            // The builder shows the rule when it can; otherwise it switches to "Custom rule".
            setRule((current) => fromRrule(text, current));
          }}
          onBlur={() => setTyped(null)}
          spellCheck={false}
          autoCapitalize="characters"
          autoComplete="off"
          maxLength={500}
          aria-describedby={`rrule-hint${ruleFieldErrors.length ? " rrule-error" : ""}`}
          aria-invalid={ruleFieldErrors.length > 0 || undefined}
        />
        <p className="hint" id="rrule-hint">
          An RFC 5545 rule without DTSTART, such as <code>FREQ=WEEKLY;BYDAY=MO,TH</code> or{" "}
          <code>FREQ=MONTHLY;BYMONTHDAY=1</code>. The first day and the start time below set when it begins.
          If you change this text, it replaces the choices above.
        </p>
        {ruleFieldErrors.length ? (
          <p className="field-error" id="rrule-error">
            {ruleFieldErrors.join(" ")}
          </p>
        ) : null}
      </div>
    </fieldset>
  );
}
