-- A recurring plan has at most one occurrence per local date, guaranteed by the database.
--
-- recurring_occurrences.occurs_on is the occurrence's local date in the plan's time zone when it
-- was generated; (tenant_id, plan_id, occurs_on) becomes unique beside the existing slot key on
-- (tenant_id, plan_id, occurs_at). Existing rows need a date and may hold same-day duplicates
-- (left by generator versions that matched occurrences by start instant), so: add the column
-- nullable, backfill it, resolve the duplicates, then make it NOT NULL and unique.
ALTER TABLE "recurring_occurrences" ADD COLUMN "occurs_on" date;
--> statement-breakpoint
-- Backfill and duplicates, one tenant at a time. Migrations run as the connecting user: a superuser
-- sees every row, but a non-superuser owner is bound by the forced tenant_isolation policies and
-- sees nothing until app.tenant_id is set. So every statement below sets the tenant AND names it,
-- which is correct for both. The tenants table is global (no row-level security).
--
-- The date comes from the plan's current time zone, the same one the generator has used so far to
-- match occurrences by day. A zone PostgreSQL does not know stops the migration with PostgreSQL's
-- own "time zone ... not recognized" error rather than storing a guessed date.
--
-- Duplicates: per (plan, day) one occurrence stays: a person's one before an untouched one, then
-- the earliest start. The others go, each in one of two ways:
--   * Untouched (what the generator would move or remove itself: not touched or skipped, its
--     appointment still "scheduled" at its generated time, and nothing refers to that appointment
--     or its target — route stop, visit report, mobile update, follow-up, portal request, internal
--     note, external reference, another appointment): deleted as the generator deletes it, with
--     its appointment, its target and the appointment's timeline entries.
--   * A person's work (anything else — two touched visits on one day are possible, for instance
--     a visit moved by hand and a second one generated after a start-time change): nothing of it
--     is deleted. Only the occurrence row, the generator's "this day is done" bookkeeping, goes;
--     its appointment loses its recurring_occurrence_id and stays as an ordinary appointment with
--     its target, reports and history. The day stays held by the remaining occurrence, so the
--     generator adds nothing to it.
-- Rejected alternatives: a partial unique index (the guarantee would not hold for every row);
-- storing some other date in occurs_on for the extra row (a wrong date would hold a day the plan
-- may still need, or collide with it); failing the migration (it runs at start-up, and the data
-- is valid: a person may plan two visits on one day, only not the plan itself).
DO $$
DECLARE
  t record;
BEGIN
  CREATE TEMPORARY TABLE occurrence_day_extras (
    tenant_id uuid NOT NULL,
    id uuid NOT NULL,
    appointment_id uuid,
    target_id uuid,
    untouched boolean NOT NULL
  ) ON COMMIT DROP;

  FOR t IN SELECT id FROM tenants ORDER BY id LOOP
    PERFORM set_config('app.tenant_id', t.id::text, true);

    UPDATE recurring_occurrences o
    SET occurs_on = (o.occurs_at AT TIME ZONE p.time_zone)::date
    FROM recurring_plans p
    WHERE o.tenant_id = t.id AND p.tenant_id = o.tenant_id AND p.id = o.plan_id;

    INSERT INTO occurrence_day_extras (tenant_id, id, appointment_id, target_id, untouched)
    SELECT ranked.tenant_id, ranked.id, ranked.appointment_id, ranked.target_id, ranked.untouched
    FROM (
      SELECT o.tenant_id, o.id, o.appointment_id, o.target_id, u.untouched,
        row_number() OVER (PARTITION BY o.plan_id, o.occurs_on ORDER BY u.untouched, o.occurs_at, o.id) AS rank
      FROM recurring_occurrences o
      LEFT JOIN appointments a ON a.tenant_id = o.tenant_id AND a.id = o.appointment_id
      CROSS JOIN LATERAL (SELECT coalesce(
        o.touched_at IS NULL AND o.skipped_at IS NULL
        AND a.status = 'scheduled' AND a.planned_start = o.occurs_at
        AND NOT EXISTS (SELECT 1 FROM route_stops s WHERE s.tenant_id = t.id AND s.appointment_id = a.id)
        AND NOT EXISTS (SELECT 1 FROM mobile_updates m WHERE m.tenant_id = t.id AND m.appointment_id = a.id)
        AND NOT EXISTS (SELECT 1 FROM visit_reports r WHERE r.tenant_id = t.id
          AND (r.appointment_id = a.id OR r.target_id = o.target_id))
        AND NOT EXISTS (SELECT 1 FROM follow_ups f WHERE f.tenant_id = t.id AND f.target_id = o.target_id)
        AND NOT EXISTS (SELECT 1 FROM portal_requests q WHERE q.tenant_id = t.id
          AND q.resulting_target_id = o.target_id)
        AND NOT EXISTS (SELECT 1 FROM internal_notes n WHERE n.tenant_id = t.id
          AND ((n.object_type = 'appointment' AND n.object_id = a.id)
            OR (n.object_type = 'target' AND n.object_id = o.target_id)))
        AND NOT EXISTS (SELECT 1 FROM external_references x WHERE x.tenant_id = t.id
          AND ((x.object_type = 'appointment' AND x.object_id = a.id)
            OR (x.object_type = 'target' AND x.object_id = o.target_id)))
        AND NOT EXISTS (SELECT 1 FROM appointments b WHERE b.tenant_id = t.id
          AND b.target_id = o.target_id AND b.id <> a.id),
        false) AS untouched) u
      WHERE o.tenant_id = t.id
    ) ranked
    WHERE ranked.rank > 1;

    DELETE FROM timeline_entries e
    USING occurrence_day_extras x
    WHERE x.tenant_id = t.id AND x.untouched
      AND e.tenant_id = t.id AND e.object_type = 'appointment' AND e.object_id = x.appointment_id;
    -- The occurrence points at its appointment and target, so it goes first.
    DELETE FROM recurring_occurrences o
    USING occurrence_day_extras x
    WHERE x.tenant_id = t.id AND o.tenant_id = t.id AND o.id = x.id;
    UPDATE appointments a
    SET recurring_occurrence_id = NULL
    FROM occurrence_day_extras x
    WHERE x.tenant_id = t.id AND NOT x.untouched
      AND a.tenant_id = t.id AND a.recurring_occurrence_id = x.id;
    DELETE FROM appointments a
    USING occurrence_day_extras x
    WHERE x.tenant_id = t.id AND x.untouched AND a.tenant_id = t.id AND a.id = x.appointment_id;
    DELETE FROM targets g
    USING occurrence_day_extras x
    WHERE x.tenant_id = t.id AND x.untouched AND g.tenant_id = t.id AND g.id = x.target_id;
  END LOOP;

  PERFORM set_config('app.tenant_id', '', true);
  DROP TABLE occurrence_day_extras;
END
$$;
--> statement-breakpoint
ALTER TABLE "recurring_occurrences" ALTER COLUMN "occurs_on" SET NOT NULL;
--> statement-breakpoint
CREATE UNIQUE INDEX "recurring_occurrences_day_key" ON "recurring_occurrences" USING btree ("tenant_id","plan_id","occurs_on");
