CREATE TABLE "billing_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"month" text NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"invoice_count" integer DEFAULT 0 NOT NULL,
	"visit_count" integer DEFAULT 0 NOT NULL,
	"total_cents" integer DEFAULT 0 NOT NULL,
	"error" text,
	"started_by" uuid,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "departement_statements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"month" text NOT NULL,
	"departement_code" text NOT NULL,
	"funder" text NOT NULL,
	"amount_cents" integer DEFAULT 0 NOT NULL,
	"minutes" integer DEFAULT 0 NOT NULL,
	"invoice_count" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invoice_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"visit_id" uuid,
	"beneficiary_id" uuid,
	"beneficiary_name" text NOT NULL,
	"service_date" date NOT NULL,
	"start_time" text NOT NULL,
	"worker_id" uuid,
	"worker_ref" text NOT NULL,
	"worker_name" text NOT NULL,
	"activity_code" text NOT NULL,
	"activity_label" text NOT NULL,
	"mode" text NOT NULL,
	"duration_min" integer NOT NULL,
	"hourly_price_ttc_cents" integer NOT NULL,
	"amount_ttc_cents" integer NOT NULL,
	"amount_ht_cents" integer NOT NULL,
	"vat_rate_bp" integer NOT NULL,
	"vat_cents" integer NOT NULL,
	"funder" text,
	"funder_cents" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invoice_sequences" (
	"organisation_id" uuid NOT NULL,
	"year" smallint NOT NULL,
	"last_number" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "invoice_sequences_organisation_id_year_pk" PRIMARY KEY("organisation_id","year")
);
--> statement-breakpoint
CREATE TABLE "invoices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"billing_run_id" uuid,
	"number" text NOT NULL,
	"kind" text DEFAULT 'invoice' NOT NULL,
	"credited_invoice_id" uuid,
	"credit_reason" text,
	"month" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"total_ttc_cents" integer NOT NULL,
	"total_ht_cents" integer NOT NULL,
	"total_vat_cents" integer NOT NULL,
	"apa_cents" integer DEFAULT 0 NOT NULL,
	"pch_cents" integer DEFAULT 0 NOT NULL,
	"departement_code" text,
	"household_share_cents" integer NOT NULL,
	"status" text DEFAULT 'issued' NOT NULL,
	"payment_means" text,
	"snapshot" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"amount_cents" integer NOT NULL,
	"means" text NOT NULL,
	"paid_on" date NOT NULL,
	"household_part_cents" integer,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tax_certificates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"year" smallint NOT NULL,
	"total_invoiced_cents" integer NOT NULL,
	"apa_cents" integer NOT NULL,
	"pch_cents" integer NOT NULL,
	"cesu_prefinance_cents" integer NOT NULL,
	"avance_immediate_cents" integer NOT NULL,
	"spending_net_of_aids_cents" integer NOT NULL,
	"amount_paid_by_client_cents" integer NOT NULL,
	"excluded_cash_cents" integer DEFAULT 0 NOT NULL,
	"content" jsonb NOT NULL,
	"issued_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "urssaf_clients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"id_client" text NOT NULL,
	"birth_date" date NOT NULL,
	"status" text DEFAULT 'registered' NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "urssaf_payment_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"id_demande_paiement" text,
	"status_code" text,
	"status_label" text,
	"rejection_code" text,
	"rejection_comment" text,
	"errors" jsonb,
	"transfer_amount_cents" integer,
	"transfer_date" date,
	"household_part_cents" integer NOT NULL,
	"advance_cents" integer NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"checked_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "billing_runs" ADD CONSTRAINT "billing_runs_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_runs" ADD CONSTRAINT "billing_runs_started_by_users_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "departement_statements" ADD CONSTRAINT "departement_statements_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_beneficiary_id_beneficiaries_id_fk" FOREIGN KEY ("beneficiary_id") REFERENCES "public"."beneficiaries"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_sequences" ADD CONSTRAINT "invoice_sequences_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_billing_run_id_billing_runs_id_fk" FOREIGN KEY ("billing_run_id") REFERENCES "public"."billing_runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tax_certificates" ADD CONSTRAINT "tax_certificates_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tax_certificates" ADD CONSTRAINT "tax_certificates_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "urssaf_clients" ADD CONSTRAINT "urssaf_clients_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "urssaf_clients" ADD CONSTRAINT "urssaf_clients_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "urssaf_payment_requests" ADD CONSTRAINT "urssaf_payment_requests_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "urssaf_payment_requests" ADD CONSTRAINT "urssaf_payment_requests_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "billing_runs_organisation_month_idx" ON "billing_runs" USING btree ("organisation_id","month");--> statement-breakpoint
CREATE UNIQUE INDEX "departement_statements_key_idx" ON "departement_statements" USING btree ("organisation_id","month","departement_code","funder");--> statement-breakpoint
CREATE UNIQUE INDEX "invoice_lines_visit_idx" ON "invoice_lines" USING btree ("visit_id");--> statement-breakpoint
CREATE INDEX "invoice_lines_invoice_idx" ON "invoice_lines" USING btree ("invoice_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_organisation_number_idx" ON "invoices" USING btree ("organisation_id","number");--> statement-breakpoint
CREATE INDEX "invoices_organisation_month_idx" ON "invoices" USING btree ("organisation_id","month");--> statement-breakpoint
CREATE INDEX "invoices_household_idx" ON "invoices" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "payments_invoice_idx" ON "payments" USING btree ("invoice_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tax_certificates_key_idx" ON "tax_certificates" USING btree ("organisation_id","household_id","year");--> statement-breakpoint
CREATE INDEX "tax_certificates_household_idx" ON "tax_certificates" USING btree ("household_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "urssaf_clients_key_idx" ON "urssaf_clients" USING btree ("organisation_id","household_id");--> statement-breakpoint
CREATE INDEX "urssaf_payment_requests_invoice_idx" ON "urssaf_payment_requests" USING btree ("invoice_id");--> statement-breakpoint
CREATE INDEX "urssaf_payment_requests_organisation_idx" ON "urssaf_payment_requests" USING btree ("organisation_id","status_code");--> statement-breakpoint
-- Invoices are immutable once issued: only the payment status and means may change (corrections go through a credit note).
CREATE OR REPLACE FUNCTION proxidom_invoice_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.number IS DISTINCT FROM OLD.number OR NEW.kind IS DISTINCT FROM OLD.kind
     OR NEW.organisation_id IS DISTINCT FROM OLD.organisation_id OR NEW.household_id IS DISTINCT FROM OLD.household_id
     OR NEW.month IS DISTINCT FROM OLD.month OR NEW.issued_at IS DISTINCT FROM OLD.issued_at
     OR NEW.total_ttc_cents IS DISTINCT FROM OLD.total_ttc_cents OR NEW.total_ht_cents IS DISTINCT FROM OLD.total_ht_cents
     OR NEW.total_vat_cents IS DISTINCT FROM OLD.total_vat_cents OR NEW.apa_cents IS DISTINCT FROM OLD.apa_cents
     OR NEW.pch_cents IS DISTINCT FROM OLD.pch_cents OR NEW.household_share_cents IS DISTINCT FROM OLD.household_share_cents
     OR NEW.credited_invoice_id IS DISTINCT FROM OLD.credited_invoice_id OR NEW.snapshot IS DISTINCT FROM OLD.snapshot THEN
    RAISE EXCEPTION 'invoice % is immutable once issued', OLD.number USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER invoices_immutable BEFORE UPDATE ON invoices FOR EACH ROW EXECUTE FUNCTION proxidom_invoice_immutable();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION proxidom_invoice_line_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Only the references that foreign keys may set to null change (a deleted visit, worker or beneficiary).
  IF NEW.invoice_id IS DISTINCT FROM OLD.invoice_id OR NEW.amount_ttc_cents IS DISTINCT FROM OLD.amount_ttc_cents
     OR NEW.amount_ht_cents IS DISTINCT FROM OLD.amount_ht_cents OR NEW.vat_cents IS DISTINCT FROM OLD.vat_cents
     OR NEW.duration_min IS DISTINCT FROM OLD.duration_min OR NEW.hourly_price_ttc_cents IS DISTINCT FROM OLD.hourly_price_ttc_cents
     OR NEW.funder_cents IS DISTINCT FROM OLD.funder_cents OR NEW.worker_ref IS DISTINCT FROM OLD.worker_ref
     OR NEW.worker_name IS DISTINCT FROM OLD.worker_name OR NEW.service_date IS DISTINCT FROM OLD.service_date THEN
    RAISE EXCEPTION 'invoice lines are immutable once issued' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER invoice_lines_immutable BEFORE UPDATE ON invoice_lines FOR EACH ROW EXECUTE FUNCTION proxidom_invoice_line_immutable();
