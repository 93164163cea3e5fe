/**
 * The shapes the directory API answers (src/features/directory), as the web app reads them, and the
 * search state kept in the URL query so that back/forward and shared links give the same results.
 */
import type { OrganisationProfileInput } from '../../../domain/schemas/organisation';

export interface FacetValue {
  value: string;
  label: string;
  count: number;
}

export const FACET_NAMES = [
  'domain',
  'activity',
  'mode',
  'public',
  'regime',
  'commune',
  'accepting',
] as const;
export type FacetName = (typeof FACET_NAMES)[number];

export interface OrganisationSummary {
  id: string;
  name: string;
  siret: string;
  legalForm: string;
  communeCode: string | null;
  communeName: string | null;
  postalCode: string | null;
  activities: string[];
  modes: string[];
  publics: string[];
  isAcceptingClients: boolean;
  qualityLabels: string[];
  latitude: number | null;
  longitude: number | null;
  hourlyPriceFromCents: number | null;
  distanceKm?: number | null;
  /** The activities of this result that the free text named (« aide ménagère » → entretien-maison). */
  matchedActivities?: string[];
}

export interface SearchAnswer {
  total: number;
  page: number;
  pageSize: number;
  items: OrganisationSummary[];
  facets: Partial<Record<FacetName, FacetValue[]>>;
}

export interface Registration {
  number: string;
  /** Null when the source (an import) did not give it. */
  date: string | null;
  expiresOn?: string | null;
  departement?: string | null;
}

export interface OrganisationDetail {
  id: string;
  name: string;
  siret: string;
  legalForm: string;
  legalFormLabel?: string;
  address: {
    street: string;
    complement?: string | null;
    postalCode: string;
    communeCode: string;
    city: string;
  };
  latitude: number | null;
  longitude: number | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  description: string | null;
  modes: string[];
  publics: string[];
  qualityLabels: string[];
  openingHours: { day: string; opens: string; closes: string }[];
  isAcceptingClients: boolean;
  activities: {
    code: string;
    name: string;
    modes: string[];
    prices: { mode: string; unit: string; priceTtcCents: number; label?: string | null }[];
  }[];
  communesServed: { code: string; name: string }[];
  regimes: {
    declaration: Registration | null;
    agrement: Registration | null;
    autorisation: Registration | null;
  };
}

export interface Commune {
  code: string;
  name: string;
  postalCodes: string[];
  population?: number;
  latitude: number;
  longitude: number;
}

/** GeoJSON geometry of a commune outline (WGS84 longitude, latitude). */
export type Outline =
  { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };

export interface MapCommune {
  code: string;
  name: string;
  latitude: number;
  longitude: number;
  outline: Outline | null;
}

/** The profile the provider admin edits: the schema's input shape and the organisation id. */
export type ProfileAnswer = OrganisationProfileInput & { id: string };

export interface ImportReport {
  id: string;
  status: 'running' | 'done' | 'failed';
  fileName?: string | null;
  totalRows: number | null;
  processedRows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  unknownColumns: string[];
  mappedColumns: string[] | Record<string, string>;
  errors: { line: number; reason: string }[];
  /** Rows kept with a remark (a value ignored, a commune guessed from the postal code…). */
  warnings?: { line: number; reason: string }[];
  /** Why a failed import stopped. */
  failure?: string | null;
  /** The file's detected encoding (« utf-8 », « windows-1252 »). */
  encoding?: string | null;
  createdAt?: string;
  startedAt?: string;
  finishedAt?: string | null;
}

/** Radii offered around a commune or postal code, in km (0: the commune itself). */
export const RADII_KM = [0, 5, 10, 20, 30] as const;

export const SORTS = ['relevance', 'distance', 'name'] as const;
export type Sort = (typeof SORTS)[number];

/** Search state, as read from and written to the URL query (names of the API, so the query passes through). */
export interface SearchState {
  q: string;
  activity: string[];
  domain: string[];
  mode: string[];
  public: string[];
  regime: string[];
  commune: string;
  postalCode: string;
  radiusKm: number;
  accepting: boolean;
  sort: Sort;
  page: number;
}

export const MULTI_FILTERS = ['domain', 'activity', 'mode', 'public', 'regime'] as const;
export type MultiFilter = (typeof MULTI_FILTERS)[number];

export const PAGE_SIZE = 10;

export function readSearchState(params: URLSearchParams): SearchState {
  const radius = Number(params.get('radiusKm') ?? '');
  const page = Number(params.get('page') ?? '1');
  const sort = params.get('sort');
  return {
    q: params.get('q') ?? '',
    activity: params.getAll('activity'),
    domain: params.getAll('domain'),
    mode: params.getAll('mode'),
    public: params.getAll('public'),
    regime: params.getAll('regime'),
    commune: params.get('commune') ?? '',
    postalCode: params.get('postalCode') ?? '',
    radiusKm: (RADII_KM as readonly number[]).includes(radius) ? radius : 0,
    accepting: params.get('accepting') === 'true',
    sort: (SORTS as readonly (string | null)[]).includes(sort) ? (sort as Sort) : 'relevance',
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

/** The URL query of a search state; defaults are left out so that links stay short. */
export function searchParamsOf(state: SearchState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q.trim()) params.set('q', state.q.trim());
  if (state.commune) params.set('commune', state.commune);
  if (state.postalCode) params.set('postalCode', state.postalCode);
  if ((state.commune || state.postalCode) && state.radiusKm > 0)
    params.set('radiusKm', String(state.radiusKm));
  for (const name of MULTI_FILTERS) for (const value of state[name]) params.append(name, value);
  if (state.accepting) params.set('accepting', 'true');
  if (state.sort !== 'relevance') params.set('sort', state.sort);
  if (state.page > 1) params.set('page', String(state.page));
  return params;
}

/** The query sent to GET /api/directory/organisations. */
export function apiQueryOf(state: SearchState): string {
  const params = searchParamsOf(state);
  params.set('pageSize', String(PAGE_SIZE));
  return params.toString();
}
