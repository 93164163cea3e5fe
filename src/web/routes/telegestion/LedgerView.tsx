import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { problemOf, usePageTitle } from '../../ui/form';
import { PageHeader } from '../../ui/Layout';
import { formatHours, formatMonth, type Ledger, type LedgerMonth } from './telegestion-api';

const FUNDER_LABELS: Record<string, string> = { apa: 'APA', pch: 'PCH', caisse_retraite: 'Caisse de retraite', autre: 'Autre financeur' };

function Bar({ label, minutes, max, colour }: { label: string; minutes: number; max: number; colour: string }) {
  const width = max > 0 ? Math.min(100, Math.round((minutes * 100) / max)) : 0;
  return (
    <div style={{ display: 'grid', gridTemplateColumns: '8rem 1fr 6rem', alignItems: 'center', gap: '0.5rem' }}>
      <span>{label}</span>
      <span aria-hidden="true" style={{ background: '#e8eef5', borderRadius: 4, height: '1rem', display: 'block' }}>
        <span style={{ width: `${width}%`, background: colour, height: '100%', display: 'block', borderRadius: 4 }} />
      </span>
      <strong>{formatHours(minutes)}</strong>
    </div>
  );
}

/** One month of the ledger: three bars and every gap explained in plain French. */
export function LedgerMonthCard({ month }: { month: LedgerMonth }) {
  const max = Math.max(month.fundedMinutes, month.plannedMinutes, month.deliveredMinutes, 1);
  return (
    <section className="card" aria-labelledby={`month-${month.month}`}>
      <h3 id={`month-${month.month}`} className="card-title" style={{ textTransform: 'capitalize' }}>
        {formatMonth(month.month)}
      </h3>
      <p>{month.summary}</p>
      <Bar label="Financées" minutes={month.fundedMinutes} max={max} colour="#6b8fb8" />
      <Bar label="Prévues" minutes={month.plannedMinutes} max={max} colour="#f2a900" />
      <Bar label="Réalisées" minutes={month.deliveredMinutes} max={max} colour="#2e7d32" />
      {month.deliveredPercent !== null && <p>Plan d’aide utilisé à {month.deliveredPercent} %.</p>}
      {month.gaps.length > 0 ? (
        <>
          <h4>Les écarts expliqués</h4>
          <ul>
            {month.gaps.map((g) => (
              <li key={g.cause}>
                {g.label} : <strong>{formatHours(g.minutes)}</strong>
                {g.visits > 0 ? ` (${g.visits} intervention${g.visits > 1 ? 's' : ''})` : ''}
                {g.reasons.length > 0 ? ` — motif : ${g.reasons.join(' ; ')}` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>Aucun écart ce mois-ci.</p>
      )}
    </section>
  );
}

export function LedgerBlock({ ledger, showProvider }: { ledger: Ledger; showProvider?: boolean }) {
  return (
    <section aria-labelledby={`ledger-${ledger.beneficiary.id}`}>
      <h2 id={`ledger-${ledger.beneficiary.id}`}>
        {ledger.beneficiary.firstName} {ledger.beneficiary.lastName}
        {showProvider ? ` · ${ledger.organisation.name}` : ''}
      </h2>
      {ledger.plans.length === 0 ? (
        <p>Aucun plan d’aide enregistré : seules les heures prévues et réalisées sont montrées.</p>
      ) : (
        <ul>
          {ledger.plans.map((p, i) => (
            <li key={i}>
              {FUNDER_LABELS[p.funder] ?? p.funder} : {p.hoursPerMonth.toLocaleString('fr-FR')} h par mois depuis le {new Date(`${p.startsOn}T12:00:00Z`).toLocaleDateString('fr-FR')}
              {p.endsOn ? ` jusqu’au ${new Date(`${p.endsOn}T12:00:00Z`).toLocaleDateString('fr-FR')}` : ''}
              {p.reference ? ` (dossier ${p.reference})` : ''}
            </li>
          ))}
        </ul>
      )}
      {[...ledger.months].reverse().map((m) => (
        <LedgerMonthCard key={m.month} month={m} />
      ))}
    </section>
  );
}

/** Staff: « Relevé du plan d'aide » of one beneficiary. */
export function BeneficiaryLedgerPage() {
  const { id } = useParams();
  usePageTitle('Relevé du plan d’aide');
  const [ledger, setLedger] = useState<Ledger | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<Ledger>(`/api/beneficiaries/${id}/ledger`)
      .then(setLedger)
      .catch((e: unknown) => setError(problemOf(e).message));
  }, [id]);
  return (
    <>
      <PageHeader title="Relevé du plan d’aide">
        <p className="lead">Mois par mois : les heures financées par le plan, prévues au planning, réalisées (pointées), et chaque écart expliqué.</p>
        <p>
          <Link to={`/structure/beneficiaires/${id}`}>Retour au dossier</Link>
        </p>
      </PageHeader>
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      {!ledger && !error && <p role="status">Chargement…</p>}
      {ledger && <LedgerBlock ledger={ledger} />}
    </>
  );
}

/** Household: the ledger of each of its beneficiaries, whichever provider comes. */
export function HouseholdLedgerPage() {
  usePageTitle('Relevé du plan d’aide');
  const [items, setItems] = useState<Ledger[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<{ items: Ledger[] }>('/api/me/ledger')
      .then((answer) => setItems(answer.items))
      .catch((e: unknown) => setError(problemOf(e).message));
  }, []);
  return (
    <>
      <PageHeader title="Relevé du plan d’aide">
        <p className="lead">Pour chacun de vos proches : les heures que finance le plan d’aide (APA, PCH…), celles prévues par le service, celles réellement faites, et pourquoi il y a un écart.</p>
      </PageHeader>
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      {!items && !error && <p role="status">Chargement…</p>}
      {items && items.length === 0 && <p>Aucun proche suivi par un service pour l’instant.</p>}
      {items?.map((ledger) => (
        <LedgerBlock key={`${ledger.organisation.id}-${ledger.beneficiary.id}`} ledger={ledger} showProvider />
      ))}
    </>
  );
}
