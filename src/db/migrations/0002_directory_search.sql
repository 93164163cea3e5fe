CREATE TABLE "activity_terms" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"keywords" text NOT NULL,
	"domains" text[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organisation_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"status" text NOT NULL,
	"file_name" text,
	"file_bytes" bigint,
	"actor_user_id" uuid,
	"territory_id" uuid,
	"total_rows" integer,
	"processed_rows" integer DEFAULT 0 NOT NULL,
	"inserted" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"unchanged" integer DEFAULT 0 NOT NULL,
	"rejected" integer DEFAULT 0 NOT NULL,
	"unknown_columns" text[] DEFAULT '{}' NOT NULL,
	"mapped_columns" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"failure" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "organisation_search" (
	"organisation_id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"name_folded" text NOT NULL,
	"document" "tsvector" NOT NULL,
	"activity_codes" text[] NOT NULL,
	"domains" text[] NOT NULL,
	"modes" text[] NOT NULL,
	"publics" text[] NOT NULL,
	"regimes" text[] NOT NULL,
	"commune_codes" text[] NOT NULL,
	"commune_code" text,
	"is_accepting_clients" boolean NOT NULL,
	"latitude" double precision,
	"longitude" double precision,
	"hourly_price_from_cents" integer
);
--> statement-breakpoint
CREATE TABLE "search_words" (
	"word" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
ALTER TABLE "organisation_regimes" ADD COLUMN "departement" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "address_complement" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "prices" jsonb;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "import_hash" text;--> statement-breakpoint
ALTER TABLE "organisation_search" ADD CONSTRAINT "organisation_search_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "organisation_imports_started_idx" ON "organisation_imports" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "organisation_search_commune_idx" ON "organisation_search" USING btree ("commune_code");