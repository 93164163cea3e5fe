CREATE TABLE "check_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"visit_id" uuid NOT NULL,
	"worker_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"at_text" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"latitude" double precision,
	"longitude" double precision,
	"accuracy_metres" double precision,
	"idempotency_key" text NOT NULL,
	"response" jsonb,
	"source" text DEFAULT 'direct' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visit_actuals" (
	"visit_id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"worker_id" uuid,
	"actual_start_at" timestamp with time zone,
	"actual_end_at" timestamp with time zone,
	"tasks_done" text[] DEFAULT '{}' NOT NULL,
	"transmission" text,
	"reported_at" timestamp with time zone,
	"report_idempotency_key" text,
	"validation_status" text DEFAULT 'pending' NOT NULL,
	"anomaly_codes" text[] DEFAULT '{}' NOT NULL,
	"reviewed_by_user_id" uuid,
	"reviewed_at" timestamp with time zone,
	"review_reason" text,
	"checked_start_at" timestamp with time zone,
	"checked_end_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "worker_travel_credits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"worker_id" uuid NOT NULL,
	"local_date" date NOT NULL,
	"legs" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"total_minutes" integer DEFAULT 0 NOT NULL,
	"total_km" double precision DEFAULT 0 NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "check_events" ADD CONSTRAINT "check_events_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_events" ADD CONSTRAINT "check_events_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_events" ADD CONSTRAINT "check_events_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_actuals" ADD CONSTRAINT "visit_actuals_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_actuals" ADD CONSTRAINT "visit_actuals_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_actuals" ADD CONSTRAINT "visit_actuals_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_actuals" ADD CONSTRAINT "visit_actuals_reviewed_by_user_id_users_id_fk" FOREIGN KEY ("reviewed_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "worker_travel_credits" ADD CONSTRAINT "worker_travel_credits_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "worker_travel_credits" ADD CONSTRAINT "worker_travel_credits_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "check_events_worker_key_idx" ON "check_events" USING btree ("worker_id","idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "check_events_visit_kind_idx" ON "check_events" USING btree ("visit_id","kind");--> statement-breakpoint
CREATE INDEX "check_events_organisation_at_idx" ON "check_events" USING btree ("organisation_id","at");--> statement-breakpoint
CREATE INDEX "visit_actuals_organisation_status_idx" ON "visit_actuals" USING btree ("organisation_id","validation_status");--> statement-breakpoint
CREATE INDEX "visit_actuals_worker_start_idx" ON "visit_actuals" USING btree ("worker_id","actual_start_at");--> statement-breakpoint
CREATE UNIQUE INDEX "worker_travel_credits_worker_day_idx" ON "worker_travel_credits" USING btree ("worker_id","local_date");--> statement-breakpoint
CREATE INDEX "worker_travel_credits_organisation_day_idx" ON "worker_travel_credits" USING btree ("organisation_id","local_date");