-- The Customer Portal: invitations remember their language, name, resends and the account they
-- created; a contact granted several customers keeps the one they look at; the tenant chooses
-- whether the portal names technicians; requests are found by location and by their target; the
-- portal timeline follows requests to planned and completed; file downloads are security events.
ALTER TABLE "security_events" DROP CONSTRAINT "security_events_kind_check";--> statement-breakpoint
ALTER TABLE "timeline_entries" DROP CONSTRAINT "timeline_entries_kind_check";--> statement-breakpoint
ALTER TABLE "portal_invitations" ADD COLUMN "name" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "portal_invitations" ADD COLUMN "locale" text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE "portal_invitations" ADD COLUMN "last_sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "portal_invitations" ADD COLUMN "send_count" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "portal_invitations" ADD COLUMN "portal_user_id" uuid;--> statement-breakpoint
ALTER TABLE "portal_users" ADD COLUMN "current_customer_id" uuid;--> statement-breakpoint
ALTER TABLE "tenant_settings" ADD COLUMN "portal_shows_technician" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "portal_invitations" ADD CONSTRAINT "portal_invitations_user_fk" FOREIGN KEY ("tenant_id","portal_user_id") REFERENCES "public"."portal_users"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "portal_requests_location_idx" ON "portal_requests" USING btree ("tenant_id","location_id","created_at");--> statement-breakpoint
CREATE INDEX "portal_requests_target_idx" ON "portal_requests" USING btree ("tenant_id","resulting_target_id");--> statement-breakpoint
ALTER TABLE "security_events" ADD CONSTRAINT "security_events_kind_check" CHECK ("security_events"."kind" in ('sign_in_failed', 'password_changed', 'password_reset_requested', 'session_revoked', 'grant_revoked', 'grant_changed', 'invitation_accepted', 'portal_file_downloaded'));--> statement-breakpoint
ALTER TABLE "timeline_entries" ADD CONSTRAINT "timeline_entries_kind_check" CHECK ("timeline_entries"."kind" in ('target_created', 'target_completed', 'appointment_planned', 'appointment_moved', 'appointment_completed', 'appointment_not_completed', 'appointment_cancelled', 'problem_reported', 'route_stop_visited', 'recurring_visit_generated', 'visit_report_submitted', 'visit_report_approved', 'visit_report_returned', 'visit_report_published', 'follow_up_created', 'follow_up_planned', 'follow_up_done', 'internal_note_added', 'portal_request_submitted', 'portal_request_reviewed', 'portal_request_planned', 'portal_request_completed', 'imported_job'));