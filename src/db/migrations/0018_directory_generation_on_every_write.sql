-- Custom SQL migration file, put your code below! --
-- The search generation moves with every refresh of organisations (profile edit, import batch), not only when a
-- search row changes.
CREATE OR REPLACE FUNCTION proxidom_refresh_organisation_search(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO organisation_search AS s (organisation_id, name, name_folded, document, activity_codes, domains, modes, publics,
    regimes, commune_codes, commune_code, is_accepting_clients, latitude, longitude, hourly_price_from_cents)
  SELECT o.id, o.name, proxidom_fold(o.name),
    setweight(to_tsvector('fr_unaccent', o.name), 'A')
      || setweight(to_tsvector('fr_unaccent', coalesce(sv.names, '')), 'C')
      || setweight(to_tsvector('fr_unaccent', coalesce(o.description, '')), 'D'),
    coalesce(act.codes, '{}'), coalesce(act.domains, '{}'),
    ARRAY(SELECT DISTINCT m FROM unnest(o.modes || coalesce(act.modes, '{}')) m ORDER BY m),
    o.publics, coalesce(reg.kinds, '{}'), coalesce(sv.codes, '{}'), o.commune_code, o.is_accepting_clients,
    coalesce(o.latitude, site.latitude), coalesce(o.longitude, site.longitude), act.min_price
  FROM unnest(ids) AS i(id)
  CROSS JOIN LATERAL (SELECT * FROM organisations WHERE id = i.id) o
  LEFT JOIN LATERAL (SELECT cm.latitude, cm.longitude FROM communes cm WHERE cm.code = o.commune_code) site ON true
  LEFT JOIN LATERAL (
    SELECT array_agg(DISTINCT oa.activity_code ORDER BY oa.activity_code) AS codes,
      array_agg(DISTINCT oa.mode ORDER BY oa.mode) AS modes, min(oa.hourly_price_cents) AS min_price,
      (SELECT array_agg(DISTINCT d ORDER BY d) FROM activity_terms t, unnest(t.domains) d
        WHERE t.code = ANY(array_agg(oa.activity_code))) AS domains
    FROM organisation_activities oa WHERE oa.organisation_id = i.id
  ) act ON true
  LEFT JOIN LATERAL (
    SELECT array_agg(x.code ORDER BY x.code) AS codes, string_agg(cm.name, ' ; ') AS names
    FROM (SELECT oc.commune_code AS code FROM organisation_communes oc WHERE oc.organisation_id = i.id
          UNION SELECT o.commune_code WHERE o.commune_code IS NOT NULL) x
    LEFT JOIN LATERAL (SELECT c.name FROM communes c WHERE c.code = x.code) cm ON true
  ) sv ON true
  LEFT JOIN LATERAL (
    SELECT array_agg(DISTINCT r.kind ORDER BY r.kind) AS kinds FROM organisation_regimes r WHERE r.organisation_id = i.id
  ) reg ON true
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
  SELECT DISTINCT w FROM unnest(ids) AS i(id), LATERAL (SELECT name_folded FROM organisation_search WHERE organisation_id = i.id) s,
    regexp_split_to_table(s.name_folded, '[^a-z0-9]+') w
  WHERE length(w) >= 3
  ON CONFLICT (word) DO NOTHING;

  -- Any write of these organisations moves the generation, even when their search rows stay the same: answers
  -- also show fields kept outside them (SIRET, legal form, postal code, quality labels), and the answer caches
  -- of every server process are valid for one generation.
  IF coalesce(array_length(ids, 1), 0) > 0 THEN
    UPDATE directory_search_state SET generation = generation + 1 WHERE id = 1;
  END IF;
END $$;
