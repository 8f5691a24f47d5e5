-- An appointment lasts at most 24 hours (the domain has always refused longer ones), so a query for
-- the appointments overlapping a window can look back one day from its start on the
-- (tenant_id, planned_start) index instead of reading every earlier appointment. Added NOT VALID,
-- then validated: a database holding an older, longer row still migrates (with a notice) and
-- refuses new ones; such a row may then be missing from the board's week when it started more
-- than a day before the week.
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_length_limit" CHECK ("appointments"."planned_end" - "appointments"."planned_start" <= interval '24 hours') NOT VALID;
--> statement-breakpoint
DO $$
BEGIN
  ALTER TABLE "appointments" VALIDATE CONSTRAINT "appointments_length_limit";
EXCEPTION WHEN check_violation THEN
  RAISE NOTICE 'Some appointments last more than 24 hours; appointments_length_limit applies to new rows only.';
END
$$;
