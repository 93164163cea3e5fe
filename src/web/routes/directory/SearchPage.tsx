import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigationType, useSearchParams } from 'react-router';
import {
  ACTIVITY_DOMAIN_LABELS,
  findActivities,
  getActivity,
  isActivityCode,
  type ActivityDomain,
} from '../../../domain/activities';
import { formatEuros } from '../../../domain/money';
import {
  MODE_INFO,
  PUBLIC_LABELS,
  REGIME_INFO,
  type Mode,
  type Public,
  type RegimeType,
} from '../../../domain/organisation';
import { api } from '../../api/client';
import { problemOf, usePageTitle } from '../../ui/form';
import { PageHeader } from '../../ui/Layout';
import { TerritoryMap, type MapPoint } from '../../ui/TerritoryMap';
import { CapacityBadge, useCapacity, type Capacity } from '../requests/capacity';
import {
  apiQueryOf,
  PAGE_SIZE,
  RADII_KM,
  readSearchState,
  searchParamsOf,
  type Commune,
  type FacetName,
  type FacetValue,
  type MultiFilter,
  type OrganisationSummary,
  type SearchAnswer,
  type SearchState,
} from './directory-api';
import { placeTextOf, resolvePlace, useCommunes, useMapCommunes } from './geography';

/** Free text waits for a pause in typing before searching. */
const TEXT_DEBOUNCE_MS = 400;

const FACET_TITLES: Record<MultiFilter, string> = {
  domain: 'Domaine',
  activity: 'Activité',
  mode: 'Mode d’intervention',
  public: 'Public accompagné',
  regime: 'Régime',
};
const FACET_ORDER: MultiFilter[] = ['mode', 'domain', 'activity', 'public', 'regime'];
/** Long facets show their first values; a button shows the rest. */
const FACET_PREVIEW = 8;

/** French label of a facet value when the API gives none. */
function labelOf(facet: FacetName, value: string): string {
  switch (facet) {
    case 'activity':
      return isActivityCode(value) ? getActivity(value).name : value;
    case 'domain':
      return ACTIVITY_DOMAIN_LABELS[value as ActivityDomain] ?? value;
    case 'mode':
      return MODE_INFO[value as Mode]?.label ?? value;
    case 'public':
      return PUBLIC_LABELS[value as Public] ?? value;
    case 'regime':
      return REGIME_INFO[value as RegimeType]?.label ?? value;
    default:
      return value;
  }
}

const plural = (count: number, one: string, many: string) =>
  `${count.toLocaleString('fr-FR')} ${count > 1 ? many : one}`;

/** The activity a search is about, carried to the provider page for its « Estimer le coût » link. */
function activityOfSearch(state: SearchState): string | null {
  if (state.activity.length === 1) return state.activity[0]!;
  if (state.q.trim()) return findActivities({ text: state.q })[0]?.code ?? null;
  return null;
}

export function SearchPage() {
  usePageTitle('Annuaire des structures');
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const navigationType = useNavigationType();
  const urlState = useMemo(() => readSearchState(params), [params]);
  // A change shows at once (a ticked box stays ticked) while the router catches up with the URL.
  const [optimistic, setOptimistic] = useState<SearchState | null>(null);
  useEffect(() => {
    setOptimistic((current) =>
      current && navigationType !== 'POP' && searchParamsOf(current).toString() !== params.toString()
        ? current
        : null,
    );
  }, [params, navigationType]);
  const state = optimistic ?? urlState;
  const communes = useCommunes();
  const mapCommunes = useMapCommunes();

  const [answer, setAnswer] = useState<SearchAnswer | null>(null);
  /** The search the shown answer is for: the status line describes it, not a search still on its way. */
  const [answered, setAnswered] = useState<SearchState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isLoading, setIsLoading] = useState(true);
  const [isMapShown, setIsMapShown] = useState(true);
  /** On narrow screens the filters fold away, so that the results come first. */
  const [areFiltersShown, setAreFiltersShown] = useState(false);

  // The latest state, for changes made after a wait (the debounced text) that must not undo newer ones.
  const stateRef = useRef(state);
  stateRef.current = state;
  const update = (patch: Partial<SearchState>, options: { replace?: boolean } = {}) => {
    const next = { ...stateRef.current, page: 1, ...patch };
    // Two changes before the next render (the debounced text right after a filter) build on each other.
    stateRef.current = next;
    setOptimistic(next);
    setParams(searchParamsOf(next), { replace: options.replace ?? false });
  };

  // The results follow the URL: typing, a filter, a page link, back and forward all come through here.
  const query = apiQueryOf(state);
  useEffect(() => {
    let isCurrent = true;
    setIsLoading(true);
    api<SearchAnswer>(`/api/directory/organisations?${query}`)
      .then((next) => {
        if (!isCurrent) return;
        setAnswer(next);
        setAnswered(readSearchState(new URLSearchParams(query)));
        setError(null);
      })
      .catch((failure: unknown) => isCurrent && setError(problemOf(failure).message))
      .finally(() => isCurrent && setIsLoading(false));
    return () => {
      isCurrent = false;
    };
  }, [query]);

  // Free text: what is typed shows at once, the search starts after a pause.
  const [text, setText] = useState(state.q);
  const lastQ = useRef(state.q);
  useEffect(() => {
    if (state.q !== lastQ.current) {
      lastQ.current = state.q;
      setText(state.q);
    }
  }, [state.q]);
  const applyText = (value: string, replace: boolean) => {
    if (value.trim() === stateRef.current.q) return;
    lastQ.current = value.trim();
    update({ q: value.trim() }, { replace });
  };
  useEffect(() => {
    const timer = setTimeout(() => applyText(text, true), TEXT_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  // The place field: a commune name or a postal code, resolved as soon as it names one.
  const [place, setPlace] = useState('');
  const [isPlaceUnknown, setIsPlaceUnknown] = useState(false);
  const placeKey = `${state.commune}|${state.postalCode}`;
  useEffect(() => {
    if (!communes.data) return;
    const resolved = resolvePlace(place, communes.data);
    const current = placeKey.split('|');
    if (!resolved || resolved.commune !== current[0] || resolved.postalCode !== current[1]) {
      setPlace(placeTextOf(state, communes.data));
      setIsPlaceUnknown(false);
    }
  }, [placeKey, communes.data]);
  const changePlace = (value: string) => {
    setPlace(value);
    setIsPlaceUnknown(false);
    if (!value.trim()) {
      if (state.commune || state.postalCode)
        update({ commune: '', postalCode: '', sort: state.sort === 'distance' ? 'relevance' : state.sort });
      return;
    }
    const resolved = communes.data ? resolvePlace(value, communes.data) : null;
    if (resolved && (resolved.commune !== state.commune || resolved.postalCode !== state.postalCode))
      update(resolved);
  };
  const checkPlace = () =>
    setIsPlaceUnknown(
      place.trim() !== '' && communes.data !== null && resolvePlace(place, communes.data) === null,
    );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    applyText(text, false);
  };

  const hasPlace = Boolean(state.commune || state.postalCode);
  const searchedActivity = activityOfSearch(state);
  const capacity = useCapacity(state.commune || null, searchedActivity);
  const linkState = { search: location.search };
  // The provider page carries the searched activity and mode on to its « Estimer le coût » link.
  const providerHref = (id: string, matched?: string[]) => {
    const query = new URLSearchParams();
    const activity = matched?.[0] ?? searchedActivity;
    if (activity) query.set('activite', activity);
    if (state.mode.length === 1 && state.mode[0] !== 'emploi_direct') query.set('mode', state.mode[0]!);
    const search = query.toString();
    return `/annuaire/structures/${encodeURIComponent(id)}${search ? `?${search}` : ''}`;
  };

  const points: MapPoint[] = (answer?.items ?? [])
    .filter((o) => o.latitude !== null && o.longitude !== null)
    .map((o) => ({
      id: o.id,
      latitude: o.latitude!,
      longitude: o.longitude!,
      label: `${o.name}, ${o.communeName ?? ''}`,
      href: providerHref(o.id, o.matchedActivities),
    }));
  const communeValues = Object.fromEntries((answer?.facets.commune ?? []).map((f) => [f.value, f.count]));

  const ids = {
    q: useId(),
    place: useId(),
    placeHint: useId(),
    placeError: useId(),
    radius: useId(),
    sort: useId(),
    list: useId(),
  };
  const totalPages = answer ? Math.max(1, Math.ceil(answer.total / (answer.pageSize || PAGE_SIZE))) : 1;

  return (
    <>
      <PageHeader title="Annuaire des structures">
        <p className="lead">
          Les structures de services à la personne du territoire : aide à domicile, ménage, garde d’enfants,
          jardinage…
        </p>
      </PageHeader>

      <form
        role="search"
        aria-label="Rechercher une structure"
        className="panel directory-search"
        onSubmit={submit}
        noValidate
      >
        <div className="field directory-search-text">
          <label htmlFor={ids.q}>Que cherchez-vous ?</label>
          <p className="hint" id={`${ids.q}-hint`}>
            Un service ou un nom de structure, par exemple « aide ménagère », « garde d’enfants », « jardinage
            ».
          </p>
          <input
            id={ids.q}
            type="search"
            name="q"
            value={text}
            onChange={(event) => setText(event.target.value)}
            aria-describedby={`${ids.q}-hint`}
            autoComplete="off"
          />
        </div>
        <div className={`field${isPlaceUnknown ? ' field-invalid' : ''}`}>
          <label htmlFor={ids.place}>Commune ou code postal</label>
          <p className="hint" id={ids.placeHint}>
            Une commune du territoire, par exemple Saran ou 45770.
          </p>
          <input
            id={ids.place}
            name="lieu"
            list={`${ids.place}-list`}
            value={place}
            onChange={(event) => changePlace(event.target.value)}
            onBlur={checkPlace}
            autoComplete="off"
            aria-invalid={isPlaceUnknown || undefined}
            aria-describedby={`${ids.placeHint}${isPlaceUnknown ? ` ${ids.placeError}` : ''}`}
          />
          <datalist id={`${ids.place}-list`}>
            {(communes.data ?? []).map((commune) => (
              <option key={commune.code} value={commune.name}>
                {commune.postalCodes.join(', ')}
              </option>
            ))}
          </datalist>
          {isPlaceUnknown && (
            <p className="field-error" id={ids.placeError}>
              Cette commune n’est pas dans le territoire : choisissez-en une de la liste.
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor={ids.radius}>Rayon autour de la commune</label>
          <select
            id={ids.radius}
            value={state.radiusKm}
            onChange={(event) => update({ radiusKm: Number(event.target.value) })}
          >
            {RADII_KM.map((km) => (
              <option key={km} value={km}>
                {km === 0 ? 'La commune seulement' : `${km} km`}
              </option>
            ))}
          </select>
        </div>
        <div className="directory-search-actions">
          <button type="submit" className="button">
            Rechercher
          </button>
        </div>
      </form>

      <div className="directory-layout">
        <section aria-labelledby="refine" className="directory-facets">
          <h2 id="refine">Affiner</h2>
          <button
            type="button"
            className="button button-secondary filters-toggle"
            aria-expanded={areFiltersShown}
            aria-controls="directory-filters"
            onClick={() => setAreFiltersShown(!areFiltersShown)}
          >
            {areFiltersShown ? 'Masquer les filtres' : 'Afficher les filtres'}
          </button>
          <div
            id="directory-filters"
            className={`directory-filters${areFiltersShown ? '' : ' is-collapsed'}`}
          >
            <div className="radio">
              <input
                type="checkbox"
                id="facet-accepting"
                checked={state.accepting}
                onChange={(event) => update({ accepting: event.target.checked })}
              />
              <label htmlFor="facet-accepting">
                Accepte de nouveaux clients
                <FacetCount count={answer?.facets.accepting?.find((f) => f.value === 'true')?.count} />
              </label>
            </div>
            {FACET_ORDER.map((facet) => (
              <FacetGroup
                key={facet}
                facet={facet}
                values={answer?.facets[facet] ?? []}
                selected={state[facet]}
                onChange={(selected) => update({ [facet]: selected })}
              />
            ))}
            {(state.activity.length > 0 ||
              state.domain.length > 0 ||
              state.mode.length > 0 ||
              state.public.length > 0 ||
              state.regime.length > 0 ||
              state.accepting) && (
              <p>
                <button
                  type="button"
                  className="button button-secondary"
                  onClick={() =>
                    update({ activity: [], domain: [], mode: [], public: [], regime: [], accepting: false })
                  }
                >
                  Retirer les filtres
                </button>
              </p>
            )}
          </div>
        </section>

        <section aria-labelledby="results" className="directory-results">
          <div className="directory-results-header">
            <h2 id="results">Résultats</h2>
            <div className="field directory-sort">
              <label htmlFor={ids.sort}>Trier par</label>
              <select
                id={ids.sort}
                value={state.sort}
                onChange={(event) => update({ sort: event.target.value as SearchState['sort'] })}
              >
                <option value="relevance">Pertinence</option>
                <option value="distance" disabled={!hasPlace}>
                  Distance{hasPlace ? '' : ' (choisissez une commune)'}
                </option>
                <option value="name">Nom</option>
              </select>
            </div>
          </div>
          <p
            role="status"
            aria-live="polite"
            aria-atomic="true"
            className="directory-count"
            data-testid="results-count"
          >
            {answer && answered
              ? describeAnswer(answer, answered, communes.data ?? [], totalPages)
              : isLoading
                ? 'Recherche en cours…'
                : ''}
          </p>
          {error && (
            <p className="alert alert-error" role="alert">
              {error}
            </p>
          )}
          {answer && answer.total === 0 && (
            <NoResultAdvice
              state={state}
              onReset={() => setParams(new URLSearchParams())}
              onWiden={() => update({ radiusKm: 30 })}
            />
          )}
          {answer && answer.items.length > 0 && (
            <ol
              className="result-list"
              aria-labelledby="results"
              start={(answer.page - 1) * answer.pageSize + 1}
              aria-busy={isLoading}
            >
              {answer.items.map((organisation) => (
                <ResultItem
                  key={organisation.id}
                  organisation={organisation}
                  href={providerHref(organisation.id, organisation.matchedActivities)}
                  linkState={linkState}
                  capacity={capacity.get(organisation.id)}
                />
              ))}
            </ol>
          )}
          {answer && totalPages > 1 && (
            <Pagination state={state} page={answer.page} totalPages={totalPages} />
          )}

          <section aria-labelledby="map-title" className="directory-map">
            <div className="directory-results-header">
              <h2 id="map-title">Carte</h2>
              <button
                type="button"
                className="button button-secondary"
                aria-expanded={isMapShown}
                aria-controls="directory-map"
                onClick={() => setIsMapShown(!isMapShown)}
              >
                {isMapShown ? 'Masquer la carte' : 'Afficher la carte'}
              </button>
            </div>
            <div id="directory-map" hidden={!isMapShown}>
              {mapCommunes.error && (
                <p className="alert alert-error">
                  La carte n’a pas pu être chargée ; la liste des résultats reste complète.
                </p>
              )}
              {mapCommunes.data && (
                <TerritoryMap
                  communes={mapCommunes.data}
                  points={points}
                  communeValues={communeValues}
                  valueLabel="structures trouvées"
                  title={`Les communes du territoire, teintées selon le nombre de structures trouvées ; un point par structure de cette page (${points.length}), chacun mène à sa fiche.`}
                />
              )}
            </div>
          </section>
        </section>
      </div>
    </>
  );
}

/** « 12 structures trouvées pour « aide ménagère » à 10 km de Saran, page 1 sur 2 ». */
function describeAnswer(
  answer: SearchAnswer,
  searched: SearchState,
  communes: Commune[],
  totalPages: number,
): string {
  if (answer.total === 0) return 'Aucun résultat';
  const place = searched.commune || searched.postalCode ? placeTextOf(searched, communes) : '';
  return [
    plural(answer.total, 'structure trouvée', 'structures trouvées'),
    searched.q ? ` pour « ${searched.q} »` : '',
    place ? ` ${searched.radiusKm > 0 ? `à ${searched.radiusKm} km de` : 'à'} ${place}` : '',
    totalPages > 1 ? `, page ${answer.page} sur ${totalPages}` : '',
  ].join('');
}

function FacetCount({ count }: { count: number | undefined }) {
  if (count === undefined) return null;
  return <span className="facet-count"> ({count.toLocaleString('fr-FR')})</span>;
}

function FacetGroup({
  facet,
  values,
  selected,
  onChange,
}: {
  facet: MultiFilter;
  values: FacetValue[];
  selected: string[];
  onChange(next: string[]): void;
}) {
  const [isExpanded, setIsExpanded] = useState(false);
  // The chosen values stay visible even when the other filters leave them no result.
  const shown = [...values.filter((v) => v.count > 0 || selected.includes(v.value))];
  for (const value of selected)
    if (!shown.some((v) => v.value === value)) shown.push({ value, label: labelOf(facet, value), count: 0 });
  if (shown.length === 0) return null;
  const visible = isExpanded
    ? shown
    : shown
        .slice(0, FACET_PREVIEW)
        .concat(shown.slice(FACET_PREVIEW).filter((v) => selected.includes(v.value)));
  const hiddenCount = shown.length - visible.length;
  return (
    <fieldset className="facet">
      <legend>{FACET_TITLES[facet]}</legend>
      {visible.map((value) => {
        const id = `facet-${facet}-${value.value}`;
        return (
          <div className="radio" key={value.value}>
            <input
              type="checkbox"
              id={id}
              checked={selected.includes(value.value)}
              onChange={(event) =>
                onChange(
                  event.target.checked
                    ? [...selected, value.value]
                    : selected.filter((v) => v !== value.value),
                )
              }
            />
            <label htmlFor={id}>
              {value.label || labelOf(facet, value.value)}
              <FacetCount count={value.count} />
            </label>
          </div>
        );
      })}
      {(hiddenCount > 0 || isExpanded) && shown.length > FACET_PREVIEW && (
        <button
          type="button"
          className="link-button"
          aria-expanded={isExpanded}
          onClick={() => setIsExpanded(!isExpanded)}
        >
          {isExpanded ? 'Voir moins' : `Voir ${hiddenCount} de plus`}
          <span className="visually-hidden"> ({FACET_TITLES[facet].toLowerCase()})</span>
        </button>
      )}
    </fieldset>
  );
}

function ResultItem({
  organisation: o,
  href,
  linkState,
  capacity,
}: {
  organisation: OrganisationSummary;
  href: string;
  linkState: { search: string };
  capacity?: Capacity;
}) {
  const activityNames = o.activities.map((code) => (isActivityCode(code) ? getActivity(code).name : code));
  return (
    <li className="card result">
      <h3 className="card-title">
        <Link to={href} state={linkState}>
          {o.name}
        </Link>
      </h3>
      <p className="result-place">
        {[o.postalCode, o.communeName].filter(Boolean).join(' ')}
        {typeof o.distanceKm === 'number' &&
          ` · à ${o.distanceKm.toLocaleString('fr-FR', { maximumFractionDigits: 1 })} km`}
      </p>
      <ul className="badges" aria-label="En bref">
        {o.isAcceptingClients ? (
          <li className="badge badge-ok">Accepte de nouveaux clients</li>
        ) : (
          <li className="badge">Ne prend pas de nouveaux clients</li>
        )}
        <CapacityBadge capacity={capacity} />
        {o.modes.map((mode) => (
          <li key={mode} className="badge">
            {MODE_INFO[mode as Mode]?.label ?? mode}
          </li>
        ))}
        {o.qualityLabels.map((label) => (
          <li key={label} className="badge">
            {label}
          </li>
        ))}
      </ul>
      <p className="result-activities">
        {activityNames.slice(0, 3).join(' · ')}
        {activityNames.length > 3 &&
          ` et ${plural(activityNames.length - 3, 'autre activité', 'autres activités')}`}
      </p>
      {o.hourlyPriceFromCents !== null && (
        <p className="result-price">
          À partir de {formatEuros(o.hourlyPriceFromCents)} de l’heure (TTC, avant crédit d’impôt)
        </p>
      )}
    </li>
  );
}

function Pagination({ state, page, totalPages }: { state: SearchState; page: number; totalPages: number }) {
  const hrefOf = (n: number) => `/annuaire?${searchParamsOf({ ...state, page: n }).toString()}`;
  const pages = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, totalPages])]
    .filter((n) => n >= 1 && n <= totalPages)
    .sort((a, b) => a - b);
  return (
    <nav aria-label="Pages de résultats" className="pagination">
      {page > 1 && (
        <Link to={hrefOf(page - 1)} rel="prev">
          Page précédente
        </Link>
      )}
      <ul>
        {pages.map((n, i) => (
          <li key={n}>
            {i > 0 && n - (pages[i - 1] ?? n) > 1 && <span aria-hidden="true">… </span>}
            {n === page ? (
              <span aria-current="page" className="pagination-current">
                <span className="visually-hidden">Page </span>
                {n}
              </span>
            ) : (
              <Link to={hrefOf(n)}>
                <span className="visually-hidden">Page </span>
                {n}
              </Link>
            )}
          </li>
        ))}
      </ul>
      {page < totalPages && (
        <Link to={hrefOf(page + 1)} rel="next">
          Page suivante
        </Link>
      )}
    </nav>
  );
}

function NoResultAdvice({
  state,
  onReset,
  onWiden,
}: {
  state: SearchState;
  onReset(): void;
  onWiden(): void;
}) {
  const hasFilters =
    state.activity.length +
      state.domain.length +
      state.mode.length +
      state.public.length +
      state.regime.length >
      0 || state.accepting;
  return (
    <div className="alert alert-info">
      <p>
        <strong>Aucune structure ne correspond à votre recherche.</strong> Quelques pistes :
      </p>
      <ul>
        {state.q && (
          <li>
            vérifiez l’orthographe ou essayez un mot plus général (« ménage », « aide à domicile », « enfants
            ») ;
          </li>
        )}
        {hasFilters && <li>retirez un ou plusieurs filtres ;</li>}
        {(state.commune || state.postalCode) && state.radiusKm < 30 && (
          <li>
            <button type="button" className="link-button" onClick={onWiden}>
              élargissez la recherche à 30 km
            </button>{' '}
            ;
          </li>
        )}
        <li>
          <button type="button" className="link-button" onClick={onReset}>
            recommencez une recherche sans critère
          </button>{' '}
          pour voir toutes les structures du territoire.
        </li>
      </ul>
    </div>
  );
}
