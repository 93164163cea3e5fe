import { useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client';
import { ErrorSummary, problemOf, TextField, useDraft, usePageTitle, type FormProblem } from '../../ui/form';
import { PageHeader } from '../../ui/Layout';
import { formatHours } from '../../ui/schedule-time';
import { foldAccents } from '../../../shared/text';
import { useCommunes } from '../directory/geography';
import { numberOf, SelectField } from './fields';
import {
  skillLabel,
  skillShortLabel,
  useLoad,
  workerName,
  type QualificationAlert,
  type WorkerSummary,
} from './workspace-api';

const workerLabels: Record<string, string> = {
  firstName: 'Prénom',
  lastName: 'Nom',
  email: 'E-mail',
  phone: 'Téléphone',
  communeCode: 'Commune du domicile',
  contractHoursPerWeek: 'Heures par semaine au contrat',
};

/** The qualifications that expire soon or have expired, soonest first. */
export function QualificationAlertsPanel() {
  const alerts = useLoad<QualificationAlert[] | { items: QualificationAlert[] }>(
    '/api/workers/qualification-alerts',
  );
  const list = Array.isArray(alerts.data) ? alerts.data : (alerts.data?.items ?? []);
  return (
    <section className="panel alerts-panel" aria-labelledby="qualification-alerts">
      <h2 id="qualification-alerts">Qualifications à renouveler {list.length ? `(${list.length})` : ''}</h2>
      {alerts.error && <p className="alert alert-error">{alerts.error}</p>}
      {alerts.data && list.length === 0 && <p>Aucune qualification n’expire dans les 60 prochains jours.</p>}
      {list.length > 0 && (
        <ul className="plain-list">
          {list.map((a) => (
            <li key={`${a.workerId}-${a.skillCode}`}>
              <span className={`badge ${a.status === 'expired' ? 'badge-danger' : 'badge-warning'}`}>
                {a.status === 'expired' ? 'Expirée' : `Expire dans ${a.daysLeft} j`}
              </span>{' '}
              <Link to={`/structure/intervenants/${a.workerId}`}>
                {a.firstName || a.lastName
                  ? `${a.firstName ?? ''} ${a.lastName ?? ''}`.trim()
                  : 'Intervenant·e'}
              </Link>{' '}
              — {a.skillLabel ?? skillLabel(a.skillCode)}, le{' '}
              {new Date(`${a.expiresOn}T12:00:00Z`).toLocaleDateString('fr-FR')}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The organisation's workers, the qualification alerts and a form to add a worker. */
export function WorkersPage() {
  usePageTitle('Intervenant·es');
  const navigate = useNavigate();
  const workers = useLoad<WorkerSummary[] | { items: WorkerSummary[] }>('/api/workers');
  const communes = useCommunes();
  const [filter, setFilter] = useState('');
  const all = useMemo(
    () => (Array.isArray(workers.data) ? workers.data : (workers.data?.items ?? [])),
    [workers.data],
  );
  const shown = useMemo(() => {
    const f = foldAccents(filter.trim());
    return all
      .filter((w) => !f || foldAccents(workerName(w)).includes(f))
      .sort((a, b) => workerName(a).localeCompare(workerName(b), 'fr'));
  }, [all, filter]);
  const communeName = new Map((communes.data ?? []).map((c) => [c.code, c.name]));

  const [draft, update, clear] = useDraft('worker-new', {
    firstName: '',
    lastName: '',
    email: '',
    phone: '',
    communeCode: '',
    contractHoursPerWeek: '35',
  });
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const commune = communes.data?.find((c) => c.code === draft.communeCode);
    try {
      const created = await api<{ id: string }>('/api/workers', {
        method: 'POST',
        body: {
          firstName: draft.firstName,
          lastName: draft.lastName,
          email: draft.email || null,
          phone: draft.phone || null,
          communeCode: draft.communeCode || null,
          homeLatitude: commune?.latitude ?? null,
          homeLongitude: commune?.longitude ?? null,
          contractHoursPerWeek: numberOf(draft.contractHoursPerWeek) ?? 35,
        },
      });
      clear();
      navigate(`/structure/intervenants/${created.id}`);
    } catch (error) {
      setProblem(problemOf(error));
    }
  };

  return (
    <>
      <PageHeader title="Intervenant·es">
        <p className="lead">
          {workers.data ? `${all.length} intervenant·e${all.length > 1 ? 's' : ''}` : '\u00a0'}
        </p>
      </PageHeader>
      <QualificationAlertsPanel />
      <div className="field inline">
        <label htmlFor="worker-filter">Rechercher par nom</label>
        <input
          id="worker-filter"
          type="search"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
        />
      </div>
      {workers.error && (
        <div className="alert alert-error" role="alert">
          <p>{workers.error}</p>
        </div>
      )}
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">Intervenant·es de la structure</caption>
          <thead>
            <tr>
              <th scope="col">Nom</th>
              <th scope="col">Commune</th>
              <th scope="col">Contrat</th>
              <th scope="col">Compétences</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((w) => (
              <tr key={w.id}>
                <td>
                  <Link to={`/structure/intervenants/${w.id}`}>{workerName(w)}</Link>
                </td>
                <td>{w.communeCode ? (communeName.get(w.communeCode) ?? w.communeCode) : '—'}</td>
                <td>{formatHours(w.contractHoursPerWeek)} / semaine</td>
                <td>{w.skills.map(skillShortLabel).join(', ') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <details className="panel new-worker">
        <summary>Ajouter un·e intervenant·e</summary>
        <ErrorSummary problem={problem} labels={workerLabels} />
        <form onSubmit={submit} noValidate className="form-grid" aria-label="Ajouter un·e intervenant·e">
          <TextField
            name="lastName"
            label={workerLabels.lastName!}
            value={draft.lastName}
            onChange={(lastName) => update({ lastName })}
            problem={problem}
          />
          <TextField
            name="firstName"
            label={workerLabels.firstName!}
            value={draft.firstName}
            onChange={(firstName) => update({ firstName })}
            problem={problem}
          />
          <TextField
            name="email"
            label={workerLabels.email!}
            type="email"
            value={draft.email}
            onChange={(email) => update({ email })}
            problem={problem}
          />
          <TextField
            name="phone"
            label={workerLabels.phone!}
            type="tel"
            value={draft.phone}
            onChange={(phone) => update({ phone })}
            problem={problem}
          />
          <SelectField
            name="communeCode"
            label={workerLabels.communeCode!}
            value={draft.communeCode}
            onChange={(communeCode) => update({ communeCode })}
            problem={problem}
          >
            <option value="">Choisir une commune</option>
            {(communes.data ?? []).map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </SelectField>
          <TextField
            name="contractHoursPerWeek"
            label={workerLabels.contractHoursPerWeek!}
            inputMode="numeric"
            value={draft.contractHoursPerWeek}
            onChange={(contractHoursPerWeek) => update({ contractHoursPerWeek })}
            problem={problem}
          />
          <div>
            <button type="submit" className="button">
              Ajouter
            </button>
          </div>
        </form>
      </details>
    </>
  );
}
