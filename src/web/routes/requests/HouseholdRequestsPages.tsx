import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { getSkill, isSkillCode } from '../../../domain/skills';
import { api, ApiError } from '../../api/client';
import { usePageTitle } from '../../ui/form';
import { PageHeader } from '../../ui/Layout';
import { MessageThread } from './MessageThread';
import { euros, frenchDate, useApi, type HouseholdRequestView } from './requests-api';

interface RequestSummary {
  id: string;
  statusLabel: string;
  activities: { code: string; name: string }[];
  personFirstName: string;
  communeName: string;
  startsOn: string;
  routedCount: number;
  quoteCount: number;
}

/** The household's requests. */
export function HouseholdRequestsPage() {
  usePageTitle('Mes demandes');
  const list = useApi<{ items: RequestSummary[] }>('/api/requests');
  return (
    <>
      <PageHeader title="Mes demandes">
        <p className="lead">
          Décrivez votre besoin, recevez des devis des structures qui peuvent y répondre et comparez-les.
        </p>
        <p>
          <Link className="button" to="/foyer/demandes/nouvelle">
            Faire une demande
          </Link>
        </p>
      </PageHeader>
      <section className="panel" aria-labelledby="my-requests">
        <h2 id="my-requests">Mes demandes</h2>
        {list.error && <p className="alert alert-error">{list.error}</p>}
        {list.data && list.data.items.length === 0 && <p>Aucune demande pour le moment.</p>}
        {list.data && list.data.items.length > 0 && (
          <ul className="plain-list">
            {list.data.items.map((r) => (
              <li key={r.id}>
                <Link to={`/foyer/demandes/${r.id}`}>
                  {r.activities.map((a) => a.name).join(', ')} pour {r.personFirstName} à {r.communeName}
                </Link>{' '}
                — {r.statusLabel} ; envoyée à {r.routedCount} structure{r.routedCount > 1 ? 's' : ''},{' '}
                {r.quoteCount} devis reçu{r.quoteCount > 1 ? 's' : ''}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

const skillLabel = (s: string) => (isSkillCode(s) ? getSkill(s).label : s);

/** One request: to whom it went and why, the quotes side by side, accept / cancel, the threads. */
export function HouseholdRequestPage() {
  const { id = '' } = useParams();
  const request = useApi<HouseholdRequestView>(`/api/requests/${id}`);
  usePageTitle('Ma demande');
  const [confirming, setConfirming] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const r = request.data;

  async function act(work: () => Promise<string>) {
    setBusy(true);
    setError(null);
    try {
      setNotice(await work());
      setConfirming(null);
      request.reload();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Une erreur est survenue. Réessayez.');
    } finally {
      setBusy(false);
    }
  }

  if (request.error) return <p className="alert alert-error">{request.error}</p>;
  if (!r) return <p role="status">Chargement…</p>;
  const isOpen = r.status === 'open';
  return (
    <>
      <PageHeader title={`Demande : ${r.activities.map((a) => a.name).join(', ')}`}>
        <p className="lead">
          Pour {r.person.firstName} ({r.person.kindLabel.toLowerCase()}
          {r.person.gir ? `, GIR ${r.person.gir}` : ''}) à {r.communeName} — {r.scheduleSummary}, à partir du{' '}
          {frenchDate(r.startsOn)} ({r.modeLabel.toLowerCase()}).
        </p>
        <p>
          <span className="badge">{r.statusLabel}</span>
        </p>
      </PageHeader>
      {notice && (
        <div className="alert alert-success" role="status">
          {notice}
        </div>
      )}
      {error && (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      )}

      <section className="panel" aria-labelledby="routed-title">
        <h2 id="routed-title">À qui votre demande a été envoyée, et pourquoi</h2>
        {r.routings.length === 0 && (
          <p>
            Aucune structure ne remplit pour l’instant toutes les conditions pour cette demande. Modifiez-la
            (mode, activités) ou réessayez plus tard.
          </p>
        )}
        <ul className="plain-list">
          {r.routings.map((x) => (
            <li key={x.organisationId}>
              <strong>{x.organisationName}</strong> — {x.statusLabel}
              {x.distanceKm !== null && <> — à {String(x.distanceKm).replace('.', ',')} km</>}
              <br />
              <span className="hint">{x.reason}</span>
              {x.declineReason && (
                <>
                  <br />
                  Motif : {x.declineReason}
                </>
              )}
            </li>
          ))}
        </ul>
      </section>

      <section className="panel" aria-labelledby="quotes-title">
        <h2 id="quotes-title">Devis reçus, comparés</h2>
        {r.comparison.length === 0 && <p>Aucun devis pour le moment : vous serez prévenu·e par e-mail.</p>}
        {r.comparison.length > 0 && (
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">Comparaison des devis</caption>
              <thead>
                <tr>
                  <th scope="col">Structure</th>
                  <th scope="col">Prix horaire TTC</th>
                  <th scope="col">Par mois TTC</th>
                  <th scope="col">APA par mois</th>
                  <th scope="col">Crédit d’impôt par mois</th>
                  <th scope="col">Coût final par mois</th>
                  <th scope="col">Première date</th>
                  <th scope="col">Intervenant·e proposé·e</th>
                  <th scope="col">Labels</th>
                  <th scope="col">Devis</th>
                </tr>
              </thead>
              <tbody>
                {r.comparison.map((q) => (
                  <tr key={q.quoteId}>
                    <th scope="row">
                      {q.organisationName}
                      {q.isCheapest && <span className="badge badge-ok"> Le moins cher après aides</span>}
                    </th>
                    <td>{euros(q.hourlyPriceTtcCents)}</td>
                    <td>{euros(q.monthlyTtcCents)}</td>
                    <td>{q.monthlyApaCents ? euros(q.monthlyApaCents) : '—'}</td>
                    <td>{euros(q.monthlyTaxCreditCents)}</td>
                    <td>
                      <strong>{euros(q.monthlyNetCostCents)}</strong>
                    </td>
                    <td>{frenchDate(q.firstAvailableOn)}</td>
                    <td>
                      {q.workerProfile.skills.map(skillLabel).join(' ; ') || '—'}
                      {q.workerProfile.experienceYears !== null && (
                        <>, {q.workerProfile.experienceYears} an(s) d’expérience</>
                      )}
                    </td>
                    <td>{q.qualityLabels.join(', ') || '—'}</td>
                    <td>
                      <a href={q.pdfUrl} target="_blank" rel="noreferrer">
                        PDF
                      </a>
                      <br />
                      {q.statusLabel}
                      {isOpen && q.status === 'sent' && confirming !== q.quoteId && (
                        <>
                          <br />
                          <button
                            type="button"
                            className="button"
                            onClick={() => setConfirming(q.quoteId)}
                            aria-label={`Accepter le devis de ${q.organisationName}`}
                          >
                            Accepter
                          </button>
                        </>
                      )}
                      {confirming === q.quoteId && (
                        <div role="group" aria-label="Confirmer l’acceptation">
                          <p>
                            Accepter le devis de {q.organisationName} ? Les autres structures seront prévenues
                            et votre adresse sera communiquée à celle-ci.
                          </p>
                          <button
                            type="button"
                            className="button"
                            disabled={busy}
                            onClick={() =>
                              void act(async () => {
                                const done = await api<{ startsOn: string }>(
                                  `/api/quotes/${q.quoteId}/accept`,
                                  { method: 'POST' },
                                );
                                return `Devis accepté : ${q.organisationName} commence le ${frenchDate(done.startsOn)}.`;
                              })
                            }
                          >
                            Confirmer
                          </button>{' '}
                          <button
                            type="button"
                            className="button button-secondary"
                            onClick={() => setConfirming(null)}
                          >
                            Annuler
                          </button>
                        </div>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p className="hint">
          Coût final : prix mensuel moins l’APA versée par le Département et le crédit d’impôt de 50 %
          (estimation du simulateur).
        </p>
      </section>

      <section className="panel" aria-labelledby="messages-title">
        <h2 id="messages-title">Messages</h2>
        {r.routings.map((x) => (
          <MessageThread
            key={x.organisationId}
            title={x.organisationName}
            requestId={r.id}
            organisationId={x.organisationId}
            messages={r.messages.filter((m) => m.organisationId === x.organisationId)}
            onSent={request.reload}
            otherSide="provider"
          />
        ))}
      </section>

      <div className="button-row">
        {isOpen && (
          <button
            type="button"
            className="button button-secondary"
            disabled={busy}
            onClick={() => {
              if (window.confirm('Annuler cette demande ? Les structures seront prévenues.'))
                void act(
                  async () => (
                    await api(`/api/requests/${r.id}/cancel`, { method: 'POST' }),
                    'Demande annulée.'
                  ),
                );
            }}
          >
            Annuler la demande
          </button>
        )}
        <Link to={`/foyer/demandes/nouvelle?activite=${r.activities[0]?.code ?? ''}`}>
          Faire une nouvelle demande
        </Link>
        <Link to="/foyer/demandes">Toutes mes demandes</Link>
      </div>
    </>
  );
}
