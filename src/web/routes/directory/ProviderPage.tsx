import { useEffect, useState } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { formatPhoneFr, formatSiret, toE164PhoneFr } from '../../../domain/identifiers';
import { formatEuros } from '../../../domain/money';
import {
  LEGAL_FORM_INFO,
  MODE_INFO,
  PUBLIC_LABELS,
  REGIME_INFO,
  REGIME_TYPES,
  type LegalForm,
  type Mode,
  type Public,
} from '../../../domain/organisation';
import { WEEKDAYS } from '../../../domain/schemas/organisation';
import { api, ApiError } from '../../api/client';
import { problemOf, usePageTitle } from '../../ui/form';
import { PageHeader } from '../../ui/Layout';
import { CapacityBadge, useCapacity } from '../requests/capacity';
import { TerritoryMap } from '../../ui/TerritoryMap';
import type { OrganisationDetail } from './directory-api';
import { useMapCommunes } from './geography';

/** « 2024-03-12 » → « 12 mars 2024 ». */
export function formatDateFr(isoDate: string | null | undefined): string {
  if (!isoDate) return 'Non indiquée';
  const date = new Date(`${isoDate.slice(0, 10)}T12:00:00`);
  return Number.isNaN(date.getTime())
    ? isoDate
    : date.toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric' });
}

const UNIT_LABELS: Record<string, string> = { heure: 'de l’heure', forfait: 'le forfait' };
const DAY_LABELS: Record<string, string> = {
  lundi: 'Lundi',
  mardi: 'Mardi',
  mercredi: 'Mercredi',
  jeudi: 'Jeudi',
  vendredi: 'Vendredi',
  samedi: 'Samedi',
  dimanche: 'Dimanche',
};
const modeLabel = (mode: string) => MODE_INFO[mode as Mode]?.label ?? mode;
/** « 08:30 » → « 8 h 30 », « 18:00 » → « 18 h ». */
const timeLabel = (time: string) =>
  time
    .replace(/^0(\d)/, '$1')
    .replace(':', '\u00a0h\u00a0')
    .replace(/\u00a0h\u00a000$/, '\u00a0h');

/** Lists the API may leave out or null (an organisation from an import) become empty lists. */
function withDefaults(o: OrganisationDetail): OrganisationDetail {
  return {
    ...o,
    modes: o.modes ?? [],
    publics: o.publics ?? [],
    qualityLabels: o.qualityLabels ?? [],
    openingHours: o.openingHours ?? [],
    activities: (o.activities ?? []).map((a) => ({ ...a, modes: a.modes ?? [], prices: a.prices ?? [] })),
    communesServed: o.communesServed ?? [],
    regimes: o.regimes ?? { declaration: null, agrement: null, autorisation: null },
    address: o.address ?? { street: '', postalCode: '', communeCode: '', city: '' },
  };
}

/** The simulator page of the guide reads these parameters and takes the organisation's price. */
export function simulatorHref(organisationId: string, activityCode: string, mode?: string | null): string {
  const modeParam = mode ? `&mode=${encodeURIComponent(mode)}` : '';
  return `/simulateur?organisation=${encodeURIComponent(organisationId)}&activite=${encodeURIComponent(activityCode)}${modeParam}`;
}

export function ProviderPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const location = useLocation();
  const [organisation, setOrganisation] = useState<OrganisationDetail | null>(null);
  const [error, setError] = useState<{ message: string; isNotFound: boolean } | null>(null);
  const mapCommunes = useMapCommunes();
  const capacity = useCapacity(organisation?.address.communeCode ?? null, params.get('activite'));
  usePageTitle(organisation ? organisation.name : error ? 'Structure introuvable' : 'Fiche structure');

  useEffect(() => {
    let isCurrent = true;
    setOrganisation(null);
    setError(null);
    api<OrganisationDetail>(`/api/directory/organisations/${encodeURIComponent(id)}`)
      .then((next) => isCurrent && setOrganisation(withDefaults(next)))
      .catch((failure: unknown) => {
        if (!isCurrent) return;
        const isNotFound = failure instanceof ApiError && (failure.status === 404 || failure.status === 400);
        setError({ message: problemOf(failure).message, isNotFound });
      });
    return () => {
      isCurrent = false;
    };
  }, [id]);

  const fromSearch = (location.state as { search?: string } | null)?.search;
  const backLink = (
    <p className="back-link">
      <Link to={`/annuaire${fromSearch ?? ''}`}>
        {fromSearch !== undefined ? 'Retour aux résultats' : 'Retour à l’annuaire'}
      </Link>
    </p>
  );

  if (error) {
    return (
      <>
        <PageHeader title={error.isNotFound ? 'Structure introuvable' : 'Fiche indisponible'} />
        <p className="alert alert-error" role="alert">
          {error.isNotFound ? 'Cette structure n’existe pas ou n’est plus dans l’annuaire.' : error.message}
        </p>
        {backLink}
      </>
    );
  }
  if (!organisation) {
    return (
      <>
        {backLink}
        <p role="status">Chargement de la fiche…</p>
      </>
    );
  }

  const o = organisation;
  const wanted = params.get('activite');
  const estimateActivity =
    o.activities.find((a) => a.code === wanted) ??
    o.activities.find((a) => a.prices.some((p) => p.unit === 'heure')) ??
    o.activities[0];
  const wantedMode = params.get('mode');
  const estimateMode =
    estimateActivity && wantedMode && estimateActivity.modes.includes(wantedMode) ? wantedMode : null;
  const phone = o.phone ? (formatPhoneFr(o.phone) ?? o.phone) : null;
  const legalForm = o.legalFormLabel ?? LEGAL_FORM_INFO[o.legalForm as LegalForm]?.label ?? o.legalForm;
  const servedCodes = new Set(o.communesServed.map((c) => c.code));
  const slotsByDay = WEEKDAYS.map((day) => ({
    day,
    slots: o.openingHours.filter((s) => s.day === day).sort((a, b) => a.opens.localeCompare(b.opens)),
  }));
  const regimes = REGIME_TYPES.map((type) => ({ type, registration: o.regimes[type] })).filter(
    (r) => r.registration,
  );

  return (
    <article className="provider">
      {backLink}
      <PageHeader title={o.name}>
        <p className="lead">
          {legalForm} · {o.address.postalCode} {o.address.city}
        </p>
        <ul className="badges" aria-label="En bref">
          {o.isAcceptingClients ? (
            <li className="badge badge-ok">Accepte de nouveaux clients</li>
          ) : (
            <li className="badge">Ne prend pas de nouveaux clients pour le moment</li>
          )}
          <CapacityBadge capacity={capacity.get(o.id)} />
          {o.modes.map((mode) => (
            <li key={mode} className="badge">
              {modeLabel(mode)}
            </li>
          ))}
          {o.qualityLabels.map((label) => (
            <li key={label} className="badge">
              {label}
            </li>
          ))}
        </ul>
        {estimateActivity && (
          <p>
            <Link className="button" to={simulatorHref(o.id, estimateActivity.code, estimateMode)}>
              Estimer le coût
            </Link>{' '}
            <span className="hint">
              de « {estimateActivity.name} »
              {estimateMode ? ` en mode ${modeLabel(estimateMode).toLowerCase()}` : ''} avec les tarifs de{' '}
              {o.name}, après crédit d’impôt et aides.
            </span>
          </p>
        )}
        <p>
          <Link
            className="button"
            to={`/foyer/demandes/nouvelle?${new URLSearchParams({ activite: estimateActivity?.code ?? '', organisation: o.id })}`}
          >
            Faire une demande
          </Link>{' '}
          <span className="hint">
            Votre besoin est envoyé aux structures qui peuvent y répondre, dont celle-ci si elle remplit les
            conditions.
          </span>
        </p>
      </PageHeader>

      <div className="provider-layout">
        <div className="provider-main">
          {o.description && (
            <section aria-labelledby="presentation">
              <h2 id="presentation">Présentation</h2>
              <p className="provider-description">{o.description}</p>
            </section>
          )}

          <section aria-labelledby="activities">
            <h2 id="activities">Activités et tarifs</h2>
            <p className="hint">
              Tarifs toutes taxes comprises, avant crédit d’impôt. En mode mandataire, il s’agit des frais de
              gestion ; le salaire de l’intervenant·e s’y ajoute.
            </p>
            <table className="responsive-table">
              <caption className="visually-hidden">Activités proposées, modes et tarifs</caption>
              <thead>
                <tr>
                  <th scope="col">Activité</th>
                  <th scope="col">Modes</th>
                  <th scope="col">Tarifs TTC</th>
                  <th scope="col">Estimation</th>
                </tr>
              </thead>
              <tbody>
                {o.activities.map((activity) => (
                  <tr key={activity.code}>
                    <th scope="row">{activity.name}</th>
                    <td>{activity.modes.map(modeLabel).join(', ')}</td>
                    <td>
                      {activity.prices.length === 0 ? (
                        'Sur demande'
                      ) : (
                        <ul className="bare-list">
                          {activity.prices.map((price) => (
                            <li key={`${price.mode}-${price.unit}-${price.priceTtcCents}`}>
                              {modeLabel(price.mode)} : {formatEuros(price.priceTtcCents)}{' '}
                              {UNIT_LABELS[price.unit] ?? price.unit}
                              {price.label ? ` (${price.label})` : ''}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td>
                      <Link to={simulatorHref(o.id, activity.code)}>
                        Estimer le coût<span className="visually-hidden"> de « {activity.name} »</span>
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>

          <section aria-labelledby="publics">
            <h2 id="publics">Publics accompagnés</h2>
            <ul className="plain-list">
              {o.publics.map((p) => (
                <li key={p}>{PUBLIC_LABELS[p as Public] ?? p}</li>
              ))}
            </ul>
            <h3>Modes d’intervention</h3>
            <dl className="definitions">
              {o.modes.map((mode) => (
                <div key={mode}>
                  <dt>{modeLabel(mode)}</dt>
                  <dd>{MODE_INFO[mode as Mode]?.explanation ?? ''}</dd>
                </div>
              ))}
            </dl>
          </section>

          <section aria-labelledby="regimes">
            <h2 id="regimes">Déclaration, agrément et autorisation</h2>
            {regimes.length === 0 ? (
              <p>
                Cette structure n’a indiqué ni déclaration, ni agrément, ni autorisation : ses clients n’ont
                pas droit au crédit d’impôt.
              </p>
            ) : (
              <table>
                <caption className="visually-hidden">Régimes de la structure</caption>
                <thead>
                  <tr>
                    <th scope="col">Régime</th>
                    <th scope="col">Numéro</th>
                    <th scope="col">Date d’obtention</th>
                    <th scope="col">Fin de validité</th>
                  </tr>
                </thead>
                <tbody>
                  {regimes.map(({ type, registration }) => (
                    <tr key={type}>
                      <th scope="row">{REGIME_INFO[type].label}</th>
                      <td>{registration!.number}</td>
                      <td>{formatDateFr(registration!.date)}</td>
                      <td>
                        {registration!.expiresOn
                          ? formatDateFr(registration!.expiresOn)
                          : 'Sans limite indiquée'}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>

          <section aria-labelledby="hours">
            <h2 id="hours">Horaires d’ouverture</h2>
            {o.openingHours.length === 0 ? (
              <p>Horaires non communiqués : contactez la structure.</p>
            ) : (
              <table className="hours-table">
                <caption className="visually-hidden">Horaires d’ouverture de l’accueil</caption>
                <thead>
                  <tr>
                    <th scope="col">Jour</th>
                    <th scope="col">Horaires</th>
                  </tr>
                </thead>
                <tbody>
                  {slotsByDay.map(({ day, slots }) => (
                    <tr key={day}>
                      <th scope="row">{DAY_LABELS[day]}</th>
                      <td>
                        {slots.length === 0
                          ? 'Fermé'
                          : slots.map((s) => `de ${timeLabel(s.opens)} à ${timeLabel(s.closes)}`).join(', ')}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </div>

        <aside className="provider-aside" aria-label="Coordonnées et secteur">
          <section aria-labelledby="contact" className="panel">
            <h2 id="contact">Contact</h2>
            <address>
              {o.address.street}
              <br />
              {o.address.complement && (
                <>
                  {o.address.complement}
                  <br />
                </>
              )}
              {o.address.postalCode} {o.address.city}
            </address>
            <ul className="bare-list contact-list">
              {phone && (
                <li>
                  Téléphone : <a href={`tel:${toE164PhoneFr(o.phone ?? '') ?? o.phone}`}>{phone}</a>
                </li>
              )}
              {o.email && (
                <li>
                  E-mail : <a href={`mailto:${o.email}`}>{o.email}</a>
                </li>
              )}
              {o.website && (
                <li>
                  Site : <a href={o.website}>{o.website.replace(/^https?:\/\//, '')}</a>
                </li>
              )}
            </ul>
            <p className="hint">SIRET {formatSiret(o.siret)}</p>
          </section>

          <section aria-labelledby="served">
            <h2 id="served">Communes desservies</h2>
            {o.communesServed.length === 0 ? (
              <p>Non précisé.</p>
            ) : (
              <ul className="commune-list">
                {o.communesServed.map((c) => (
                  <li key={c.code}>{c.name}</li>
                ))}
              </ul>
            )}
            {mapCommunes.data && (
              <TerritoryMap
                className="territory-map-small"
                communes={mapCommunes.data}
                communeValues={Object.fromEntries([...servedCodes].map((code) => [code, 1]))}
                points={
                  o.latitude !== null && o.longitude !== null
                    ? [
                        {
                          id: o.id,
                          latitude: o.latitude,
                          longitude: o.longitude,
                          label: `Siège de ${o.name}`,
                        },
                      ]
                    : []
                }
                title={`Le siège de ${o.name} et, en couleur, les ${o.communesServed.length} communes desservies.`}
              />
            )}
          </section>

          {o.qualityLabels.length > 0 && (
            <section aria-labelledby="labels">
              <h2 id="labels">Labels qualité</h2>
              <ul className="plain-list">
                {o.qualityLabels.map((label) => (
                  <li key={label}>{label}</li>
                ))}
              </ul>
            </section>
          )}
        </aside>
      </div>
    </article>
  );
}
