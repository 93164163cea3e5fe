import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { SKILLS } from '../../../domain/skills';
import { api } from '../../api/client';
import { ErrorSummary, problemOf, TextField, useDraft, usePageTitle, type FormProblem } from '../../ui/form';
import { PageHeader } from '../../ui/Layout';
import { formatMinutes, formatShortDay, parisLocal, parisToday } from '../../ui/schedule-time';
import { useCommunes } from '../directory/geography';
import { AbsenceForm } from './AbsenceForm';
import { CheckboxField, numberOf, SelectField, TextAreaField } from './fields';
import {
  ABSENCE_KIND_OPTIONS,
  skillLabel,
  useLoad,
  WEEKDAYS,
  workerName,
  type Qualification,
  type Sector,
  type Worker,
  type WorkerAbsence,
  type WorkerSummary,
} from './workspace-api';

const TRANSPORT: Record<string, string> = {
  car: 'Voiture',
  bike: 'Vélo',
  public_transport: 'Transports en commun',
  walk: 'À pied',
};
const QUALIFICATION_SKILLS = SKILLS.filter((s) => s.kind !== 'competence');
const SOON_DAYS = 60;

function expiryBadge(q: Qualification, today: string) {
  if (!q.expiresOn) return null;
  const days = Math.round((Date.parse(q.expiresOn) - Date.parse(today)) / 86_400_000);
  if (days < 0) return <span className="badge badge-danger">Expirée</span>;
  if (days <= SOON_DAYS) return <span className="badge badge-warning">Expire dans {days} j</span>;
  return null;
}

/** A worker's file: contract, skills, dated qualifications, weekly availability, absences and « Déclarer une absence ». */
export function WorkerPage() {
  const { id = '' } = useParams();
  const worker = useLoad<Worker>(`/api/workers/${id}`);
  const absences = useLoad<WorkerAbsence[]>(`/api/workers/${id}/absences`);
  const all = useLoad<WorkerSummary[] | { items: WorkerSummary[] }>('/api/workers');
  const [version, setVersion] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const w = worker.data;
  usePageTitle(w ? workerName(w) : 'Intervenant·e');
  const saved = async (text: string) => {
    await worker.reload();
    setVersion((v) => v + 1);
    setMessage(text);
  };
  if (worker.error && !w)
    return (
      <>
        <PageHeader title="Intervenant·e" />
        <div className="alert alert-error" role="alert">
          <p>{worker.error}</p>
        </div>
      </>
    );
  if (!w) return <p role="status">Chargement…</p>;
  const workerNames = new Map(
    (Array.isArray(all.data) ? all.data : (all.data?.items ?? [])).map((x) => [x.id, workerName(x)]),
  );
  const absenceList = absences.data ?? [];
  const kindLabel = new Map(ABSENCE_KIND_OPTIONS.map((k) => [k.value as string, k.label]));
  const today = parisToday();
  return (
    <>
      <p className="back-link">
        <Link to="/structure/intervenants">← Intervenant·es</Link>
      </p>
      <PageHeader title={workerName(w)}>
        <p className="lead">
          {w.contractHoursPerWeek} h par semaine au contrat ·{' '}
          {TRANSPORT[w.transportMode ?? 'car'] ?? w.transportMode}
        </p>
      </PageHeader>
      <div role="status" aria-live="polite">
        {message && <p className="alert alert-success">{message}</p>}
      </div>
      <div key={version}>
        <section aria-labelledby="worker-contract" className="file-section">
          <h2 id="worker-contract">Contrat et compétences</h2>
          <ContractForm worker={w} onSaved={saved} />
        </section>
        <section aria-labelledby="worker-qualifications" className="file-section">
          <h2 id="worker-qualifications">Qualifications</h2>
          {(w.qualifications ?? []).length === 0 ? (
            <p>Aucune qualification datée.</p>
          ) : (
            <ul className="plain-list">
              {w.qualifications!.map((q, i) => (
                <li key={q.id ?? i}>
                  {skillLabel(q.skillCode)}
                  {q.obtainedOn
                    ? `, obtenue le ${new Date(`${q.obtainedOn}T12:00:00Z`).toLocaleDateString('fr-FR')}`
                    : ''}
                  {q.expiresOn
                    ? `, valable jusqu’au ${new Date(`${q.expiresOn}T12:00:00Z`).toLocaleDateString('fr-FR')}`
                    : ', sans date d’expiration'}{' '}
                  {expiryBadge(q, today)}
                </li>
              ))}
            </ul>
          )}
          <QualificationForm workerId={w.id} onSaved={saved} />
        </section>
        <section aria-labelledby="worker-availability" className="file-section">
          <h2 id="worker-availability">Disponibilités de la semaine</h2>
          <AvailabilityForm worker={w} onSaved={saved} />
        </section>
      </div>
      <section aria-labelledby="worker-absences" className="file-section">
        <h2 id="worker-absences">Absences</h2>
        {absences.error && <p className="alert alert-error">{absences.error}</p>}
        {absenceList.length === 0 ? (
          <p>Aucune absence déclarée.</p>
        ) : (
          <ul className="plain-list">
            {absenceList.map((a) => {
              const from = parisLocal(a.startsAt);
              const to = parisLocal(a.endsAt);
              return (
                <li key={a.id}>
                  {kindLabel.get(a.kind ?? '') ?? 'Absence'} : du {formatShortDay(from.localDate)}{' '}
                  {formatMinutes(from.minuteOfDay)} au {formatShortDay(to.localDate)}{' '}
                  {formatMinutes(to.minuteOfDay)}
                </li>
              );
            })}
          </ul>
        )}
        <h3>Déclarer une absence</h3>
        <p className="hint">
          Les visites concernées sont aussitôt réaffectées, avec le moins de changements possible ; les
          personnes concernées sont prévenues.
        </p>
        <AbsenceForm
          workerId={w.id}
          workerName={workerName(w)}
          workerNames={workerNames}
          onRepaired={() => {
            void absences.reload();
          }}
        />
      </section>
    </>
  );
}

function ContractForm({ worker: w, onSaved }: { worker: Worker; onSaved(message: string): Promise<void> }) {
  const communes = useCommunes();
  const sectors = useLoad<{ items: Sector[] }>('/api/sectors');
  const initial = {
    sectorId: w.sectorId ?? '',
    phone: w.phone ?? '',
    email: w.email ?? '',
    communeCode: w.communeCode ?? '',
    transportMode: w.transportMode ?? 'car',
    contractHoursPerWeek: String(w.contractHoursPerWeek),
    maxHoursPerDay: String(w.maxHoursPerDay ?? 10),
    skills: w.skills,
    worksWeekends: w.preferences?.worksWeekends ?? false,
    acceptsPets: w.preferences?.acceptsPets ?? true,
    note: w.preferences?.note ?? '',
  };
  const [draft, update, clear] = useDraft(`worker-contract-${w.id}`, initial);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await api(`/api/workers/${w.id}`, {
        method: 'PUT',
        body: {
          phone: draft.phone || null,
          email: draft.email || null,
          communeCode: draft.communeCode || null,
          sectorId: draft.sectorId || null,
          transportMode: draft.transportMode,
          contractHoursPerWeek: numberOf(draft.contractHoursPerWeek),
          maxHoursPerDay: numberOf(draft.maxHoursPerDay),
          skills: draft.skills,
          preferences: {
            preferredCommuneCodes: w.preferences?.preferredCommuneCodes ?? [],
            worksWeekends: draft.worksWeekends,
            acceptsPets: draft.acceptsPets,
            note: draft.note || null,
          },
        },
      });
      setProblem(null);
      clear();
      await onSaved('Contrat et compétences enregistrés.');
    } catch (error) {
      setProblem(problemOf(error));
    }
  };
  const labels = {
    phone: 'Téléphone',
    email: 'E-mail',
    communeCode: 'Commune du domicile',
    sectorId: 'Secteur',
    transportMode: 'Moyen de transport',
    contractHoursPerWeek: 'Heures par semaine',
    maxHoursPerDay: 'Maximum par jour',
    skills: 'Compétences',
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Contrat et compétences">
      <ErrorSummary problem={problem} labels={labels} />
      <div className="form-grid">
        <TextField
          name="phone"
          label={labels.phone}
          type="tel"
          value={draft.phone}
          onChange={(phone) => update({ phone })}
          problem={problem}
        />
        <TextField
          name="email"
          label={labels.email}
          type="email"
          value={draft.email}
          onChange={(email) => update({ email })}
          problem={problem}
        />
        <SelectField
          name="communeCode"
          label={labels.communeCode}
          value={draft.communeCode}
          onChange={(communeCode) => update({ communeCode })}
          problem={problem}
        >
          <option value="">—</option>
          {(communes.data ?? []).map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </SelectField>
        {(sectors.data?.items.length ?? 0) > 0 && (
          <SelectField
            name="sectorId"
            label={labels.sectorId}
            value={draft.sectorId}
            onChange={(sectorId) => update({ sectorId })}
            problem={problem}
            hint="Le secteur où elle ou il intervient le plus."
          >
            <option value="">Sans secteur</option>
            {sectors.data!.items.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </SelectField>
        )}
        <SelectField
          name="transportMode"
          label={labels.transportMode}
          value={draft.transportMode}
          onChange={(transportMode) => update({ transportMode })}
          problem={problem}
        >
          {Object.entries(TRANSPORT).map(([k, label]) => (
            <option key={k} value={k}>
              {label}
            </option>
          ))}
        </SelectField>
        <TextField
          name="contractHoursPerWeek"
          label={labels.contractHoursPerWeek}
          inputMode="numeric"
          value={draft.contractHoursPerWeek}
          onChange={(contractHoursPerWeek) => update({ contractHoursPerWeek })}
          problem={problem}
        />
        <TextField
          name="maxHoursPerDay"
          label={labels.maxHoursPerDay}
          inputMode="numeric"
          value={draft.maxHoursPerDay}
          onChange={(maxHoursPerDay) => update({ maxHoursPerDay })}
          problem={problem}
          hint="En heures."
        />
      </div>
      <fieldset className="regime-fieldset">
        <legend>Compétences (savoir-faire, permis)</legend>
        <div className="checkbox-columns">
          {SKILLS.map((s) => (
            <div className="checkbox-field" key={s.code}>
              <input
                id={`worker-skill-${s.code}`}
                type="checkbox"
                checked={draft.skills.includes(s.code)}
                onChange={(event) =>
                  update({
                    skills: event.target.checked
                      ? [...draft.skills, s.code]
                      : draft.skills.filter((c) => c !== s.code),
                  })
                }
              />
              <label htmlFor={`worker-skill-${s.code}`}>{s.label}</label>
            </div>
          ))}
        </div>
      </fieldset>
      <fieldset className="regime-fieldset">
        <legend>Préférences</legend>
        <CheckboxField
          id="worker-weekends"
          label="Accepte de travailler le week-end"
          checked={draft.worksWeekends}
          onChange={(worksWeekends) => update({ worksWeekends })}
        />
        <CheckboxField
          id="worker-pets"
          label="Accepte les animaux au domicile"
          checked={draft.acceptsPets}
          onChange={(acceptsPets) => update({ acceptsPets })}
        />
        <TextAreaField
          name="note"
          label="Remarque"
          value={draft.note}
          onChange={(note) => update({ note })}
          problem={problem}
        />
      </fieldset>
      <button type="submit" className="button">
        Enregistrer
      </button>
    </form>
  );
}

function QualificationForm({
  workerId,
  onSaved,
}: {
  workerId: string;
  onSaved(message: string): Promise<void>;
}) {
  const [draft, update, clear] = useDraft(`worker-qualification-${workerId}`, {
    skillCode: 'deaes',
    obtainedOn: '',
    expiresOn: '',
    reference: '',
  });
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const labels = {
    skillCode: 'Qualification',
    obtainedOn: 'Obtenue le',
    expiresOn: 'Valable jusqu’au',
    reference: 'Référence',
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await api(`/api/workers/${workerId}/qualifications`, {
        method: 'POST',
        body: {
          skillCode: draft.skillCode,
          obtainedOn: draft.obtainedOn || null,
          expiresOn: draft.expiresOn || null,
          reference: draft.reference || null,
        },
      });
      setProblem(null);
      clear();
      await onSaved(`Qualification ajoutée : ${skillLabel(draft.skillCode)}.`);
    } catch (error) {
      setProblem(problemOf(error));
    }
  };
  return (
    <details>
      <summary>Ajouter une qualification</summary>
      <ErrorSummary problem={problem} labels={labels} />
      <form onSubmit={submit} noValidate className="form-grid" aria-label="Ajouter une qualification">
        <SelectField
          name="skillCode"
          label={labels.skillCode}
          value={draft.skillCode}
          onChange={(skillCode) => update({ skillCode })}
          problem={problem}
        >
          {QUALIFICATION_SKILLS.map((s) => (
            <option key={s.code} value={s.code}>
              {s.label}
            </option>
          ))}
        </SelectField>
        <TextField
          name="obtainedOn"
          label={labels.obtainedOn}
          type="date"
          value={draft.obtainedOn}
          onChange={(obtainedOn) => update({ obtainedOn })}
          problem={problem}
        />
        <TextField
          name="expiresOn"
          label={labels.expiresOn}
          type="date"
          value={draft.expiresOn}
          onChange={(expiresOn) => update({ expiresOn })}
          problem={problem}
          hint="Vide : sans expiration."
        />
        <TextField
          name="reference"
          label={labels.reference}
          value={draft.reference}
          onChange={(reference) => update({ reference })}
          problem={problem}
        />
        <div>
          <button type="submit" className="button">
            Ajouter la qualification
          </button>
        </div>
      </form>
    </details>
  );
}

type DayRanges = [string, string, string, string];

function AvailabilityForm({
  worker: w,
  onSaved,
}: {
  worker: Worker;
  onSaved(message: string): Promise<void>;
}) {
  const initial = {
    days: WEEKDAYS.map((_, i) => {
      const slots = (w.availability ?? [])
        .filter((s) => s.weekday === i + 1)
        .sort((a, b) => a.start.localeCompare(b.start));
      return [
        slots[0]?.start ?? '',
        slots[0]?.end ?? '',
        slots[1]?.start ?? '',
        slots[1]?.end ?? '',
      ] as DayRanges;
    }),
  };
  const [draft, update, clear] = useDraft(`worker-availability-${w.id}`, initial);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const set = (day: number, index: number, value: string) =>
    update({
      days: draft.days.map((d, i) =>
        i === day ? (d.map((v, j) => (j === index ? value : v)) as DayRanges) : d,
      ),
    });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const availability = draft.days.flatMap((d, i) => [
      ...(d[0] && d[1] ? [{ weekday: i + 1, start: d[0], end: d[1] }] : []),
      ...(d[2] && d[3] ? [{ weekday: i + 1, start: d[2], end: d[3] }] : []),
    ]);
    try {
      await api(`/api/workers/${w.id}`, { method: 'PUT', body: { availability } });
      setProblem(null);
      clear();
      await onSaved('Disponibilités enregistrées.');
    } catch (error) {
      setProblem(problemOf(error));
    }
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Disponibilités">
      <ErrorSummary problem={problem} labels={{}} />
      <p className="hint">Laissez une plage vide quand l’intervenant·e n’est pas disponible.</p>
      <div className="table-scroll">
        <table className="availability-table">
          <caption className="visually-hidden">Disponibilités par jour</caption>
          <thead>
            <tr>
              <th scope="col">Jour</th>
              <th scope="col">1re plage : de</th>
              <th scope="col">à</th>
              <th scope="col">2e plage : de</th>
              <th scope="col">à</th>
            </tr>
          </thead>
          <tbody>
            {WEEKDAYS.map((day, i) => (
              <tr key={day}>
                <th scope="row">{day}</th>
                {(['1re plage, début', '1re plage, fin', '2e plage, début', '2e plage, fin'] as const).map(
                  (label, j) => (
                    <td key={j}>
                      <input
                        type="time"
                        aria-label={`${day}, ${label}`}
                        value={draft.days[i]![j]}
                        onChange={(event) => set(i, j, event.target.value)}
                      />
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <button type="submit" className="button">
        Enregistrer les disponibilités
      </button>
    </form>
  );
}
