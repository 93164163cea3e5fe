import { useId } from 'react';
import { Link, useParams } from 'react-router';
import {
  ACTIVITY_DOMAIN_LABELS,
  isActivityCode,
  getActivity,
  type Activity,
} from '../../../domain/activities';
import { formatDuration } from '../../../domain/money';
import { MODES, REGIME_INFO } from '../../../domain/organisation';
import { useDraft, usePageTitle } from '../../ui/form';
import { NotFoundPage } from '../home-pages';
import {
  buildRegimeRows,
  filterActivities,
  groupActivitiesByDomain,
  legalPart,
  MODE_COLUMN_LABELS,
  regimeCaveats,
  regimesUsed,
  vatText,
} from './activity-list';
import { Breadcrumb, SOURCES, SourcesList, TableOfContents, UpdatedOn } from './GuideArticle';
import { ACTIVITY_COUNT, creditRate, euros } from './guide-figures';
import { GUIDE_PAGES } from './guide-pages';

const UPDATED_ON = GUIDE_PAGES[0].updatedOn;

/** « 3 activités » / « 1 activité ». */
const activitiesCount = (n: number) => `${n} activité${n > 1 ? 's' : ''}`;

/** /activites: the 26 activities grouped by domain, with a text filter that ignores accents. */
export function ActivitiesPage() {
  usePageTitle('Les activités de services à la personne');
  const [draft, update] = useDraft('activites', { query: '' });
  const hintId = useId();
  const found = filterActivities(draft.query);
  const groups = groupActivitiesByDomain(found);
  return (
    <>
      <Breadcrumb
        items={[{ label: 'Accueil', to: '/' }, { label: 'Guide', to: '/guide' }, { label: 'Les activités' }]}
      />
      <h1>Les {ACTIVITY_COUNT} activités de services à la personne</h1>
      <p className="lead">
        La loi reconnaît {ACTIVITY_COUNT} activités. Pour chacune, vous pouvez avoir un crédit d’impôt de{' '}
        {creditRate} si vous passez par une structure déclarée ou si vous déclarez la personne que vous
        employez.
      </p>
      <UpdatedOn isoDate={UPDATED_ON} />
      <form role="search" className="panel activity-search" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="activity-query">Chercher une activité</label>
          <p id={hintId} className="hint">
            Par exemple : ménage, jardin, garde d’enfants, courses. Les accents ne comptent pas.
          </p>
          <input
            id="activity-query"
            type="search"
            value={draft.query}
            onChange={(e) => update({ query: e.target.value })}
            aria-describedby={hintId}
            autoComplete="off"
          />
        </div>
      </form>
      <p role="status" className="activity-count">
        {found.length === ACTIVITY_COUNT
          ? `${activitiesCount(found.length)}.`
          : found.length === 0
            ? 'Aucune activité ne correspond à votre recherche. Essayez un autre mot.'
            : `${activitiesCount(found.length)} sur ${ACTIVITY_COUNT} correspondent à votre recherche.`}
      </p>
      {groups.map((g) => (
        <section key={g.domain} aria-labelledby={`domaine-${g.domain}`} className="guide-section">
          <h2 id={`domaine-${g.domain}`}>{g.label}</h2>
          <ul className="card-list">
            {g.activities.map((a) => (
              <li className="card" key={a.code}>
                <h3 className="card-title">
                  <Link to={`/activites/${a.code}`}>{a.name}</Link>
                </h3>
                <p>{a.description}</p>
              </li>
            ))}
          </ul>
        </section>
      ))}
      <section aria-labelledby="sources" className="guide-section">
        <h2 id="sources">Sources</h2>
        <SourcesList sources={[SOURCES.d7231_1, SOURCES.circulaire2025, SOURCES.cgi199]} />
      </section>
    </>
  );
}

/** /activites/:code */
export function ActivityPage() {
  const { code = '' } = useParams();
  if (!isActivityCode(code)) return <NotFoundPage />;
  return <ActivityDetail activity={getActivity(code)} />;
}

function ActivityDetail({ activity }: { activity: Activity }) {
  usePageTitle(activity.name);
  const rows = buildRegimeRows(activity);
  const caveats = regimeCaveats(activity);
  const part = legalPart(activity);
  const sections = [
    { id: 'en-bref', title: 'En bref' },
    { id: 'qui-peut', title: 'Qui peut vous rendre ce service' },
    { id: 'credit-impot', title: 'Crédit d’impôt' },
    { id: 'tva', title: 'TVA' },
    { id: 'trouver', title: 'Trouver une structure et calculer le coût' },
    { id: 'sources', title: 'Sources' },
  ];
  const tableCaption = `Ce que la structure doit avoir pour « ${activity.name} », selon la personne aidée et le mode`;
  return (
    <article className="guide-article">
      <Breadcrumb
        items={[
          { label: 'Accueil', to: '/' },
          { label: 'Les activités', to: '/activites' },
          { label: activity.name },
        ]}
      />
      <h1>{activity.name}</h1>
      <p className="lead">{activity.description}</p>
      <UpdatedOn isoDate={UPDATED_ON} />
      <TableOfContents sections={sections} />

      <section aria-labelledby="en-bref" className="guide-section">
        <h2 id="en-bref">En bref</h2>
        <dl className="facts">
          <div>
            <dt>Groupe</dt>
            <dd>{activity.domains.map((d) => ACTIVITY_DOMAIN_LABELS[d]).join(', ')}</dd>
          </div>
          <div>
            <dt>Texte</dt>
            <dd>
              Code du travail, article D7231-1, partie {part}
              {part === 'I'
                ? ' (activités qui demandent un agrément ou une autorisation)'
                : ' (une simple déclaration suffit)'}
            </dd>
          </div>
          <div>
            <dt>Pour qui</dt>
            <dd>
              {rows
                .filter((r) => activity.publics.includes(r.public))
                .map((r) => r.label)
                .join(', ')}
            </dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="qui-peut" className="guide-section">
        <h2 id="qui-peut">Qui peut vous rendre ce service</h2>
        <p>
          Selon la personne aidée et le mode choisi (
          <Link to="/guide/modes">prestataire, mandataire ou emploi direct</Link>
          ), la structure doit avoir fait une déclaration, ou obtenu un agrément ou une autorisation.
        </p>
        <div className="table-scroll" role="region" aria-labelledby="regimes-caption" tabIndex={0}>
          <table className="guide-table">
            <caption id="regimes-caption">{tableCaption}</caption>
            <thead>
              <tr>
                <th scope="col">Personne aidée</th>
                {MODES.map((m) => (
                  <th scope="col" key={m}>
                    {MODE_COLUMN_LABELS[m]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.public}>
                  <th scope="row">
                    {row.label}
                    {row.note && <span className="hint table-note">{row.note}</span>}
                  </th>
                  {row.cells.map((cell) => (
                    <td key={cell.mode}>{cell.text}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <ul className="plain-list">
          {regimesUsed(activity).map((r) => (
            <li key={r}>
              <strong>{REGIME_INFO[r].label}</strong> : {REGIME_INFO[r].explanation}{' '}
              <span className="hint">Autorité : {REGIME_INFO[r].authority}.</span>
            </li>
          ))}
        </ul>
        {caveats.map((c) => (
          <p className="alert alert-info" key={c}>
            {c}
          </p>
        ))}
      </section>

      <section aria-labelledby="credit-impot" className="guide-section">
        <h2 id="credit-impot">Crédit d’impôt</h2>
        <ul className="plain-list">
          <li>
            Vous avez droit au crédit d’impôt de {creditRate} sur ce que vous payez, si la structure est
            déclarée ou si vous déclarez votre salarié.
          </li>
          {activity.offreGlobale && (
            <li>
              <strong>Condition d’offre globale :</strong> ce service ne compte pour le crédit d’impôt que
              s’il est proposé avec des services rendus chez vous.
              {activity.offreGlobaleException && ` Exception : ${activity.offreGlobaleException}`}
            </li>
          )}
          {activity.requiresDependentClient && (
            <li>
              Ce service n’est un service à la personne que pour une personne âgée dépendante ou handicapée.
            </li>
          )}
          {activity.taxSubCeilingCents !== null ? (
            <li>
              <strong>Plafond propre à cette activité :</strong> les dépenses comptent jusqu’à{' '}
              {euros(activity.taxSubCeilingCents)} par an et par foyer.
            </li>
          ) : (
            <li>Pas de plafond propre à cette activité : seul le plafond annuel général s’applique.</li>
          )}
          {activity.maxInterventionMinutes !== null && (
            <li>Chaque intervention doit durer {formatDuration(activity.maxInterventionMinutes)} au plus.</li>
          )}
        </ul>
        <p>
          <Link to="/guide/credit-impot">Tout sur le crédit d’impôt et ses plafonds</Link>
        </p>
      </section>

      <section aria-labelledby="tva" className="guide-section">
        <h2 id="tva">TVA</h2>
        <p>
          Taux de TVA habituel quand la structure y est soumise : <strong>{vatText(activity)}</strong>.
          {activity.vatRateBp === null &&
            ' Le taux de cette activité n’est pas confirmé : demandez-le à la structure, il figure sur son devis.'}
        </p>
        <p className="hint">
          Les associations et les micro-entrepreneurs en franchise de TVA facturent sans TVA.
        </p>
      </section>

      <section aria-labelledby="trouver" className="guide-section">
        <h2 id="trouver">Trouver une structure et calculer le coût</h2>
        <ul className="action-links">
          <li>
            <Link className="button" to={`/annuaire?activity=${activity.code}`}>
              Trouver une structure pour cette activité
            </Link>
          </li>
          <li>
            <Link className="button button-secondary" to={`/simulateur?activite=${activity.code}`}>
              Calculer le coût de cette activité
            </Link>
          </li>
        </ul>
        <p>
          <Link to="/activites">Retour à toutes les activités</Link>
        </p>
      </section>

      <section aria-labelledby="sources" className="guide-section">
        <h2 id="sources">Sources</h2>
        <SourcesList
          sources={[
            SOURCES.d7231_1,
            SOURCES.l7232_1,
            ...(part === 'I' ? [SOURCES.casfL313] : []),
            SOURCES.cgi199,
            ...(activity.taxSubCeilingCents !== null || activity.maxInterventionMinutes !== null
              ? [SOURCES.d7233_5]
              : []),
            SOURCES.circulaire2025,
          ]}
        />
      </section>
    </article>
  );
}
