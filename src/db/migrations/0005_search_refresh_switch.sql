-- Batch writers (the import) set `proxidom.search_refresh = 'off'` for their transaction and refresh each organisation once at the end of the batch.
CREATE OR REPLACE FUNCTION proxidom_search_on_organisations() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(current_setting('proxidom.search_refresh', true), '') <> 'off' THEN
    PERFORM proxidom_refresh_organisation_search(ARRAY(SELECT id FROM new_rows));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION proxidom_search_on_children_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(current_setting('proxidom.search_refresh', true), '') <> 'off' THEN
    PERFORM proxidom_refresh_organisation_search(ARRAY(SELECT DISTINCT organisation_id FROM new_rows));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION proxidom_search_on_children_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(current_setting('proxidom.search_refresh', true), '') <> 'off' THEN
    PERFORM proxidom_refresh_organisation_search(ARRAY(SELECT DISTINCT organisation_id FROM old_rows));
  END IF;
  RETURN NULL;
END $$;
