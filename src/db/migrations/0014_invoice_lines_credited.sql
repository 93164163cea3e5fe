DROP INDEX "invoice_lines_visit_idx";--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD COLUMN "is_credited" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "invoice_lines_live_visit_idx" ON "invoice_lines" USING btree ("visit_id") WHERE "invoice_lines"."visit_id" is not null and not "invoice_lines"."is_credited";--> statement-breakpoint
CREATE INDEX "invoice_lines_visit_idx" ON "invoice_lines" USING btree ("visit_id");--> statement-breakpoint
-- Lines of invoices already cancelled by a credit note are credited: their visits may be invoiced again.
UPDATE "invoice_lines" SET "is_credited" = true WHERE "invoice_id" IN (SELECT "id" FROM "invoices" WHERE "status" = 'cancelled_by_credit_note');
--> statement-breakpoint
-- An invoice cancelled by a credit note stays cancelled (else a visit could be on two live invoices).
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
  IF OLD.status = 'cancelled_by_credit_note' AND NEW.status IS DISTINCT FROM OLD.status THEN
    RAISE EXCEPTION 'invoice % is cancelled by a credit note for good', OLD.number USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
-- When a credit note cancels an invoice, its lines are credited in the same transaction.
CREATE OR REPLACE FUNCTION proxidom_invoice_credit_lines() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE invoice_lines SET is_credited = true WHERE invoice_id = NEW.id AND NOT is_credited;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER invoices_credit_lines AFTER UPDATE OF status ON invoices FOR EACH ROW
  WHEN (NEW.status = 'cancelled_by_credit_note' AND OLD.status IS DISTINCT FROM NEW.status)
  EXECUTE FUNCTION proxidom_invoice_credit_lines();
--> statement-breakpoint
-- A line is credited only once its invoice is cancelled, and for good; it never points to another visit.
CREATE OR REPLACE FUNCTION proxidom_invoice_line_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Only the references that foreign keys may set to null change (a deleted visit, worker or beneficiary).
  IF NEW.invoice_id IS DISTINCT FROM OLD.invoice_id OR NEW.amount_ttc_cents IS DISTINCT FROM OLD.amount_ttc_cents
     OR NEW.amount_ht_cents IS DISTINCT FROM OLD.amount_ht_cents OR NEW.vat_cents IS DISTINCT FROM OLD.vat_cents
     OR NEW.duration_min IS DISTINCT FROM OLD.duration_min OR NEW.hourly_price_ttc_cents IS DISTINCT FROM OLD.hourly_price_ttc_cents
     OR NEW.funder_cents IS DISTINCT FROM OLD.funder_cents OR NEW.worker_ref IS DISTINCT FROM OLD.worker_ref
     OR NEW.worker_name IS DISTINCT FROM OLD.worker_name OR NEW.service_date IS DISTINCT FROM OLD.service_date
     OR (NEW.visit_id IS NOT NULL AND NEW.visit_id IS DISTINCT FROM OLD.visit_id) THEN
    RAISE EXCEPTION 'invoice lines are immutable once issued' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.is_credited IS DISTINCT FROM OLD.is_credited AND (OLD.is_credited OR NOT EXISTS (
       SELECT 1 FROM invoices WHERE id = NEW.invoice_id AND status = 'cancelled_by_credit_note')) THEN
    RAISE EXCEPTION 'an invoice line is credited only by the credit note of its invoice' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
