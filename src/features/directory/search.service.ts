/**
 * The public directory: search with facets, the activities, the territory map. Free text is parsed in
 * search-query.ts (commune recognised, words folded), corrected against the documents' vocabulary, then
 * matched by PostgreSQL's French full-text search (see search.repo.ts).
 */
import type { Db } from '../../db/client';
import { ACTIVITIES, ACTIVITY_DOMAIN_LABELS, findActivities, getActivity, type ActivityDomain } from '../../domain/activities';
import { MODE_INFO, PUBLIC_LABELS, REGIME_INFO, type Mode, type Public, type RegimeType } from '../../domain/organisation';
import { DomainError } from '../../shared/errors';
import { foldAccents } from '../../shared/text';
import { createCommuneIndex, parseSearchText, type CommuneIndex, type DirectorySearchQuery } from './search-query';
import * as repo from './search.repo';

export interface FacetValue {
  value: string;
  label: string;
  count: number;
}

export interface DirectorySearchResult {
  total: number;
  page: number;
  pageSize: number;
  items: (Omit<repo.SearchItemRow, 'distanceKm'> & { distanceKm?: number; matchedActivities?: string[] })[];
  facets: Record<'activity' | 'domain' | 'mode' | 'public' | 'regime' | 'commune' | 'accepting', FacetValue[]>;
  /** How the free text was understood (commune recognised, words after correction). */
  interpretation: { words: string[]; commune: { code: string; name: string } | null };
}

const FACET_NAMES = ['activity', 'domain', 'mode', 'public', 'regime', 'commune', 'accepting'] as const;
/** Communes are cached for this long; they change only with a new geography. */
const COMMUNE_CACHE_MS = 10 * 60_000;

export function createSearchService(deps: { db: Db }) {
  const { db } = deps;
  let communes: { at: number; index: CommuneIndex; byCode: Map<string, repo.CommuneRow>; territoryCodes: string[] } | undefined;

  async function loadCommunes() {
    if (communes && Date.now() - communes.at < COMMUNE_CACHE_MS) return communes;
    const rows = await repo.findAllCommunes(db);
    communes = {
      at: Date.now(),
      index: createCommuneIndex(rows),
      byCode: new Map(rows.map((r) => [r.code, r])),
      territoryCodes: rows.filter((r) => r.isInTerritory).map((r) => r.code),
    };
    return communes;
  }

  const labelOf = (facet: (typeof FACET_NAMES)[number], value: string, names: Map<string, repo.CommuneRow>): string => {
    switch (facet) {
      case 'activity':
        return ACTIVITIES.find((a) => a.code === value)?.name ?? value;
      case 'domain':
        return ACTIVITY_DOMAIN_LABELS[value as ActivityDomain] ?? value;
      case 'mode':
        return MODE_INFO[value as Mode]?.label ?? value;
      case 'public':
        return PUBLIC_LABELS[value as Public] ?? value;
      case 'regime':
        return REGIME_INFO[value as RegimeType]?.label ?? value;
      case 'commune':
        return names.get(value)?.name ?? value;
      case 'accepting':
        return value === 'true' ? 'Accepte de nouveaux clients' : "N'accepte pas de nouveaux clients";
    }
  };

  return {
    /** Forgets the cached communes (after France's communes are loaded, or the territory changes). */
    forgetCommunes() {
      communes = undefined;
    },

    async searchOrganisations(query: DirectorySearchQuery): Promise<DirectorySearchResult> {
      const known = await loadCommunes();
      let centre: repo.CommuneRow | null = null;
      if (query.commune !== undefined) {
        centre = known.byCode.get(query.commune) ?? null;
        if (!centre) throw new DomainError('validation', 'Commune inconnue.', [{ field: 'commune', message: `Aucune commune n'a le code ${query.commune}.` }]);
      } else if (query.postalCode !== undefined) {
        const entry = known.index.byPostalCode.get(query.postalCode);
        if (!entry) throw new DomainError('validation', 'Code postal inconnu.', [{ field: 'postalCode', message: `Aucune commune n'a le code postal ${query.postalCode}.` }]);
        centre = known.byCode.get(entry.code) ?? null;
      }

      // A commune named in the text counts only when no commune was chosen explicitly.
      const parsed = parseSearchText(query.q ?? '', centre === null ? known.index : null);
      if (centre === null && parsed.commune) centre = known.byCode.get(parsed.commune.code) ?? null;
      const words = await repo.correctWords(db, parsed.tokens);
      const text = words.join(' ');
      const named = text === '' ? [] : findActivities({ text });
      const textActivities = named.length > 0 && named.length <= 3 ? named.map((a) => a.code) : [];
      const foldedText = parsed.tokens.length > 0 ? foldAccents(parsed.tokens.join(' ')) : null;

      const rows = await repo.searchOrganisations(db, {
        text: text === '' ? null : text,
        foldedText,
        textActivities,
        activity: query.activity,
        domain: query.domain,
        mode: query.mode,
        public: query.public,
        regime: query.regime,
        accepting: query.accepting === undefined ? null : query.accepting === 'true',
        centre: centre ? { code: centre.code, latitude: centre.latitude, longitude: centre.longitude } : null,
        radiusKm: query.radiusKm,
        sort: query.sort,
        limit: query.pageSize,
        offset: (query.page - 1) * query.pageSize,
        facetCommuneCodes: centre && !known.territoryCodes.includes(centre.code) ? [...known.territoryCodes, centre.code] : known.territoryCodes,
      });

      const selected: Record<(typeof FACET_NAMES)[number], string[]> = {
        activity: query.activity,
        domain: query.domain,
        mode: query.mode,
        public: query.public,
        regime: query.regime,
        commune: centre ? [centre.code] : [],
        accepting: query.accepting === undefined ? [] : [query.accepting],
      };
      const facets = Object.fromEntries(
        FACET_NAMES.map((name) => {
          const counts = new Map(rows.facets.filter((f) => f.facet === name).map((f) => [f.value, f.count]));
          for (const value of selected[name]) if (!counts.has(value)) counts.set(value, 0);
          const values = [...counts].map(([value, count]) => ({ value, label: labelOf(name, value, known.byCode), count }));
          values.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'fr'));
          return [name, values];
        }),
      ) as DirectorySearchResult['facets'];

      return {
        total: rows.total,
        page: query.page,
        pageSize: query.pageSize,
        items: rows.items.map(({ distanceKm, ...item }) => ({
          ...item,
          ...(centre && distanceKm !== null ? { distanceKm } : {}),
          ...(textActivities.length > 0 ? { matchedActivities: item.activities.filter((a) => (textActivities as string[]).includes(a)) } : {}),
        })),
        facets,
        interpretation: { words, commune: centre && parsed.commune ? { code: centre.code, name: centre.name } : null },
      };
    },

    /** The 26 activities of D7231-1, for the directory's filters and the guide. */
    listActivities() {
      return ACTIVITIES.map((a) => ({
        code: a.code,
        article: a.article,
        name: a.name,
        description: a.description,
        domain: a.domains[0]!,
        domainLabel: ACTIVITY_DOMAIN_LABELS[a.domains[0]!],
        domains: [...a.domains],
        keywords: [...a.keywords],
      }));
    },

    activityName: (code: string) => getActivity(code).name,
  };
}

export type SearchService = ReturnType<typeof createSearchService>;
