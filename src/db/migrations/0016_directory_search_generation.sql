CREATE TABLE "directory_search_state" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"generation" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
-- The directory now counts facets, filters and ranks in each server process from an in-memory index of
-- organisation_search (src/features/directory/search-index.ts); PostgreSQL keeps the full-text match of the
-- organisations' own words and the page's rows. The generation below tells each process when to reload.
INSERT INTO directory_search_state (id, generation) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION proxidom_search_generation_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM new_rows) THEN
    UPDATE directory_search_state SET generation = generation + 1 WHERE id = 1;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION proxidom_search_generation_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM old_rows) THEN
    UPDATE directory_search_state SET generation = generation + 1 WHERE id = 1;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION proxidom_search_generation_any() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE directory_search_state SET generation = generation + 1 WHERE id = 1;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER organisation_search_generation_insert AFTER INSERT ON organisation_search REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION proxidom_search_generation_new();
--> statement-breakpoint
CREATE TRIGGER organisation_search_generation_update AFTER UPDATE ON organisation_search REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION proxidom_search_generation_new();
--> statement-breakpoint
CREATE TRIGGER organisation_search_generation_delete AFTER DELETE ON organisation_search REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION proxidom_search_generation_old();
--> statement-breakpoint
CREATE TRIGGER organisation_search_generation_truncate AFTER TRUNCATE ON organisation_search FOR EACH STATEMENT EXECUTE FUNCTION proxidom_search_generation_any();
--> statement-breakpoint
-- The document holds the organisation's own words only (name A, communes served C, description D): the activities'
-- names and keywords are matched in memory through the activities' bit mask, which is exact since a tsquery of
-- plainto_tsquery is a conjunction of lexemes. Rows whose content did not change are not rewritten (no new generation).
CREATE OR REPLACE FUNCTION proxidom_refresh_organisation_search(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO organisation_search AS s (organisation_id, name, name_folded, document, activity_codes, domains, modes, publics,
    regimes, commune_codes, commune_code, is_accepting_clients, latitude, longitude, hourly_price_from_cents)
  WITH act AS (
    SELECT oa.organisation_id, array_agg(DISTINCT oa.activity_code ORDER BY oa.activity_code) AS codes,
      array_agg(DISTINCT oa.mode ORDER BY oa.mode) AS modes, min(oa.hourly_price_cents) AS min_price
    FROM organisation_activities oa WHERE oa.organisation_id = ANY(ids) GROUP BY oa.organisation_id
  ),
  dom AS (
    SELECT x.organisation_id, array_agg(DISTINCT d ORDER BY d) AS domains
    FROM (SELECT DISTINCT organisation_id, activity_code FROM organisation_activities WHERE organisation_id = ANY(ids)) x
    JOIN activity_terms t ON t.code = x.activity_code, unnest(t.domains) d
    GROUP BY x.organisation_id
  ),
  served AS (
    SELECT x.organisation_id, array_agg(x.code ORDER BY x.code) AS codes, string_agg(cm.name, ' ; ') AS names
    FROM (SELECT oc.organisation_id, oc.commune_code AS code FROM organisation_communes oc WHERE oc.organisation_id = ANY(ids)
          UNION SELECT o.id, o.commune_code FROM organisations o WHERE o.id = ANY(ids) AND o.commune_code IS NOT NULL) x
    LEFT JOIN communes cm ON cm.code = x.code
    GROUP BY x.organisation_id
  ),
  reg AS (
    SELECT r.organisation_id, array_agg(DISTINCT r.kind ORDER BY r.kind) AS kinds FROM organisation_regimes r
    WHERE r.organisation_id = ANY(ids) GROUP BY r.organisation_id
  )
  SELECT o.id, o.name, proxidom_fold(o.name),
    setweight(to_tsvector('fr_unaccent', o.name), 'A')
      || setweight(to_tsvector('fr_unaccent', coalesce(sv.names, '')), 'C')
      || setweight(to_tsvector('fr_unaccent', coalesce(o.description, '')), 'D'),
    coalesce(act.codes, '{}'), coalesce(dom.domains, '{}'),
    ARRAY(SELECT DISTINCT m FROM unnest(o.modes || coalesce(act.modes, '{}')) m ORDER BY m),
    o.publics, coalesce(reg.kinds, '{}'), coalesce(sv.codes, '{}'), o.commune_code, o.is_accepting_clients,
    coalesce(o.latitude, c.latitude), coalesce(o.longitude, c.longitude), act.min_price
  FROM organisations o
  LEFT JOIN communes c ON c.code = o.commune_code
  LEFT JOIN act ON act.organisation_id = o.id
  LEFT JOIN dom ON dom.organisation_id = o.id
  LEFT JOIN served sv ON sv.organisation_id = o.id
  LEFT JOIN reg ON reg.organisation_id = o.id
  WHERE o.id = ANY(ids)
  ON CONFLICT (organisation_id) DO UPDATE SET name = excluded.name, name_folded = excluded.name_folded, document = excluded.document,
    activity_codes = excluded.activity_codes, domains = excluded.domains, modes = excluded.modes, publics = excluded.publics,
    regimes = excluded.regimes, commune_codes = excluded.commune_codes, commune_code = excluded.commune_code,
    is_accepting_clients = excluded.is_accepting_clients, latitude = excluded.latitude, longitude = excluded.longitude,
    hourly_price_from_cents = excluded.hourly_price_from_cents
  WHERE (s.name, s.name_folded, s.document, s.activity_codes, s.domains, s.modes, s.publics, s.regimes, s.commune_codes,
      s.commune_code, s.is_accepting_clients, s.latitude, s.longitude, s.hourly_price_from_cents)
    IS DISTINCT FROM (excluded.name, excluded.name_folded, excluded.document, excluded.activity_codes, excluded.domains,
      excluded.modes, excluded.publics, excluded.regimes, excluded.commune_codes, excluded.commune_code,
      excluded.is_accepting_clients, excluded.latitude, excluded.longitude, excluded.hourly_price_from_cents);

  INSERT INTO search_words (word)
  SELECT DISTINCT w FROM organisation_search s, regexp_split_to_table(s.name_folded, '[^a-z0-9]+') w
  WHERE s.organisation_id = ANY(ids) AND length(w) >= 3
  ON CONFLICT (word) DO NOTHING;
END $$;
--> statement-breakpoint
SELECT proxidom_refresh_organisation_search(ARRAY(SELECT id FROM organisations));
