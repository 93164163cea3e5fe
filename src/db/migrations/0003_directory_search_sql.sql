-- Directory search: French text search without accents, typo vocabulary, search documents kept by triggers.
CREATE OR REPLACE FUNCTION proxidom_fold(text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$;
--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION fr_unaccent (COPY = french);
--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION fr_unaccent ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
--> statement-breakpoint
INSERT INTO "activity_terms" ("code", "name", "keywords", "domains") VALUES
  ('garde-enfants-moins-3-ans', 'Garde d''enfants à domicile de moins de 3 ans', 'garde d''enfants ; garde de bébé ; nounou ; nourrice ; baby-sitting ; baby-sitter ; bébé ; nourrisson ; petite enfance ; enfant handicapé', ARRAY['famille']::text[]),
  ('accompagnement-enfants-moins-3-ans', 'Accompagnement des enfants de moins de 3 ans', 'accompagnement d''enfants ; sortie de crèche ; promenade bébé ; trajet crèche ; enfant handicapé', ARRAY['famille']::text[]),
  ('assistance-personnes-agees-handicapees', 'Assistance aux personnes âgées, handicapées ou atteintes de pathologies chroniques', 'auxiliaire de vie ; aide à domicile ; aide aux personnes âgées ; maintien à domicile ; aide à la toilette ; toilette ; lever ; coucher ; dépendance ; perte d’autonomie ; perte d''autonomie ; handicap ; garde-malade ; garde de nuit ; aidant ; répit ; APA ; PCH ; SAAD ; SAD', ARRAY['personnes_dependantes']::text[]),
  ('conduite-vehicule-personnes-dependantes', 'Conduite du véhicule personnel des personnes dépendantes', 'chauffeur ; conduite ; transport ; véhicule ; voiture ; personne âgée ; handicap', ARRAY['personnes_dependantes']::text[]),
  ('accompagnement-personnes-dependantes', 'Accompagnement des personnes dépendantes hors de leur domicile', 'accompagnement ; sortie ; promenade ; rendez-vous médical ; aide à la mobilité ; transport accompagné ; personne âgée ; handicap', ARRAY['personnes_dependantes']::text[]),
  ('entretien-maison', 'Entretien de la maison et travaux ménagers', 'ménage ; aide ménagère ; femme de ménage ; homme de ménage ; repassage ; nettoyage ; entretien ; vitres ; travaux ménagers ; employé de maison ; linge ; aide à domicile', ARRAY['vie_quotidienne']::text[]),
  ('petits-travaux-jardinage', 'Petits travaux de jardinage, y compris le débroussaillage', 'jardinage ; jardinier ; tonte ; pelouse ; gazon ; taille de haies ; haie ; élagage ; désherbage ; débroussaillage ; feuilles ; potager ; espaces verts', ARRAY['vie_quotidienne']::text[]),
  ('petit-bricolage', 'Travaux de petit bricolage dits « homme toutes mains »', 'bricolage ; petit bricolage ; homme toutes mains ; homme à tout faire ; montage de meubles ; étagère ; ampoule ; petites réparations ; petits travaux', ARRAY['vie_quotidienne']::text[]),
  ('garde-enfants-plus-3-ans', 'Garde d''enfants à domicile de plus de 3 ans', 'garde d''enfants ; baby-sitting ; baby-sitter ; nounou ; sortie d''école ; périscolaire ; garde partagée ; mercredi', ARRAY['famille']::text[]),
  ('soutien-scolaire-cours', 'Soutien scolaire ou cours à domicile', 'soutien scolaire ; cours particuliers ; aide aux devoirs ; devoirs ; professeur ; cours à domicile ; cours de musique ; cours de langue ; maths ; révisions ; bac ; brevet', ARRAY['famille']::text[]),
  ('soins-esthetiques-personnes-dependantes', 'Soins d’esthétique à domicile pour les personnes dépendantes', 'esthétique ; esthéticienne ; coiffure ; coiffeur à domicile ; manucure ; soins de beauté ; pédicure ; bien-être', ARRAY['personnes_dependantes']::text[]),
  ('preparation-repas', 'Préparation de repas à domicile', 'repas ; cuisine ; préparation des repas ; cuisinier à domicile ; courses ; aide aux repas', ARRAY['vie_quotidienne']::text[]),
  ('livraison-repas', 'Livraison de repas à domicile', 'portage de repas ; livraison de repas ; repas à domicile ; plateau repas', ARRAY['vie_quotidienne']::text[]),
  ('collecte-livraison-linge', 'Collecte et livraison à domicile de linge repassé', 'linge ; collecte de linge ; pressing ; repassage à l’extérieur ; livraison de linge ; blanchisserie', ARRAY['vie_quotidienne']::text[]),
  ('livraison-courses', 'Livraison de courses à domicile', 'livraison de courses ; courses ; médicaments ; portage ; épicerie', ARRAY['vie_quotidienne']::text[]),
  ('assistance-informatique', 'Assistance informatique à domicile', 'informatique ; ordinateur ; internet ; dépannage informatique ; initiation informatique ; tablette ; smartphone ; box ; wifi ; numérique', ARRAY['famille']::text[]),
  ('soins-animaux-compagnie', 'Soins et promenades d''animaux de compagnie des personnes dépendantes', 'animaux ; chien ; chat ; promenade de chien ; pet-sitting ; garde d’animaux ; litière', ARRAY['personnes_dependantes']::text[]),
  ('vigilance-residence', 'Maintenance, entretien et vigilance temporaires de la résidence', 'gardiennage ; surveillance de maison ; vigilance ; absence ; vacances ; arrosage ; courrier ; résidence secondaire', ARRAY['vie_quotidienne']::text[]),
  ('assistance-administrative', 'Assistance administrative à domicile', 'administratif ; paperasse ; papiers ; démarches administratives ; courrier ; formulaires ; déclaration de revenus ; impôts ; secrétariat', ARRAY['famille']::text[]),
  ('accompagnement-enfants-plus-3-ans', 'Accompagnement des enfants de plus de 3 ans', 'accompagnement d''enfants ; trajet école ; sortie d''école ; activités extrascolaires ; conduite enfants', ARRAY['famille']::text[]),
  ('teleassistance-visioassistance', 'Téléassistance et visio-assistance', 'téléassistance ; téléalarme ; bouton d’appel ; bouton d''appel ; détecteur de chute ; visio-assistance ; médaillon ; alarme', ARRAY['vie_quotidienne', 'personnes_dependantes']::text[]),
  ('interprete-lsf-codeur-lpc', 'Interprète en langue des signes, technicien de l’écrit, codeur en langage parlé complété', 'langue des signes ; LSF ; interprète ; codeur LPC ; LPC ; surdité ; sourd ; malentendant ; transcription', ARRAY['personnes_dependantes']::text[]),
  ('conduite-vehicule-invalidite-temporaire', 'Conduite du véhicule des personnes ayant une invalidité temporaire', 'chauffeur ; conduite ; invalidité temporaire ; fracture ; convalescence ; voiture', ARRAY['personnes_dependantes']::text[]),
  ('accompagnement-invalidite-temporaire', 'Accompagnement hors du domicile des personnes ayant une invalidité temporaire', 'accompagnement ; invalidité temporaire ; convalescence ; sortie ; rendez-vous médical', ARRAY['personnes_dependantes']::text[]),
  ('assistance-besoin-temporaire', 'Assistance aux personnes ayant besoin temporairement d''une aide personnelle à domicile', 'retour d''hospitalisation ; sortie d’hôpital ; convalescence ; aide temporaire ; auxiliaire de vie ; aide à domicile ; grossesse ; maternité', ARRAY['personnes_dependantes']::text[]),
  ('coordination-delivrance-sap', 'Coordination et délivrance des services à la personne', 'coordination ; intermédiation ; mise en relation ; plateforme ; conciergerie', ARRAY['vie_quotidienne']::text[])
ON CONFLICT ("code") DO UPDATE SET "name" = excluded."name", "keywords" = excluded."keywords", "domains" = excluded."domains";

--> statement-breakpoint
CREATE OR REPLACE FUNCTION proxidom_refresh_organisation_search(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO organisation_search AS s (organisation_id, name, name_folded, document, activity_codes, domains, modes, publics,
    regimes, commune_codes, commune_code, is_accepting_clients, latitude, longitude, hourly_price_from_cents)
  SELECT o.id, o.name, proxidom_fold(o.name),
    setweight(to_tsvector('fr_unaccent', o.name), 'A')
      || setweight(to_tsvector('fr_unaccent', coalesce(act.terms, '')), 'B')
      || setweight(to_tsvector('fr_unaccent', coalesce(com.names, '')), 'C')
      || setweight(to_tsvector('fr_unaccent', coalesce(o.description, '')), 'D'),
    coalesce(act.codes, '{}'), coalesce(act.domains, '{}'),
    ARRAY(SELECT DISTINCT m FROM unnest(o.modes || coalesce(act.modes, '{}')) m ORDER BY m),
    o.publics, coalesce(reg.kinds, '{}'), coalesce(com.codes, '{}'), o.commune_code, o.is_accepting_clients,
    coalesce(o.latitude, c.latitude), coalesce(o.longitude, c.longitude), act.min_price
  FROM organisations o
  LEFT JOIN communes c ON c.code = o.commune_code
  LEFT JOIN LATERAL (
    SELECT array_agg(DISTINCT oa.activity_code ORDER BY oa.activity_code) AS codes,
      array_agg(DISTINCT oa.mode ORDER BY oa.mode) AS modes,
      min(oa.hourly_price_cents) AS min_price,
      string_agg(DISTINCT t.name || ' ; ' || t.keywords, ' ; ') AS terms,
      ARRAY(SELECT DISTINCT d FROM organisation_activities oa2 JOIN activity_terms t2 ON t2.code = oa2.activity_code, unnest(t2.domains) d
            WHERE oa2.organisation_id = o.id ORDER BY d) AS domains
    FROM organisation_activities oa LEFT JOIN activity_terms t ON t.code = oa.activity_code
    WHERE oa.organisation_id = o.id
  ) act ON true
  LEFT JOIN LATERAL (
    SELECT array_agg(x.code ORDER BY x.code) AS codes, string_agg(cm.name, ' ; ') AS names
    FROM (SELECT oc.commune_code AS code FROM organisation_communes oc WHERE oc.organisation_id = o.id
          UNION SELECT o.commune_code WHERE o.commune_code IS NOT NULL) x
    LEFT JOIN communes cm ON cm.code = x.code
  ) com ON true
  LEFT JOIN LATERAL (
    SELECT array_agg(DISTINCT r.kind ORDER BY r.kind) AS kinds FROM organisation_regimes r WHERE r.organisation_id = o.id
  ) reg ON true
  WHERE o.id = ANY(ids)
  ON CONFLICT (organisation_id) DO UPDATE SET name = excluded.name, name_folded = excluded.name_folded, document = excluded.document,
    activity_codes = excluded.activity_codes, domains = excluded.domains, modes = excluded.modes, publics = excluded.publics,
    regimes = excluded.regimes, commune_codes = excluded.commune_codes, commune_code = excluded.commune_code,
    is_accepting_clients = excluded.is_accepting_clients, latitude = excluded.latitude, longitude = excluded.longitude,
    hourly_price_from_cents = excluded.hourly_price_from_cents;

  INSERT INTO search_words (word)
  SELECT DISTINCT w FROM organisation_search s, regexp_split_to_table(s.name_folded, '[^a-z0-9]+') w
  WHERE s.organisation_id = ANY(ids) AND length(w) >= 3
  ON CONFLICT (word) DO NOTHING;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION proxidom_search_on_organisations() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM proxidom_refresh_organisation_search(ARRAY(SELECT id FROM new_rows));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION proxidom_search_on_children_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM proxidom_refresh_organisation_search(ARRAY(SELECT DISTINCT organisation_id FROM new_rows));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION proxidom_search_on_children_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM proxidom_refresh_organisation_search(ARRAY(SELECT DISTINCT organisation_id FROM old_rows));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER organisations_search_insert AFTER INSERT ON organisations REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION proxidom_search_on_organisations();
--> statement-breakpoint
CREATE TRIGGER organisations_search_update AFTER UPDATE ON organisations REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION proxidom_search_on_organisations();
--> statement-breakpoint
CREATE TRIGGER organisation_activities_search_insert AFTER INSERT ON organisation_activities REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION proxidom_search_on_children_new();
--> statement-breakpoint
CREATE TRIGGER organisation_activities_search_update AFTER UPDATE ON organisation_activities REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION proxidom_search_on_children_new();
--> statement-breakpoint
CREATE TRIGGER organisation_activities_search_delete AFTER DELETE ON organisation_activities REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION proxidom_search_on_children_old();
--> statement-breakpoint
CREATE TRIGGER organisation_communes_search_insert AFTER INSERT ON organisation_communes REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION proxidom_search_on_children_new();
--> statement-breakpoint
CREATE TRIGGER organisation_communes_search_delete AFTER DELETE ON organisation_communes REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION proxidom_search_on_children_old();
--> statement-breakpoint
CREATE TRIGGER organisation_regimes_search_insert AFTER INSERT ON organisation_regimes REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION proxidom_search_on_children_new();
--> statement-breakpoint
CREATE TRIGGER organisation_regimes_search_update AFTER UPDATE ON organisation_regimes REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION proxidom_search_on_children_new();
--> statement-breakpoint
CREATE TRIGGER organisation_regimes_search_delete AFTER DELETE ON organisation_regimes REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION proxidom_search_on_children_old();
--> statement-breakpoint
CREATE INDEX organisation_search_document_idx ON organisation_search USING gin (document);
--> statement-breakpoint
CREATE INDEX organisation_search_name_trgm_idx ON organisation_search USING gin (name_folded gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX organisation_search_activities_idx ON organisation_search USING gin (activity_codes);
--> statement-breakpoint
CREATE INDEX organisation_search_communes_idx ON organisation_search USING gin (commune_codes);
--> statement-breakpoint
CREATE INDEX organisation_search_site_idx ON organisation_search USING gist (ll_to_earth(latitude, longitude));
--> statement-breakpoint
CREATE INDEX communes_centre_idx ON communes USING gist (ll_to_earth(latitude, longitude));
--> statement-breakpoint
CREATE INDEX communes_postal_codes_idx ON communes USING gin (postal_codes);
--> statement-breakpoint
CREATE INDEX search_words_trgm_idx ON search_words USING gin (word gin_trgm_ops);
--> statement-breakpoint
INSERT INTO search_words (word)
SELECT DISTINCT w FROM activity_terms t, regexp_split_to_table(proxidom_fold(t.name || ' ' || t.keywords), '[^a-z0-9]+') w
WHERE length(w) >= 3
ON CONFLICT (word) DO NOTHING;
--> statement-breakpoint
SELECT proxidom_refresh_organisation_search(ARRAY(SELECT id FROM organisations));
