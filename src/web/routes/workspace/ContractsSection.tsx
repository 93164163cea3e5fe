import { useState, type FormEvent } from 'react';
import { MODE_INFO, MODES } from '../../../domain/organisation';
import { SKILLS } from '../../../domain/skills';
import { api } from '../../api/client';
import { ErrorSummary, problemOf, TextField, useDraft, type FormProblem } from '../../ui/form';
import { formatDuration, parisToday, parseMinutes } from '../../ui/schedule-time';
import { centsOf, numberOf, SelectField, TextAreaField } from './fields';
import {
  ACTIVITY_OPTIONS,
  activityName,
  formatEuros,
  skillShortLabel,
  WEEKDAYS,
  type Contract,
  type RecurrenceSlot,
} from './workspace-api';

interface SlotDraft {
  weekdays: number[];
  start: string;
  durationMin: string;
  toleranceMin: string;
}

interface ContractDraft {
  activityCode: string;
  mode: string;
  hourlyPrice: string;
  startsOn: string;
  endsOn: string;
  requiredSkills: string[];
  tasks: string;
  slots: SlotDraft[];
}

const contractLabels: Record<string, string> = {
  activityCode: 'Activité',
  mode: 'Mode d’intervention',
  hourlyPriceCents: 'Prix de l’heure',
  hourlyPrice: 'Prix de l’heure',
  startsOn: 'Début du contrat',
  endsOn: 'Fin du contrat',
  requiredSkills: 'Compétences requises',
  tasks: 'Tâches',
  recurrence: 'Créneaux',
};
for (let i = 0; i < 10; i++) {
  contractLabels[`recurrence.${i}.weekdays`] = `Créneau ${i + 1} : jours`;
  contractLabels[`recurrence.${i}.start`] = `Créneau ${i + 1} : heure de début`;
  contractLabels[`recurrence.${i}.durationMin`] = `Créneau ${i + 1} : durée`;
  contractLabels[`recurrence.${i}.toleranceMin`] = `Créneau ${i + 1} : tolérance`;
}

const newSlot = (): SlotDraft => ({ weekdays: [], start: '08:00', durationMin: '30', toleranceMin: '15' });

/** Stored slots (one weekday each) grouped back into « every weekday at 8:00 » for editing. */
function slotsOf(recurrence: readonly RecurrenceSlot[]): SlotDraft[] {
  const groups = new Map<string, SlotDraft>();
  for (const r of recurrence) {
    const key = `${r.start}|${r.durationMin}|${r.toleranceMin}`;
    const group = groups.get(key) ?? {
      weekdays: [],
      start: r.start,
      durationMin: String(r.durationMin),
      toleranceMin: String(r.toleranceMin),
    };
    group.weekdays.push(r.weekday);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** « lun., mar., mer. 08:00 (30 min, ± 15 min) ». */
export function describeRecurrence(recurrence: readonly RecurrenceSlot[]): string {
  return slotsOf(recurrence)
    .map((s) => {
      const days = s.weekdays
        .sort((a, b) => a - b)
        .map((d) => WEEKDAYS[d - 1])
        .join(', ');
      const tolerance = Number(s.toleranceMin) ? `, ± ${s.toleranceMin} min` : '';
      return `${days} à ${s.start} (${formatDuration(Number(s.durationMin))}${tolerance})`;
    })
    .join(' ; ');
}

function draftOf(contract: Contract | null): ContractDraft {
  if (!contract)
    return {
      activityCode: 'assistance-personnes-agees-handicapees',
      mode: 'prestataire',
      hourlyPrice: '',
      startsOn: parisToday(),
      endsOn: '',
      requiredSkills: [],
      tasks: '',
      slots: [newSlot()],
    };
  return {
    activityCode: contract.activityCode,
    mode: contract.mode,
    hourlyPrice: (contract.hourlyPriceCents / 100).toLocaleString('fr-FR', { minimumFractionDigits: 2 }),
    startsOn: contract.startsOn,
    endsOn: contract.endsOn ?? '',
    requiredSkills: contract.requiredSkills ?? [],
    tasks: (contract.tasks ?? []).join('\n'),
    slots: slotsOf(contract.recurrence).length ? slotsOf(contract.recurrence) : [newSlot()],
  };
}

function checkContract(d: ContractDraft): FormProblem | null {
  const fields: { field: string; message: string }[] = [];
  const price = centsOf(d.hourlyPrice);
  if (price === null || !Number.isFinite(price) || price <= 0)
    fields.push({
      field: 'hourlyPrice',
      message: 'Indiquez le prix de l’heure en euros, par exemple 24,50.',
    });
  if (!d.startsOn) fields.push({ field: 'startsOn', message: 'Indiquez la date de début du contrat.' });
  if (d.endsOn && d.endsOn < d.startsOn)
    fields.push({ field: 'endsOn', message: 'La date de fin ne peut pas précéder la date de début.' });
  d.slots.forEach((s, i) => {
    if (s.weekdays.length === 0)
      fields.push({ field: `recurrence.${i}.weekdays`, message: 'Choisissez au moins un jour.' });
    if (parseMinutes(s.start) === null)
      fields.push({
        field: `recurrence.${i}.start`,
        message: 'L’heure doit être au format HH:MM (par exemple 08:30).',
      });
    const duration = numberOf(s.durationMin);
    if (duration === null || !Number.isInteger(duration) || duration < 15 || duration > 720)
      fields.push({
        field: `recurrence.${i}.durationMin`,
        message: 'La durée est un nombre entier de 15 à 720 minutes.',
      });
    const tolerance = numberOf(s.toleranceMin);
    if (tolerance !== null && (!Number.isInteger(tolerance) || tolerance < 0 || tolerance > 180))
      fields.push({
        field: `recurrence.${i}.toleranceMin`,
        message: 'La tolérance est un nombre entier de 0 à 180 minutes.',
      });
  });
  return fields.length
    ? { message: 'Le contrat n’a pas été enregistré : corrigez les champs indiqués.', fields }
    : null;
}

function bodyOf(d: ContractDraft) {
  return {
    activityCode: d.activityCode,
    mode: d.mode,
    hourlyPriceCents: centsOf(d.hourlyPrice),
    startsOn: d.startsOn,
    endsOn: d.endsOn || null,
    requiredSkills: d.requiredSkills,
    tasks: d.tasks
      .split('\n')
      .map((t) => t.trim())
      .filter(Boolean),
    recurrence: d.slots.map((s) => ({
      weekdays: [...s.weekdays].sort((a, b) => a - b),
      start: s.start,
      durationMin: numberOf(s.durationMin),
      toleranceMin: numberOf(s.toleranceMin) ?? 0,
    })),
  };
}

/** The contract form with its recurrence editor: weekday checkboxes, start, duration, tolerance ±. */
function ContractForm({
  beneficiaryId,
  contract,
  onSaved,
  onCancel,
}: {
  beneficiaryId: string;
  contract: Contract | null;
  onSaved(message: string): void;
  onCancel?(): void;
}) {
  const formId = contract ? `contract-${contract.id}` : `contract-new-${beneficiaryId}`;
  const [draft, update, clear] = useDraft<ContractDraft>(formId, draftOf(contract));
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [isSending, setIsSending] = useState(false);
  const setSlot = (i: number, patch: Partial<SlotDraft>) =>
    update({ slots: draft.slots.map((s, j) => (j === i ? { ...s, ...patch } : s)) });
  const error = (name: string) => problem?.fields.find((f) => f.field === name)?.message;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const own = checkContract(draft);
    if (own) {
      setProblem(own);
      return;
    }
    setIsSending(true);
    try {
      if (contract) await api(`/api/contracts/${contract.id}`, { method: 'PUT', body: bodyOf(draft) });
      else await api('/api/contracts', { method: 'POST', body: { beneficiaryId, ...bodyOf(draft) } });
      setProblem(null);
      clear();
      onSaved(
        contract
          ? 'Contrat modifié.'
          : `Contrat créé : ${activityName(draft.activityCode)}, ${describeRecurrence(bodyOf(draft).recurrence.flatMap((s) => s.weekdays.map((weekday) => ({ weekday, start: s.start, durationMin: s.durationMin ?? 0, toleranceMin: s.toleranceMin }))))}.`,
      );
    } catch (failure) {
      const p = problemOf(failure);
      setProblem({
        ...p,
        fields: p.fields.map((f) => (f.field === 'hourlyPriceCents' ? { ...f, field: 'hourlyPrice' } : f)),
      });
    } finally {
      setIsSending(false);
    }
  };

  return (
    <form
      onSubmit={submit}
      noValidate
      className="contract-form"
      aria-label={contract ? 'Modifier le contrat' : 'Nouveau contrat'}
    >
      <ErrorSummary problem={problem} labels={contractLabels} />
      <div className="form-grid">
        <SelectField
          name="activityCode"
          label={contractLabels.activityCode!}
          value={draft.activityCode}
          onChange={(activityCode) => update({ activityCode })}
          problem={problem}
        >
          {ACTIVITY_OPTIONS.map((a) => (
            <option key={a.code} value={a.code}>
              {a.name}
            </option>
          ))}
        </SelectField>
        <SelectField
          name="mode"
          label={contractLabels.mode!}
          value={draft.mode}
          onChange={(mode) => update({ mode })}
          problem={problem}
        >
          {MODES.map((m) => (
            <option key={m} value={m}>
              {MODE_INFO[m].label}
            </option>
          ))}
        </SelectField>
        <TextField
          name="hourlyPrice"
          label="Prix de l’heure (€)"
          inputMode="decimal"
          value={draft.hourlyPrice}
          onChange={(hourlyPrice) => update({ hourlyPrice })}
          problem={problem}
          hint="Par exemple 24,50."
        />
        <TextField
          name="startsOn"
          label={contractLabels.startsOn!}
          type="date"
          value={draft.startsOn}
          onChange={(startsOn) => update({ startsOn })}
          problem={problem}
        />
        <TextField
          name="endsOn"
          label={contractLabels.endsOn!}
          type="date"
          value={draft.endsOn}
          onChange={(endsOn) => update({ endsOn })}
          problem={problem}
          hint="Laisser vide : sans fin prévue."
        />
      </div>
      <h4>Créneaux de la semaine</h4>
      {draft.slots.map((slot, i) => (
        <fieldset key={i} className="regime-fieldset recurrence-slot">
          <legend>Créneau {i + 1}</legend>
          <fieldset
            className={`inline-fieldset${error(`recurrence.${i}.weekdays`) ? ' field-invalid' : ''}`}
            id={`field-recurrence.${i}.weekdays`}
            tabIndex={-1}
          >
            <legend>Jours</legend>
            {WEEKDAYS.map((day, d) => (
              <span key={day} className="weekday-check">
                <input
                  id={`${formId}-slot${i}-day${d + 1}`}
                  type="checkbox"
                  checked={slot.weekdays.includes(d + 1)}
                  onChange={(event) =>
                    setSlot(i, {
                      weekdays: event.target.checked
                        ? [...slot.weekdays, d + 1]
                        : slot.weekdays.filter((w) => w !== d + 1),
                    })
                  }
                />
                <label htmlFor={`${formId}-slot${i}-day${d + 1}`}>{day}</label>
              </span>
            ))}
            {error(`recurrence.${i}.weekdays`) && (
              <p className="field-error">{error(`recurrence.${i}.weekdays`)}</p>
            )}
          </fieldset>
          <div className="form-grid">
            <TextField
              name={`recurrence.${i}.start`}
              label="Heure de début"
              type="time"
              value={slot.start}
              onChange={(start) => setSlot(i, { start })}
              problem={problem}
            />
            <TextField
              name={`recurrence.${i}.durationMin`}
              label="Durée (minutes)"
              inputMode="numeric"
              value={slot.durationMin}
              onChange={(durationMin) => setSlot(i, { durationMin })}
              problem={problem}
            />
            <TextField
              name={`recurrence.${i}.toleranceMin`}
              label="Tolérance ± (minutes)"
              inputMode="numeric"
              value={slot.toleranceMin}
              onChange={(toleranceMin) => setSlot(i, { toleranceMin })}
              problem={problem}
              hint="La visite peut commencer autant plus tôt ou plus tard."
            />
          </div>
          {draft.slots.length > 1 && (
            <button
              type="button"
              className="button button-secondary"
              onClick={() => update({ slots: draft.slots.filter((_, j) => j !== i) })}
            >
              Retirer le créneau {i + 1}
            </button>
          )}
        </fieldset>
      ))}
      <p>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => update({ slots: [...draft.slots, newSlot()] })}
        >
          Ajouter un créneau
        </button>
      </p>
      <fieldset className="regime-fieldset">
        <legend>{contractLabels.requiredSkills}</legend>
        <div className="checkbox-columns">
          {SKILLS.map((s) => (
            <div className="checkbox-field" key={s.code}>
              <input
                id={`${formId}-skill-${s.code}`}
                type="checkbox"
                checked={draft.requiredSkills.includes(s.code)}
                onChange={(event) =>
                  update({
                    requiredSkills: event.target.checked
                      ? [...draft.requiredSkills, s.code]
                      : draft.requiredSkills.filter((c) => c !== s.code),
                  })
                }
              />
              <label htmlFor={`${formId}-skill-${s.code}`}>{s.label}</label>
            </div>
          ))}
        </div>
      </fieldset>
      <TextAreaField
        name="tasks"
        label="Tâches de chaque visite"
        value={draft.tasks}
        onChange={(tasks) => update({ tasks })}
        problem={problem}
        hint="Une tâche par ligne : elles s’affichent à l’intervenant·e."
      />
      <div className="button-row">
        <button type="submit" className="button" disabled={isSending}>
          {contract ? 'Enregistrer le contrat' : 'Créer le contrat'}
        </button>
        {onCancel && (
          <button type="button" className="button button-secondary" onClick={onCancel}>
            Abandonner
          </button>
        )}
      </div>
    </form>
  );
}

function SuspensionForm({ contract, onSaved }: { contract: Contract; onSaved(message: string): void }) {
  const [draft, update, clear] = useDraft(`suspension-${contract.id}`, {
    startsOn: '',
    endsOn: '',
    reason: '',
  });
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const prefix = `suspension-${contract.id}`;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await api(`/api/contracts/${contract.id}/suspensions`, { method: 'POST', body: draft });
      setProblem(null);
      clear();
      onSaved(`Contrat suspendu du ${draft.startsOn} au ${draft.endsOn} (${draft.reason}).`);
    } catch (failure) {
      setProblem(problemOf(failure));
    }
  };
  const fieldProblem = problem && {
    ...problem,
    fields: problem.fields.map((f) => ({ ...f, field: `${prefix}.${f.field}` })),
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Suspendre le contrat" className="suspension-form">
      <ErrorSummary
        problem={fieldProblem}
        labels={{ [`${prefix}.startsOn`]: 'Du', [`${prefix}.endsOn`]: 'Au', [`${prefix}.reason`]: 'Motif' }}
      />
      <div className="form-grid">
        <TextField
          name={`${prefix}.startsOn`}
          label="Du"
          type="date"
          value={draft.startsOn}
          onChange={(startsOn) => update({ startsOn })}
          problem={fieldProblem}
        />
        <TextField
          name={`${prefix}.endsOn`}
          label="Au"
          type="date"
          value={draft.endsOn}
          onChange={(endsOn) => update({ endsOn })}
          problem={fieldProblem}
        />
        <TextField
          name={`${prefix}.reason`}
          label="Motif"
          value={draft.reason}
          onChange={(reason) => update({ reason })}
          problem={fieldProblem}
          hint="Hospitalisation, vacances…"
        />
        <div>
          <button type="submit" className="button button-secondary">
            Suspendre
          </button>
        </div>
      </div>
    </form>
  );
}

/** The beneficiary's contracts: each with its recurrence and suspensions; a new contract. */
export function ContractsSection({
  beneficiaryId,
  contracts,
  onChanged,
}: {
  beneficiaryId: string;
  contracts: readonly Contract[];
  onChanged(message: string): void;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  const [isAdding, setIsAdding] = useState(contracts.length === 0);
  return (
    <>
      {contracts.length === 0 && <p>Aucun contrat pour le moment.</p>}
      <ul className="row-list">
        {contracts.map((c) => (
          <li key={c.id} className="row-item">
            <h3 className="card-title">
              {activityName(c.activityCode)} — {MODE_INFO[c.mode as keyof typeof MODE_INFO]?.label ?? c.mode}
              {c.status === 'ended' ? ' (terminé)' : ''}
            </h3>
            <p>
              {formatEuros(c.hourlyPriceCents)} de l’heure · du {c.startsOn}
              {c.endsOn ? ` au ${c.endsOn}` : ', sans fin prévue'}
            </p>
            <p>{describeRecurrence(c.recurrence) || 'Aucun créneau.'}</p>
            {(c.requiredSkills?.length ?? 0) > 0 && (
              <p>Compétences requises : {c.requiredSkills!.map(skillShortLabel).join(', ')}</p>
            )}
            {(c.tasks?.length ?? 0) > 0 && <p>Tâches : {c.tasks!.join(' ; ')}</p>}
            {(c.suspensions?.length ?? 0) > 0 && (
              <ul aria-label="Suspensions">
                {c.suspensions!.map((s, i) => (
                  <li key={s.id ?? i}>
                    Suspendu du {s.startsOn} au {s.endsOn}
                    {s.reason ? ` — ${s.reason}` : ''}
                  </li>
                ))}
              </ul>
            )}
            {editing === c.id ? (
              <ContractForm
                beneficiaryId={beneficiaryId}
                contract={c}
                onSaved={(message) => {
                  setEditing(null);
                  onChanged(message);
                }}
                onCancel={() => setEditing(null)}
              />
            ) : (
              <button type="button" className="button button-secondary" onClick={() => setEditing(c.id)}>
                Modifier ce contrat
              </button>
            )}
            <details className="suspension">
              <summary>Suspendre (hospitalisation, vacances…)</summary>
              <SuspensionForm contract={c} onSaved={onChanged} />
            </details>
          </li>
        ))}
      </ul>
      {isAdding ? (
        <>
          <h3>Nouveau contrat</h3>
          <ContractForm
            beneficiaryId={beneficiaryId}
            contract={null}
            onSaved={(message) => {
              setIsAdding(false);
              onChanged(message);
            }}
            onCancel={contracts.length ? () => setIsAdding(false) : undefined}
          />
        </>
      ) : (
        <button type="button" className="button" onClick={() => setIsAdding(true)}>
          Ajouter un contrat
        </button>
      )}
    </>
  );
}
