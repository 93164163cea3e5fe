import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ACTIVITIES } from '../../../domain/activities';
import { PERSON_KIND_LABELS, PERSON_KINDS } from '../../../domain/requests';
import { api } from '../../api/client';
import { ErrorSummary, problemOf, TextField, useDraft, usePageTitle, type FormProblem } from '../../ui/form';
import { PageHeader } from '../../ui/Layout';
import { centsOf, CheckboxField, numberOf, SelectField, TextAreaField } from '../workspace/fields';
import { useApi } from './requests-api';

const WEEKDAYS = [
  [1, 'Lundi'],
  [2, 'Mardi'],
  [3, 'Mercredi'],
  [4, 'Jeudi'],
  [5, 'Vendredi'],
  [6, 'Samedi'],
  [7, 'Dimanche'],
] as const;

interface Draft {
  activityCode: string;
  secondActivityCode: string;
  kind: string;
  firstName: string;
  birthYear: string;
  gir: string;
  hasApaPlan: boolean;
  apaAmount: string;
  communeCode: string;
  addressLine: string;
  postalCode: string;
  weekdays: number[];
  start: string;
  durationMin: string;
  startsOn: string;
  durationMonths: string;
  mode: string;
  budget: string;
  wishes: string;
}

const LABELS: Record<string, string> = {
  activityCodes: 'Activité',
  'person.kind': 'Pour qui',
  'person.firstName': 'Prénom',
  'person.birthYear': 'Année de naissance',
  'person.gir': 'GIR',
  communeCode: 'Commune',
  addressLine: 'Adresse',
  postalCode: 'Code postal',
  slots: 'Créneaux',
  startsOn: 'Date de début',
  mode: "Mode d'intervention",
};

const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

/** The household describes its need; the draft survives an expired session or a lost network (sessionStorage). */
export function NewRequestPage() {
  usePageTitle('Nouvelle demande');
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const communes = useApi<{ code: string; name: string; postalCodes: string[] }[]>('/api/communes');
  const [draft, update, clear] = useDraft<Draft>('nouvelle-demande', {
    activityCode: params.get('activite') ?? 'assistance-personnes-agees-handicapees',
    secondActivityCode: '',
    kind: 'elderly',
    firstName: '',
    birthYear: '',
    gir: '',
    hasApaPlan: false,
    apaAmount: '',
    communeCode: params.get('commune') ?? '',
    addressLine: '',
    postalCode: '',
    weekdays: [1, 2, 3, 4, 5],
    start: '08:30',
    durationMin: '60',
    startsOn: tomorrow(),
    durationMonths: '',
    mode: 'prestataire',
    budget: '',
    wishes: '',
  });
  const organisationId = params.get('organisation');
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const body = {
        activityCodes: [draft.activityCode, draft.secondActivityCode].filter(Boolean),
        person: {
          kind: draft.kind,
          firstName: draft.firstName,
          birthYear: numberOf(draft.birthYear),
          gir: numberOf(draft.gir),
          apa: draft.hasApaPlan ? { hasPlan: true, monthlyAmountCents: centsOf(draft.apaAmount) } : null,
        },
        communeCode: draft.communeCode,
        addressLine: draft.addressLine,
        postalCode: draft.postalCode,
        slots: [
          {
            weekdays: draft.weekdays,
            start: draft.start,
            durationMin: numberOf(draft.durationMin),
            toleranceMin: 30,
          },
        ],
        startsOn: draft.startsOn,
        durationMonths: numberOf(draft.durationMonths),
        mode: draft.mode,
        budgetMonthlyCents: centsOf(draft.budget),
        wishes: draft.wishes,
        organisationId,
      };
      const created = await api<{ id: string }>('/api/requests', { method: 'POST', body });
      clear();
      void navigate(`/foyer/demandes/${created.id}`, { state: { justCreated: true } });
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  }

  const toggleDay = (day: number) =>
    update({
      weekdays: draft.weekdays.includes(day)
        ? draft.weekdays.filter((d) => d !== day)
        : [...draft.weekdays, day].sort(),
    });

  return (
    <>
      <PageHeader title="Nouvelle demande">
        <p className="lead">
          Décrivez votre besoin : il part aux structures qui proposent ces services dans votre commune, ont
          l’agrément ou l’autorisation nécessaire et de la disponibilité. Votre adresse exacte n’est
          communiquée qu’à la structure que vous choisirez.
        </p>
        <p className="hint">
          Ce que vous saisissez est conservé si votre session expire ou si le réseau coupe.
        </p>
      </PageHeader>
      <form
        className="panel form-grid"
        onSubmit={(e) => void submit(e)}
        noValidate
        aria-label="Décrire mon besoin"
      >
        <ErrorSummary problem={problem} labels={LABELS} />
        <fieldset>
          <legend>Le service</legend>
          <SelectField
            name="activityCodes"
            label="Activité"
            value={draft.activityCode}
            onChange={(v) => update({ activityCode: v })}
            problem={problem}
          >
            {ACTIVITIES.map((a) => (
              <option key={a.code} value={a.code}>
                {a.name}
              </option>
            ))}
          </SelectField>
          <SelectField
            name="secondActivityCode"
            label="Deuxième activité (facultatif)"
            value={draft.secondActivityCode}
            onChange={(v) => update({ secondActivityCode: v })}
            problem={problem}
          >
            <option value="">Aucune</option>
            {ACTIVITIES.filter((a) => a.code !== draft.activityCode).map((a) => (
              <option key={a.code} value={a.code}>
                {a.name}
              </option>
            ))}
          </SelectField>
          <SelectField
            name="mode"
            label="Mode d'intervention"
            value={draft.mode}
            onChange={(v) => update({ mode: v })}
            problem={problem}
            hint="Prestataire : la structure emploie l’intervenant·e. Mandataire : vous êtes l’employeur."
          >
            <option value="prestataire">Prestataire</option>
            <option value="mandataire">Mandataire</option>
          </SelectField>
        </fieldset>
        <fieldset>
          <legend>Pour qui</legend>
          <SelectField
            name="person.kind"
            label="Pour qui"
            value={draft.kind}
            onChange={(v) => update({ kind: v })}
            problem={problem}
          >
            {PERSON_KINDS.map((k) => (
              <option key={k} value={k}>
                {PERSON_KIND_LABELS[k]}
              </option>
            ))}
          </SelectField>
          <TextField
            name="person.firstName"
            label="Prénom"
            value={draft.firstName}
            onChange={(v) => update({ firstName: v })}
            problem={problem}
            autoComplete="off"
          />
          <TextField
            name="person.birthYear"
            label="Année de naissance"
            value={draft.birthYear}
            onChange={(v) => update({ birthYear: v })}
            problem={problem}
            inputMode="numeric"
            hint="Les structures ne voient qu’une tranche d’âge."
          />
          <SelectField
            name="person.gir"
            label="GIR (degré d'autonomie), s'il a été évalué"
            value={draft.gir}
            onChange={(v) => update({ gir: v })}
            problem={problem}
          >
            <option value="">Non évalué</option>
            {[1, 2, 3, 4, 5, 6].map((g) => (
              <option key={g} value={g}>
                GIR {g}
              </option>
            ))}
          </SelectField>
          <CheckboxField
            id="field-person.apa"
            label="Un plan d'aide APA a été notifié"
            checked={draft.hasApaPlan}
            onChange={(v) => update({ hasApaPlan: v })}
          />
          {draft.hasApaPlan && (
            <TextField
              name="person.apa.monthlyAmountCents"
              label="Montant mensuel du plan d'aide (€)"
              value={draft.apaAmount}
              onChange={(v) => update({ apaAmount: v })}
              problem={problem}
              inputMode="decimal"
            />
          )}
        </fieldset>
        <fieldset>
          <legend>Où</legend>
          <SelectField
            name="communeCode"
            label="Commune"
            value={draft.communeCode}
            onChange={(v) =>
              update({
                communeCode: v,
                postalCode: communes.data?.find((c) => c.code === v)?.postalCodes[0] ?? draft.postalCode,
              })
            }
            problem={problem}
          >
            <option value="">Choisissez la commune</option>
            {(communes.data ?? []).map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </SelectField>
          <TextField
            name="addressLine"
            label="Adresse"
            value={draft.addressLine}
            onChange={(v) => update({ addressLine: v })}
            problem={problem}
            autoComplete="street-address"
            hint="Communiquée seulement à la structure que vous retiendrez."
          />
          <TextField
            name="postalCode"
            label="Code postal"
            value={draft.postalCode}
            onChange={(v) => update({ postalCode: v })}
            problem={problem}
            autoComplete="postal-code"
            inputMode="numeric"
          />
        </fieldset>
        <fieldset>
          <legend>Quand</legend>
          <fieldset className="inline-choices">
            <legend>Jours (chaque semaine)</legend>
            {WEEKDAYS.map(([day, label]) => (
              <CheckboxField
                key={day}
                id={`day-${day}`}
                label={label}
                checked={draft.weekdays.includes(day)}
                onChange={() => toggleDay(day)}
              />
            ))}
          </fieldset>
          <TextField
            name="slots.0.start"
            label="Heure d'arrivée souhaitée"
            type="time"
            value={draft.start}
            onChange={(v) => update({ start: v })}
            problem={problem}
          />
          <TextField
            name="slots.0.durationMin"
            label="Durée de chaque passage (minutes)"
            value={draft.durationMin}
            onChange={(v) => update({ durationMin: v })}
            problem={problem}
            inputMode="numeric"
          />
          <TextField
            name="startsOn"
            label="À partir du"
            type="date"
            value={draft.startsOn}
            onChange={(v) => update({ startsOn: v })}
            problem={problem}
          />
          <TextField
            name="durationMonths"
            label="Pendant (mois, facultatif)"
            value={draft.durationMonths}
            onChange={(v) => update({ durationMonths: v })}
            problem={problem}
            inputMode="numeric"
          />
        </fieldset>
        <fieldset>
          <legend>Budget et souhaits</legend>
          <TextField
            name="budgetMonthlyCents"
            label="Budget mensuel (€, facultatif)"
            value={draft.budget}
            onChange={(v) => update({ budget: v })}
            problem={problem}
            inputMode="decimal"
          />
          <TextAreaField
            name="wishes"
            label="Souhaits particuliers"
            value={draft.wishes}
            onChange={(v) => update({ wishes: v })}
            problem={problem}
          />
        </fieldset>
        <div className="form-actions button-row">
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Envoi…' : 'Envoyer ma demande'}
          </button>
          <Link to="/foyer/demandes">Retour à mes demandes</Link>
        </div>
      </form>
    </>
  );
}
