-- Field execution and visit reports (issue 10). No new table, so no row-level security changes.
-- - appointments/mobile_updates: two more statuses, in_progress and not_completed (the visit's own
--   end when the work could not be done; the reason is the status update's text).
-- - mobile_updates.client_id: the id the phone made for an update; a replay is applied once.
-- - visit_reports.follow_up_due_date, returned_by_id; follow_ups.due_date: "what, by when".
-- - timeline_entries.actor_type/actor_id: who did what the entry points at (older entries: null).
-- - timeline kinds for moves, problems, returned reports, follow-up progress and notes.
-- - tenant_settings.capture_position: positions are taken with status updates only when on.
ALTER TABLE "mobile_updates" DROP CONSTRAINT "mobile_updates_status_check";--> statement-breakpoint
ALTER TABLE "appointments" DROP CONSTRAINT "appointments_status_check";--> statement-breakpoint
ALTER TABLE "timeline_entries" DROP CONSTRAINT "timeline_entries_kind_check";--> statement-breakpoint
ALTER TABLE "follow_ups" ADD COLUMN "due_date" date;--> statement-breakpoint
ALTER TABLE "mobile_updates" ADD COLUMN "client_id" uuid;--> statement-breakpoint
ALTER TABLE "visit_reports" ADD COLUMN "follow_up_due_date" date;--> statement-breakpoint
ALTER TABLE "visit_reports" ADD COLUMN "returned_by_id" uuid;--> statement-breakpoint
ALTER TABLE "timeline_entries" ADD COLUMN "actor_type" text;--> statement-breakpoint
ALTER TABLE "timeline_entries" ADD COLUMN "actor_id" uuid;--> statement-breakpoint
ALTER TABLE "tenant_settings" ADD COLUMN "capture_position" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "visit_reports" ADD CONSTRAINT "visit_reports_returned_by_id_staff_users_id_fk" FOREIGN KEY ("returned_by_id") REFERENCES "public"."staff_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "mobile_updates_client_key" ON "mobile_updates" USING btree ("tenant_id","client_id");--> statement-breakpoint
ALTER TABLE "mobile_updates" ADD CONSTRAINT "mobile_updates_status_check" CHECK ("mobile_updates"."status" in ('scheduled', 'confirmed', 'en_route', 'on_site', 'in_progress', 'completed', 'not_completed', 'cancelled', 'no_show'));--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_status_check" CHECK ("appointments"."status" in ('scheduled', 'confirmed', 'en_route', 'on_site', 'in_progress', 'completed', 'not_completed', 'cancelled', 'no_show'));--> statement-breakpoint
ALTER TABLE "timeline_entries" ADD CONSTRAINT "timeline_entries_actor_type_check" CHECK ("timeline_entries"."actor_type" in ('staff', 'portal_user', 'integration', 'system'));--> statement-breakpoint
ALTER TABLE "timeline_entries" ADD CONSTRAINT "timeline_entries_kind_check" CHECK ("timeline_entries"."kind" in ('target_created', 'target_completed', 'appointment_planned', 'appointment_moved', 'appointment_completed', 'appointment_not_completed', 'appointment_cancelled', 'problem_reported', 'route_stop_visited', 'recurring_visit_generated', 'visit_report_submitted', 'visit_report_approved', 'visit_report_returned', 'visit_report_published', 'follow_up_created', 'follow_up_planned', 'follow_up_done', 'internal_note_added', 'portal_request_submitted', 'portal_request_reviewed', 'imported_job'));