import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import {
  CARE_PLAN_FUNDER_LABELS,
  CONSENT_PURPOSE_LABELS,
  CONTACT_KIND_LABELS,
} from '../../../domain/schemas/care';
import { api, ApiError } from '../../api/client';
import { useSession } from '../../app/session';
import { FileDrop } from '../../ui/FileDrop';
import { ErrorSummary, problemOf, TextField, useDraft, usePageTitle, type FormProblem } from '../../ui/form';
import { PageHeader } from '../../ui/Layout';
import { parisToday } from '../../ui/schedule-time';
import { TerritoryMap } from '../../ui/TerritoryMap';
import { useCommunes, useMapCommunes } from '../directory/geography';
import { ContractsSection } from './ContractsSection';
import { CheckboxField, numberOf, SelectField } from './fields';
import {
  checkIdentity,
  identityBody,
  identityLabels,
  IdentityFields,
  type IdentityDraft,
} from './identity-fields';
import {
  beneficiaryName,
  downloadFile,
  useLoad,
  workerName,
  type Beneficiary,
  type CarePlan,
  type Consent,
  type Contact,
  type Contract,
  type Sector,
  type WorkerSummary,
} from './workspace-api';

const CONTACT_KINDS: Record<string, string> = CONTACT_KIND_LABELS;
const FUNDERS: Record<string, string> = CARE_PLAN_FUNDER_LABELS;
const CONSENT_PURPOSES: Record<string, string> = CONSENT_PURPOSE_LABELS;

const SECTIONS = [
  ['identite', 'Identité et adresse'],
  ['secteur', 'Secteur'],
  ['contacts', 'Contacts et aidants'],
  ['plan-aide', 'Plan d’aide APA / PCH'],
  ['preferences', 'Préférences d’intervenant·es'],
  ['consentements', 'Consentements'],
  ['documents', 'Documents'],
  ['contrats', 'Contrats et créneaux'],
  ['rgpd', 'Données personnelles (RGPD)'],
] as const;

/** A beneficiary's file: every part editable on its own, the contracts with their recurrence, RGPD export and erasure. */
export function BeneficiaryPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const file = useLoad<Beneficiary>(`/api/beneficiaries/${id}`);
  const contractsLoad = useLoad<Contract[] | { items: Contract[] }>(`/api/contracts?beneficiaryId=${id}`);
  const [version, setVersion] = useState(0);
  const [message, setMessage] = useState<string | null>(
    (location.state as { flash?: string } | null)?.flash ?? null,
  );
  const b = file.data;
  usePageTitle(b ? `Dossier de ${b.firstName} ${b.lastName}` : 'Dossier bénéficiaire');

  const saved = async (text: string) => {
    // The message last: once it shows, the sections show the saved file (they remount on the new version).
    await Promise.all([file.reload(), contractsLoad.reload()]);
    setVersion((v) => v + 1);
    setMessage(text);
  };

  if (file.error && !b) {
    return (
      <>
        <PageHeader title="Dossier bénéficiaire" />
        <div className="alert alert-error" role="alert">
          <p>{file.error}</p>
        </div>
        <Link to="/structure/beneficiaires">Retour aux bénéficiaires</Link>
      </>
    );
  }
  if (!b) return <p role="status">Chargement du dossier…</p>;
  const contracts = Array.isArray(contractsLoad.data)
    ? contractsLoad.data
    : (contractsLoad.data?.items ?? b.contracts ?? []);
  const sectionProps = { beneficiary: b, onSaved: saved };

  return (
    <>
      <p className="back-link">
        <Link to="/structure/beneficiaires">← Bénéficiaires</Link>
      </p>
      <PageHeader title={beneficiaryName(b)}>
        <p className="lead">
          {b.gir ? `GIR ${b.gir}` : 'GIR non évalué'}
          {b.address.addressLine ? ` · ${b.address.addressLine}` : ''}
          {b.address.postalCode ? `, ${b.address.postalCode}` : ''}
          {b.address.communeName ? ` ${b.address.communeName}` : ''}
          {b.household ? ` · ${b.household.name}` : ''}
          {b.sector ? ` · Secteur ${b.sector.name}` : ''}
        </p>
      </PageHeader>
      <div role="status" aria-live="polite">
        {message && <p className="alert alert-success">{message}</p>}
      </div>
      <nav aria-label="Parties du dossier" className="guide-toc">
        <ol>
          {SECTIONS.map(([anchor, title]) => (
            <li key={anchor}>
              <a href={`#${anchor}`}>{title}</a>
            </li>
          ))}
        </ol>
      </nav>
      <div key={version}>
        <FileSection id="identite" title="Identité et adresse">
          <IdentitySection {...sectionProps} />
        </FileSection>
        <FileSection id="secteur" title="Secteur">
          <SectorSection {...sectionProps} />
        </FileSection>
        <FileSection id="contacts" title="Contacts et aidants">
          <ContactsSection {...sectionProps} />
        </FileSection>
        <FileSection id="plan-aide" title="Plan d’aide APA / PCH">
          <CarePlansSection {...sectionProps} />
        </FileSection>
        <FileSection id="preferences" title="Préférences d’intervenant·es">
          <PreferencesSection {...sectionProps} />
        </FileSection>
        <FileSection id="consentements" title="Consentements">
          <ConsentsSection {...sectionProps} />
        </FileSection>
        <FileSection id="documents" title="Documents">
          <DocumentsSection {...sectionProps} />
        </FileSection>
        <FileSection id="contrats" title="Contrats et créneaux">
          <ContractsSection beneficiaryId={b.id} contracts={contracts} onChanged={saved} />
        </FileSection>
        <FileSection id="rgpd" title="Données personnelles (RGPD)">
          <RgpdSection beneficiary={b} />
        </FileSection>
      </div>
    </>
  );
}

function FileSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="file-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        <span id={id} className="anchor" />
        {title}
      </h2>
      {children}
    </section>
  );
}

interface SectionProps {
  beneficiary: Beneficiary;
  onSaved(message: string): Promise<void>;
}

/** PUTs part of the file; the caller says what changed in French. */
function useSave(beneficiaryId: string, onSaved: SectionProps['onSaved']) {
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [isSending, setIsSending] = useState(false);
  const save = async (body: object, message: string, clear: () => void) => {
    setIsSending(true);
    try {
      await api(`/api/beneficiaries/${beneficiaryId}`, { method: 'PUT', body });
      setProblem(null);
      clear();
      await onSaved(message);
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setIsSending(false);
    }
  };
  return { problem, setProblem, isSending, save };
}

const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));

function IdentitySection({ beneficiary: b, onSaved }: SectionProps) {
  const communes = useCommunes();
  const mapCommunes = useMapCommunes();
  const initial: IdentityDraft = {
    firstName: b.firstName,
    lastName: b.lastName,
    birthDate: str(b.birthDate),
    gir: str(b.gir),
    phone: str(b.phone),
    addressLine: str(b.address.addressLine),
    postalCode: str(b.address.postalCode),
    communeCode: str(b.address.communeCode),
    latitude: str(b.address.latitude),
    longitude: str(b.address.longitude),
    accessDetails: str(b.accessDetails),
    needs: (Array.isArray(b.needs) ? b.needs : []).join('\n'),
    notes: str(b.notes),
  };
  const [draft, update, clear] = useDraft(`beneficiary-identity-${b.id}`, initial);
  const { problem, setProblem, isSending, save } = useSave(b.id, onSaved);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const own = checkIdentity(draft);
    if (own) return setProblem(own);
    await save(identityBody(draft), 'Identité et adresse enregistrées.', clear);
  };
  const lat = numberOf(draft.latitude);
  const lon = numberOf(draft.longitude);
  const hasPoint = lat !== null && lon !== null && Number.isFinite(lat) && Number.isFinite(lon);
  return (
    <div className="identity-layout">
      <div>
        <ErrorSummary problem={problem} labels={identityLabels} />
        <form onSubmit={submit} noValidate aria-label="Identité et adresse">
          <IdentityFields draft={draft} update={update} problem={problem} communes={communes.data ?? []} />
          <button type="submit" className="button" disabled={isSending}>
            Enregistrer l’identité et l’adresse
          </button>
        </form>
      </div>
      <div>
        {mapCommunes.data && (
          <TerritoryMap
            communes={mapCommunes.data}
            points={
              hasPoint
                ? [
                    {
                      id: b.id,
                      latitude: lat,
                      longitude: lon,
                      label: `Domicile de ${b.firstName} ${b.lastName}`,
                    },
                  ]
                : []
            }
            title={
              hasPoint ? `Le domicile sur la carte du territoire` : 'Domicile pas encore placé sur la carte'
            }
            className="territory-map-small"
          />
        )}
      </div>
    </div>
  );
}

type ContactDraft = {
  kind: string;
  name: string;
  relationship: string;
  phone: string;
  email: string;
  isEmergencyContact: boolean;
};

function ContactsSection({ beneficiary: b, onSaved }: SectionProps) {
  const initial = {
    contacts: (b.contacts ?? []).map((c: Contact) => ({
      kind: c.kind,
      name: c.name,
      relationship: str(c.relationship),
      phone: str(c.phone),
      email: str(c.email),
      isEmergencyContact: !!c.isEmergencyContact,
    })),
  };
  const [draft, update, clear] = useDraft<{ contacts: ContactDraft[] }>(
    `beneficiary-contacts-${b.id}`,
    initial,
  );
  const { problem, isSending, save } = useSave(b.id, onSaved);
  const set = (i: number, patch: Partial<ContactDraft>) =>
    update({ contacts: draft.contacts.map((c, j) => (j === i ? { ...c, ...patch } : c)) });
  const labels: Record<string, string> = {};
  draft.contacts.forEach((_, i) => {
    labels[`contacts.${i}.name`] = `Contact ${i + 1} : nom`;
    labels[`contacts.${i}.phone`] = `Contact ${i + 1} : téléphone`;
    labels[`contacts.${i}.email`] = `Contact ${i + 1} : e-mail`;
    labels[`contacts.${i}.kind`] = `Contact ${i + 1} : type`;
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save(
      {
        contacts: draft.contacts.map((c) => ({
          ...c,
          relationship: c.relationship || null,
          phone: c.phone || null,
          email: c.email || null,
        })),
      },
      'Contacts enregistrés.',
      clear,
    );
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Contacts et aidants">
      <ErrorSummary problem={problem} labels={labels} />
      {draft.contacts.length === 0 && <p>Aucun contact.</p>}
      {draft.contacts.map((c, i) => (
        <fieldset key={i} className="regime-fieldset">
          <legend>Contact {i + 1}</legend>
          <div className="form-grid">
            <SelectField
              name={`contacts.${i}.kind`}
              label="Type"
              value={c.kind}
              onChange={(kind) => set(i, { kind })}
              problem={problem}
            >
              {Object.entries(CONTACT_KINDS).map(([k, label]) => (
                <option key={k} value={k}>
                  {label}
                </option>
              ))}
            </SelectField>
            <TextField
              name={`contacts.${i}.name`}
              label="Nom"
              value={c.name}
              onChange={(name) => set(i, { name })}
              problem={problem}
            />
            <TextField
              name={`contacts.${i}.relationship`}
              label="Lien"
              value={c.relationship}
              onChange={(relationship) => set(i, { relationship })}
              problem={problem}
              hint="Fille, fils, voisin…"
            />
            <TextField
              name={`contacts.${i}.phone`}
              label="Téléphone"
              type="tel"
              value={c.phone}
              onChange={(phone) => set(i, { phone })}
              problem={problem}
            />
            <TextField
              name={`contacts.${i}.email`}
              label="E-mail"
              type="email"
              value={c.email}
              onChange={(email) => set(i, { email })}
              problem={problem}
            />
          </div>
          <CheckboxField
            id={`contact-${i}-emergency`}
            label="À prévenir en cas d’urgence"
            checked={c.isEmergencyContact}
            onChange={(isEmergencyContact) => set(i, { isEmergencyContact })}
          />
          <button
            type="button"
            className="button button-secondary"
            onClick={() => update({ contacts: draft.contacts.filter((_, j) => j !== i) })}
          >
            Retirer le contact {i + 1}
          </button>
        </fieldset>
      ))}
      <div className="button-row">
        <button
          type="button"
          className="button button-secondary"
          onClick={() =>
            update({
              contacts: [
                ...draft.contacts,
                {
                  kind: 'aidant',
                  name: '',
                  relationship: '',
                  phone: '',
                  email: '',
                  isEmergencyContact: false,
                },
              ],
            })
          }
        >
          Ajouter un contact
        </button>
        <button type="submit" className="button" disabled={isSending}>
          Enregistrer les contacts
        </button>
      </div>
    </form>
  );
}

type PlanDraft = {
  funder: string;
  hoursPerMonth: string;
  sharePercent: string;
  reference: string;
  startsOn: string;
  endsOn: string;
};

function CarePlansSection({ beneficiary: b, onSaved }: SectionProps) {
  const initial = {
    plans: (b.carePlans ?? []).map((p: CarePlan) => ({
      funder: p.funder,
      hoursPerMonth: String(p.hoursPerMonth).replace('.', ','),
      sharePercent:
        p.funderShareBp === null || p.funderShareBp === undefined
          ? ''
          : String(p.funderShareBp / 100).replace('.', ','),
      reference: str(p.reference),
      startsOn: p.startsOn,
      endsOn: str(p.endsOn),
    })),
  };
  const [draft, update, clear] = useDraft<{ plans: PlanDraft[] }>(`beneficiary-plans-${b.id}`, initial);
  const { problem, setProblem, isSending, save } = useSave(b.id, onSaved);
  const set = (i: number, patch: Partial<PlanDraft>) =>
    update({ plans: draft.plans.map((p, j) => (j === i ? { ...p, ...patch } : p)) });
  const labels: Record<string, string> = {};
  draft.plans.forEach((_, i) => {
    labels[`carePlans.${i}.hoursPerMonth`] = `Plan ${i + 1} : heures par mois`;
    labels[`carePlans.${i}.funderShareBp`] = `Plan ${i + 1} : part du département`;
    labels[`carePlans.${i}.startsOn`] = `Plan ${i + 1} : début`;
    labels[`carePlans.${i}.endsOn`] = `Plan ${i + 1} : fin`;
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const fields = draft.plans.flatMap((p, i) => {
      const hours = numberOf(p.hoursPerMonth);
      const share = numberOf(p.sharePercent);
      return [
        ...(hours === null || !Number.isFinite(hours) || hours <= 0
          ? [
              {
                field: `carePlans.${i}.hoursPerMonth`,
                message: 'Le nombre d’heures par mois doit être un nombre positif.',
              },
            ]
          : []),
        ...(share !== null && (!Number.isFinite(share) || share < 0 || share > 100)
          ? [
              {
                field: `carePlans.${i}.funderShareBp`,
                message: 'La part du département est un pourcentage de 0 à 100.',
              },
            ]
          : []),
        ...(p.startsOn
          ? []
          : [{ field: `carePlans.${i}.startsOn`, message: 'Indiquez la date de début du plan.' }]),
      ];
    });
    if (fields.length)
      return setProblem({
        message: 'Le plan d’aide n’a pas été enregistré : corrigez les champs indiqués.',
        fields,
      });
    const carePlans = draft.plans.map((p) => {
      const share = numberOf(p.sharePercent);
      return {
        funder: p.funder,
        hoursPerMonth: numberOf(p.hoursPerMonth),
        funderShareBp: share === null ? null : Math.round(share * 100),
        reference: p.reference || null,
        startsOn: p.startsOn,
        endsOn: p.endsOn || null,
      };
    });
    void save({ carePlans }, 'Plan d’aide enregistré.', clear);
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Plan d’aide">
      <ErrorSummary problem={problem} labels={labels} />
      {draft.plans.length === 0 && <p>Aucun plan d’aide enregistré.</p>}
      {draft.plans.map((p, i) => (
        <fieldset key={i} className="regime-fieldset">
          <legend>Plan {i + 1}</legend>
          <div className="form-grid">
            <SelectField
              name={`carePlans.${i}.funder`}
              label="Financeur"
              value={p.funder}
              onChange={(funder) => set(i, { funder })}
              problem={problem}
            >
              {Object.entries(FUNDERS).map(([k, label]) => (
                <option key={k} value={k}>
                  {label}
                </option>
              ))}
            </SelectField>
            <TextField
              name={`carePlans.${i}.hoursPerMonth`}
              label="Heures financées par mois"
              inputMode="decimal"
              value={p.hoursPerMonth}
              onChange={(hoursPerMonth) => set(i, { hoursPerMonth })}
              problem={problem}
            />
            <TextField
              name={`carePlans.${i}.funderShareBp`}
              label="Part du département (%)"
              inputMode="decimal"
              value={p.sharePercent}
              onChange={(sharePercent) => set(i, { sharePercent })}
              problem={problem}
              hint="Le reste est la participation du bénéficiaire."
            />
            <TextField
              name={`carePlans.${i}.reference`}
              label="Référence de la décision"
              value={p.reference}
              onChange={(reference) => set(i, { reference })}
              problem={problem}
            />
            <TextField
              name={`carePlans.${i}.startsOn`}
              label="Début"
              type="date"
              value={p.startsOn}
              onChange={(startsOn) => set(i, { startsOn })}
              problem={problem}
            />
            <TextField
              name={`carePlans.${i}.endsOn`}
              label="Fin"
              type="date"
              value={p.endsOn}
              onChange={(endsOn) => set(i, { endsOn })}
              problem={problem}
            />
          </div>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => update({ plans: draft.plans.filter((_, j) => j !== i) })}
          >
            Retirer le plan {i + 1}
          </button>
        </fieldset>
      ))}
      <div className="button-row">
        <button
          type="button"
          className="button button-secondary"
          onClick={() =>
            update({
              plans: [
                ...draft.plans,
                {
                  funder: 'apa',
                  hoursPerMonth: '',
                  sharePercent: '',
                  reference: '',
                  startsOn: parisToday(),
                  endsOn: '',
                },
              ],
            })
          }
        >
          Ajouter un plan d’aide
        </button>
        <button type="submit" className="button" disabled={isSending}>
          Enregistrer le plan d’aide
        </button>
      </div>
    </form>
  );
}

/** The sector of the person: their commune's, or one chosen by hand (a sector's coordinator follows them). */
function SectorSection({ beneficiary: b, onSaved }: SectionProps) {
  const sectors = useLoad<{ items: Sector[] }>('/api/sectors');
  const list = sectors.data?.items ?? [];
  const [sectorId, setSectorId] = useState(b.sectorId ?? '');
  const { problem, isSending, save } = useSave(b.id, onSaved);
  const communeSector = list.find(
    (s) => b.address.communeCode && s.communeCodes.includes(b.address.communeCode),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save({ sectorId: sectorId || null }, 'Secteur enregistré.', () => undefined);
  };
  if (sectors.data && list.length === 0) return <p>La structure n’a pas encore de secteurs.</p>;
  return (
    <form onSubmit={submit} noValidate aria-label="Secteur">
      <ErrorSummary problem={problem} labels={{ sectorId: 'Secteur' }} />
      <p>
        {b.sector
          ? `Secteur ${b.sector.name}${b.sector.isChosen ? ' (choisi sur le dossier).' : ' (celui de sa commune).'}`
          : 'Sans secteur : sa commune n’est dans aucun secteur.'}
      </p>
      <SelectField
        name="sectorId"
        label="Secteur du dossier"
        value={sectorId}
        onChange={setSectorId}
        problem={problem}
      >
        <option value="">
          {communeSector ? `Celui de sa commune (${communeSector.name})` : 'Celui de sa commune (aucun)'}
        </option>
        {list.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </SelectField>
      <button type="submit" className="button" disabled={isSending}>
        Enregistrer le secteur
      </button>
    </form>
  );
}

function PreferencesSection({ beneficiary: b, onSaved }: SectionProps) {
  const workers = useLoad<WorkerSummary[] | { items: WorkerSummary[] }>('/api/workers');
  const list = (Array.isArray(workers.data) ? workers.data : (workers.data?.items ?? []))
    .slice()
    .sort((x, y) => workerName(x).localeCompare(workerName(y), 'fr'));
  const initial = {
    preferred: b.preferences?.preferredWorkerIds ?? [],
    refused: b.preferences?.refusedWorkerIds ?? [],
  };
  const [draft, update, clear] = useDraft(`beneficiary-preferences-${b.id}`, initial);
  const { problem, isSending, save } = useSave(b.id, onSaved);
  const choice = (id: string) =>
    draft.preferred.includes(id) ? 'preferred' : draft.refused.includes(id) ? 'refused' : '';
  const setChoice = (id: string, value: string) =>
    update({
      preferred:
        value === 'preferred'
          ? [...draft.preferred.filter((w) => w !== id), id]
          : draft.preferred.filter((w) => w !== id),
      refused:
        value === 'refused'
          ? [...draft.refused.filter((w) => w !== id), id]
          : draft.refused.filter((w) => w !== id),
    });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save(
      { preferences: { preferredWorkerIds: draft.preferred, refusedWorkerIds: draft.refused } },
      'Préférences enregistrées.',
      clear,
    );
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Préférences d’intervenant·es">
      <ErrorSummary
        problem={problem}
        labels={{
          refusedWorkerIds: 'Intervenant·es refusé·es',
          preferredWorkerIds: 'Intervenant·es préféré·es',
        }}
      />
      <p className="hint">
        Le planning et l’optimisation évitent les intervenant·es refusé·es et privilégient les préféré·es.
      </p>
      {workers.error && <p className="alert alert-error">{workers.error}</p>}
      <div className="table-scroll">
        <table className="preferences-table">
          <caption className="visually-hidden">Préférence pour chaque intervenant·e</caption>
          <thead>
            <tr>
              <th scope="col">Intervenant·e</th>
              <th scope="col">Préférence</th>
            </tr>
          </thead>
          <tbody>
            {list
              .filter((w) => choice(w.id) || list.length <= 60)
              .map((w) => (
                <tr key={w.id}>
                  <th scope="row">{workerName(w)}</th>
                  <td>
                    <label className="visually-hidden" htmlFor={`preference-${w.id}`}>
                      Préférence pour {workerName(w)}
                    </label>
                    <select
                      id={`preference-${w.id}`}
                      value={choice(w.id)}
                      onChange={(event) => setChoice(w.id, event.target.value)}
                    >
                      <option value="">Sans préférence</option>
                      <option value="preferred">Préféré·e</option>
                      <option value="refused">Refusé·e</option>
                    </select>
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      </div>
      <button type="submit" className="button" disabled={isSending}>
        Enregistrer les préférences
      </button>
    </form>
  );
}

function ConsentsSection({ beneficiary: b, onSaved }: SectionProps) {
  const given = new Map((b.consents ?? []).map((c: Consent) => [c.purpose, c]));
  const initial = {
    consents: Object.keys(CONSENT_PURPOSES).map((purpose) => ({
      purpose,
      state: given.has(purpose) ? (given.get(purpose)!.granted ? 'granted' : 'refused') : '',
      recordedOn: given.get(purpose)?.recordedOn ?? parisToday(),
    })),
  };
  const [draft, update, clear] = useDraft(`beneficiary-consents-${b.id}`, initial);
  const { problem, isSending, save } = useSave(b.id, onSaved);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const consents = draft.consents
      .filter((c) => c.state)
      .map((c) => ({ purpose: c.purpose, granted: c.state === 'granted', recordedOn: c.recordedOn }));
    void save({ consents }, 'Consentements enregistrés.', clear);
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Consentements">
      <ErrorSummary problem={problem} labels={{}} />
      {draft.consents.map((c, i) => (
        <fieldset key={c.purpose} className="inline-fieldset consent-row">
          <legend>{CONSENT_PURPOSES[c.purpose]}</legend>
          {[
            ['granted', 'Donné'],
            ['refused', 'Refusé'],
            ['', 'Non recueilli'],
          ].map(([value, label]) => (
            <span className="radio" key={value}>
              <input
                id={`consent-${c.purpose}-${value || 'none'}`}
                type="radio"
                name={`consent-${c.purpose}`}
                checked={c.state === value}
                onChange={() =>
                  update({ consents: draft.consents.map((x, j) => (j === i ? { ...x, state: value! } : x)) })
                }
              />
              <label htmlFor={`consent-${c.purpose}-${value || 'none'}`}>{label}</label>
            </span>
          ))}
          {c.state && (
            <span className="field">
              <label htmlFor={`consent-${c.purpose}-date`}>Recueilli le</label>
              <input
                id={`consent-${c.purpose}-date`}
                type="date"
                value={c.recordedOn}
                onChange={(event) =>
                  update({
                    consents: draft.consents.map((x, j) =>
                      j === i ? { ...x, recordedOn: event.target.value } : x,
                    ),
                  })
                }
              />
            </span>
          )}
        </fieldset>
      ))}
      <button type="submit" className="button" disabled={isSending}>
        Enregistrer les consentements
      </button>
    </form>
  );
}

function DocumentsSection({ beneficiary: b, onSaved }: SectionProps) {
  const { me } = useSession();
  const [chosen, setChosen] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isSending, setIsSending] = useState(false);
  const upload = async (event: FormEvent) => {
    event.preventDefault();
    if (!chosen) return setError('Choisissez un fichier à ajouter.');
    setIsSending(true);
    try {
      const response = await fetch(`/api/beneficiaries/${b.id}/documents`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: {
          'content-type': chosen.type || 'application/octet-stream',
          'x-file-name': encodeURIComponent(chosen.name),
          ...(me?.csrfToken ? { 'x-csrf-token': me.csrfToken } : {}),
        },
        body: chosen,
      });
      if (!response.ok) {
        const problem = (await response.json().catch(() => ({}))) as { detail?: string };
        throw new ApiError(response.status, problem.detail ?? 'Le document n’a pas été ajouté. Réessayez.');
      }
      setError(null);
      setChosen(null);
      await onSaved(`Document « ${chosen.name} » ajouté.`);
    } catch (failure) {
      setError(problemOf(failure).message);
    } finally {
      setIsSending(false);
    }
  };
  const documents = b.documents ?? [];
  return (
    <>
      {documents.length === 0 ? (
        <p>Aucun document.</p>
      ) : (
        <ul className="plain-list" aria-label="Documents du dossier">
          {documents.map((d) => (
            <li key={d.id}>
              {d.name}
              {d.sizeBytes ? ` (${Math.max(1, Math.round(d.sizeBytes / 1024))} Ko)` : ''}
              {d.createdAt ? `, ajouté le ${new Date(d.createdAt).toLocaleDateString('fr-FR')}` : ''}{' '}
              <button
                type="button"
                className="link-button"
                onClick={() =>
                  downloadFile(`/api/beneficiaries/${b.id}/documents/${d.id}`, d.name).catch((e: Error) =>
                    setError(e.message),
                  )
                }
              >
                Télécharger<span className="visually-hidden"> {d.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={upload} noValidate aria-label="Ajouter un document">
        <FileDrop
          label="Document à ajouter"
          hint="Plan d’aide, notification APA, ordonnance… (PDF, image ou texte)."
          file={chosen}
          onFile={setChosen}
          isDisabled={isSending}
          error={error}
        />
        <button type="submit" className="button" disabled={isSending}>
          Ajouter le document
        </button>
      </form>
    </>
  );
}

function RgpdSection({ beneficiary: b }: { beneficiary: Beneficiary }) {
  const navigate = useNavigate();
  const { me } = useSession();
  const canErase = me?.role === 'provider_admin';
  const [confirm, setConfirm] = useState('');
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const erase = async (event: FormEvent) => {
    event.preventDefault();
    if (confirm.trim() !== 'EFFACER')
      return setProblem({
        message: 'Le dossier n’a pas été effacé.',
        fields: [{ field: 'confirm', message: 'Tapez EFFACER en majuscules pour confirmer.' }],
      });
    try {
      await api(`/api/beneficiaries/${b.id}/erase`, { method: 'POST', body: { confirm: 'EFFACER' } });
      navigate('/structure/beneficiaires', {
        state: { flash: `Les données de ${b.firstName} ${b.lastName} ont été effacées.` },
      });
    } catch (error) {
      setProblem(problemOf(error));
    }
  };
  return (
    <>
      <p>
        Le bénéficiaire peut obtenir toutes ses données (droit d’accès et à la portabilité) ou demander leur
        effacement.
      </p>
      <button
        type="button"
        className="button button-secondary"
        onClick={() =>
          downloadFile(`/api/beneficiaries/${b.id}/export`, `donnees-${b.lastName.toLowerCase()}.json`).catch(
            (e: Error) => setExportError(e.message),
          )
        }
      >
        Exporter (RGPD)
      </button>
      {exportError && <p className="field-error">{exportError}</p>}
      {!canErase && (
        <p className="hint">
          Seul·e l’administrateur·rice de la structure peut effacer les données d’un bénéficiaire.
        </p>
      )}
      {canErase && (
        <details className="erase">
          <summary>Effacer les données de ce bénéficiaire</summary>
          <p>
            L’effacement est <strong>définitif</strong> : identité, adresse, contacts, plan d’aide, documents
            et visites à venir. Les factures émises restent, anonymisées.
          </p>
          <ErrorSummary problem={problem} labels={{ confirm: 'Confirmation' }} />
          <form onSubmit={erase} noValidate aria-label="Effacer les données">
            <TextField
              name="confirm"
              label="Tapez EFFACER pour confirmer"
              autoComplete="off"
              value={confirm}
              onChange={setConfirm}
              problem={problem}
            />
            <button type="submit" className="button button-danger">
              Effacer définitivement
            </button>
          </form>
        </details>
      )}
    </>
  );
}
