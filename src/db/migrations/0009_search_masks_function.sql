-- Bit masks of the search facets (activities, domains, modes, publics, regimes): facet counts become integer
-- tests in one pass over the matching rows. The bit of a value is its position in the list given, which
-- src/features/directory/search-masks.ts keeps equal to the domain's lists (checked by a test).
CREATE OR REPLACE FUNCTION proxidom_mask(vals text[], domain text[]) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(bit_or(1::bigint << (array_position(domain, v) - 1)), 0)::bigint
  FROM unnest(vals) AS v WHERE array_position(domain, v) IS NOT NULL
$$;
