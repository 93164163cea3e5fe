import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { problemOf, usePageTitle } from '../../ui/form';
import { PageHeader } from '../../ui/Layout';
import { parisToday } from '../../ui/schedule-time';
import { formatHours, formatMonth, formatTime, type MyActivity } from './telegestion-api';

/** « Mon activité »: everything the employer sees about the worker's month (« équitable par construction »). */
export function ActivityPage() {
  usePageTitle('Mon activité');
  const [month, setMonth] = useState(parisToday().slice(0, 7));
  const [activity, setActivity] = useState<MyActivity | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<MyActivity>(`/api/me/activity?month=${month}`)
      .then((a) => {
        setActivity(a);
        setError(null);
      })
      .catch((e: unknown) => setError(problemOf(e).message));
  }, [month]);
  const t = activity?.totals;
  return (
    <>
      <PageHeader title="Mon activité">
        <p className="lead">{activity?.whatIsSeen ?? 'Tout ce que votre structure voit de votre travail.'}</p>
        <p>
          <Link to="/intervenant/tournee">Ma tournée du jour</Link>
        </p>
      </PageHeader>
      <div className="field">
        <label htmlFor="field-month">Mois</label>
        <input id="field-month" type="month" value={month} onChange={(e) => e.target.value && setMonth(e.target.value)} />
      </div>
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      {t && (
        <section aria-labelledby="totals-title">
          <h2 id="totals-title" style={{ textTransform: 'capitalize' }}>
            {formatMonth(activity.month)}
          </h2>
          <ul className="facts">
            <li>Heures prévues : {formatHours(t.plannedMinutes)}</li>
            <li>Heures pointées : {formatHours(t.checkedMinutes)}</li>
            <li>Heures validées (comptées pour la paie) : {formatHours(t.validatedMinutes)}</li>
            <li>
              Trajets crédités : {formatHours(t.travelMinutes)}, {t.travelKm.toLocaleString('fr-FR', { maximumFractionDigits: 1 })} km
            </li>
            <li>
              {t.visits} intervention(s) pointée(s), {t.anomalies} anomalie(s), {t.corrections} correction(s)
            </li>
          </ul>
        </section>
      )}
      {activity && (
        <section aria-labelledby="visits-title">
          <h2 id="visits-title">Interventions, pointages et décisions</h2>
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">Jour</th>
                  <th scope="col">Prévu</th>
                  <th scope="col">Pointages (heure du téléphone, reçue, position)</th>
                  <th scope="col">Validation</th>
                  <th scope="col">Anomalies et motif</th>
                </tr>
              </thead>
              <tbody>
                {activity.visits.map((v) => (
                  <tr key={v.visitId}>
                    <td>{v.localDate.split('-').reverse().join('/')}</td>
                    <td>
                      {formatTime(v.plannedStartAt)}–{formatTime(v.plannedEndAt)}
                      {v.status === 'cancelled' ? ` (annulée${v.cancelledReason ? ` : ${v.cancelledReason}` : ''})` : ''}
                    </td>
                    <td>
                      {v.checkEvents.length === 0
                        ? 'Aucun pointage'
                        : v.checkEvents.map((e) => (
                            <div key={e.id}>
                              {e.kind === 'check_in' ? 'Arrivée' : 'Départ'} {formatTime(e.at)} (reçu {formatTime(e.receivedAt)})
                              {e.position ? ` · position partagée ${e.position.latitude.toFixed(4)}, ${e.position.longitude.toFixed(4)}` : ' · position non partagée'}
                            </div>
                          ))}
                      {v.review?.checkedStartAt !== undefined && v.validationStatus === 'corrected' ? (
                        <div>
                          Corrigé : {formatTime(v.actualStartAt)}–{formatTime(v.actualEndAt)}
                        </div>
                      ) : null}
                    </td>
                    <td>{v.validationLabel}</td>
                    <td>
                      {v.anomalies.map((a) => a.label).join(', ') || '—'}
                      {v.review?.reason ? ` · Motif : ${v.review.reason}` : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h2>Trajets crédités</h2>
          {activity.travel.length === 0 ? (
            <p>Aucun trajet entre deux visites ce mois-ci.</p>
          ) : (
            <ul>
              {activity.travel.map((d) => (
                <li key={d.localDate}>
                  {d.localDate.split('-').reverse().join('/')} : {d.legs.length} trajet(s), {formatHours(d.totalMinutes)}, {d.totalKm.toLocaleString('fr-FR', { maximumFractionDigits: 1 })} km
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </>
  );
}
