import { useEffect, useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ACTIVITIES } from '../../../domain/activities';
import {
  LEGAL_FORM_INFO,
  LEGAL_FORMS,
  MODE_INFO,
  PUBLIC_LABELS,
  PUBLICS,
  REGIME_INFO,
  type LegalForm,
  type OrganisationMode,
} from '../../../domain/organisation';
import { WEEKDAYS, type Weekday } from '../../../domain/schemas/organisation';
import { api } from '../../api/client';
import { useSession } from '../../app/session';
import { ErrorSummary, problemOf, TextField, useDraft, usePageTitle, type FormProblem } from '../../ui/form';
import { PageHeader } from '../../ui/Layout';
import type { ProfileAnswer } from './directory-api';
import { useCommunes } from './geography';
import {
  activityName,
  formOf,
  inputOf,
  labelOfField,
  REGIMES,
  validate,
  type PriceForm,
  type ProfileForm,
  type RegimeKey,
  type RegistrationForm,
} from './profile-form';

const ORGANISATION_MODES: OrganisationMode[] = ['prestataire', 'mandataire'];
const DAY_LABELS: Record<Weekday, string> = {
  lundi: 'Lundi',
  mardi: 'Mardi',
  mercredi: 'Mercredi',
  jeudi: 'Jeudi',
  vendredi: 'Vendredi',
  samedi: 'Samedi',
  dimanche: 'Dimanche',
};
const UNIT_LABELS = { heure: 'À l’heure', forfait: 'Au forfait' } as const;

/** The messages of a field and of everything under it (a group shows the errors of its rows). */
function errorsOf(problem: FormProblem | null, field: string, options: { isExact?: boolean } = {}): string[] {
  return (problem?.fields ?? [])
    .filter((f) => f.field === field || (!options.isExact && f.field.startsWith(`${field}.`)))
    .map((f) => f.message);
}

function GroupErrors({ messages, id }: { messages: string[]; id?: string }) {
  if (messages.length === 0) return null;
  return (
    <div id={id} className="field-error">
      {messages.map((m) => (
        <p key={m}>{m}</p>
      ))}
    </div>
  );
}

export function ProfilePage() {
  usePageTitle('Profil de la structure');
  const { me } = useSession();
  const [profile, setProfile] = useState<ProfileAnswer | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  useEffect(() => {
    api<ProfileAnswer>('/api/organisation/profile')
      .then(setProfile)
      .catch((failure: unknown) => setLoadError(problemOf(failure).message));
  }, []);
  const isReadOnly = me?.role !== 'provider_admin';
  return (
    <>
      <PageHeader title="Profil de la structure">
        <p className="lead">
          Ce que les familles voient dans l’annuaire : identité, activités, tarifs, horaires et communes
          desservies.
        </p>
      </PageHeader>
      {loadError && (
        <p className="alert alert-error" role="alert">
          {loadError}
        </p>
      )}
      {!profile && !loadError && <p role="status">Chargement du profil…</p>}
      {profile && (
        <ProfileEditor key={profile.id} profile={profile} isReadOnly={isReadOnly} onSaved={setProfile} />
      )}
    </>
  );
}

function ProfileEditor({
  profile,
  isReadOnly,
  onSaved,
}: {
  profile: ProfileAnswer;
  isReadOnly: boolean;
  onSaved(profile: ProfileAnswer): void;
}) {
  const draftKey = `organisation-profile:${profile.id}`;
  const [hadDraft] = useState(
    () => !isReadOnly && sessionStorage.getItem(`proxidom:draft:${draftKey}`) !== null,
  );
  const [form, update, clear] = useDraft<ProfileForm>(draftKey, formOf(profile));
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const communes = useCommunes();
  const ids = {
    legalForm: useId(),
    commune: useId(),
    description: useId(),
    labels: useId(),
    labelsHint: useId(),
  };

  const labels = Object.fromEntries(
    (problem?.fields ?? []).map((f) => [f.field, labelOfField(f.field, form)]),
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (isReadOnly) return;
    setSaved(null);
    const fields = validate(form);
    if (fields.length > 0) {
      setProblem({ message: 'Le profil n’est pas enregistré : corrigez les champs signalés.', fields });
      return;
    }
    setIsSaving(true);
    try {
      const next = await api<ProfileAnswer>('/api/organisation/profile', {
        method: 'PUT',
        body: inputOf(form).input,
      });
      setProblem(null);
      clear();
      setSaved('Profil enregistré : la fiche publique de l’annuaire est à jour.');
      if (next && typeof next === 'object' && 'name' in next) onSaved({ ...next, id: next.id ?? profile.id });
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setIsSaving(false);
    }
  };

  const setRegistration = (key: RegimeKey, patch: Partial<RegistrationForm>) =>
    update({ regime: { ...form.regime, [key]: { ...form.regime[key], ...patch } } });
  const modesOf = (code: string) => form.activities.find((a) => a.activityCode === code)?.modes ?? [];
  const toggleMode = (code: string, mode: OrganisationMode, isOn: boolean) => {
    const current = modesOf(code);
    const modes = isOn
      ? ORGANISATION_MODES.filter((m) => m === mode || current.includes(m))
      : current.filter((m) => m !== mode);
    const others = form.activities.filter((a) => a.activityCode !== code);
    const activities = modes.length > 0 ? [...others, { activityCode: code, modes }] : others;
    // Keep the legal order of D7231-1.
    activities.sort(
      (a, b) =>
        ACTIVITIES.findIndex((x) => x.code === a.activityCode) -
        ACTIVITIES.findIndex((x) => x.code === b.activityCode),
    );
    update({ activities });
  };
  const offered = form.activities.flatMap((a) =>
    a.modes.map((mode) => ({ activityCode: a.activityCode, mode })),
  );
  const setPrice = (index: number, patch: Partial<PriceForm>) =>
    update({ prices: form.prices.map((p, i) => (i === index ? { ...p, ...patch } : p)) });
  const setSlot = (index: number, patch: Partial<ProfileForm['openingHours'][number]>) =>
    update({ openingHours: form.openingHours.map((s, i) => (i === index ? { ...s, ...patch } : s)) });
  const territoryCommunes = communes.data ?? [];

  const addressCommune = territoryCommunes.find((c) => c.code === form.communeCode);

  return (
    <form
      onSubmit={submit}
      noValidate
      className="profile-form"
      aria-describedby={isReadOnly ? 'read-only-note' : undefined}
    >
      {isReadOnly && (
        <p className="alert alert-info" id="read-only-note">
          Vous consultez le profil : seul l’administrateur de la structure peut le modifier.
        </p>
      )}
      {hadDraft && !saved && (
        <div className="alert alert-info">
          <p>Vos modifications non enregistrées ont été reprises.</p>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              clear();
              setProblem(null);
              window.location.reload();
            }}
          >
            Abandonner mes modifications
          </button>
        </div>
      )}
      {saved && (
        <p className="alert alert-success" role="status">
          {saved}{' '}
          <Link to={`/annuaire/structures/${encodeURIComponent(profile.id)}`}>Voir la fiche publique</Link>
        </p>
      )}
      <ErrorSummary problem={problem} labels={labels} />
      <fieldset disabled={isReadOnly} className="profile-fieldset">
        <section aria-labelledby="identity" className="panel">
          <h2 id="identity">Identité</h2>
          <div className="form-grid">
            <TextField
              name="name"
              label="Raison sociale"
              required
              value={form.name}
              onChange={(name) => update({ name })}
              problem={problem}
            />
            <TextField
              name="siret"
              label="SIRET"
              required
              inputMode="numeric"
              hint="14 chiffres, clé de contrôle vérifiée."
              value={form.siret}
              onChange={(siret) => update({ siret })}
              problem={problem}
            />
            <div className="field">
              <label htmlFor={ids.legalForm}>Forme juridique</label>
              <select
                id={ids.legalForm}
                value={form.legalForm}
                onChange={(event) => update({ legalForm: event.target.value as LegalForm })}
              >
                {LEGAL_FORMS.map((f) => (
                  <option key={f} value={f}>
                    {LEGAL_FORM_INFO[f].label}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="field">
            <label htmlFor={ids.description}>Présentation</label>
            <p className="hint" id={`${ids.description}-hint`}>
              Quelques phrases pour les familles (2 000 caractères au plus).
            </p>
            <textarea
              id={ids.description}
              rows={4}
              maxLength={2000}
              value={form.description}
              onChange={(event) => update({ description: event.target.value })}
              aria-describedby={`${ids.description}-hint`}
            />
            <GroupErrors messages={errorsOf(problem, 'description')} />
          </div>
        </section>

        <section aria-labelledby="address-contact" className="panel">
          <h2 id="address-contact">Adresse et contact</h2>
          <div className="form-grid">
            <TextField
              name="address.street"
              label="Adresse"
              required
              autoComplete="street-address"
              value={form.street}
              onChange={(street) => update({ street })}
              problem={problem}
            />
            <TextField
              name="address.complement"
              label="Complément d’adresse (facultatif)"
              value={form.complement}
              onChange={(complement) => update({ complement })}
              problem={problem}
            />
            <TextField
              name="address.postalCode"
              label="Code postal"
              required
              inputMode="numeric"
              autoComplete="postal-code"
              maxLength={5}
              hint="5 chiffres, celui de la commune."
              value={form.postalCode}
              onChange={(postalCode) => update({ postalCode })}
              problem={problem}
            />
            <div
              className={`field${errorsOf(problem, 'address.communeCode').length > 0 ? ' field-invalid' : ''}`}
            >
              <label htmlFor="field-address.communeCode">Commune</label>
              <select
                id="field-address.communeCode"
                value={form.communeCode}
                aria-describedby={
                  errorsOf(problem, 'address.communeCode').length > 0
                    ? 'error-address.communeCode'
                    : undefined
                }
                onChange={(event) => {
                  const commune = territoryCommunes.find((c) => c.code === event.target.value);
                  update({ communeCode: event.target.value, city: commune?.name ?? form.city });
                }}
              >
                <option value="">Choisir une commune</option>
                {form.communeCode && !addressCommune && (
                  <option value={form.communeCode}>{form.city || form.communeCode}</option>
                )}
                {territoryCommunes.map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.name} ({c.postalCodes.join(', ')})
                  </option>
                ))}
              </select>
              <GroupErrors
                id="error-address.communeCode"
                messages={[...errorsOf(problem, 'address.communeCode'), ...errorsOf(problem, 'address.city')]}
              />
            </div>
            <TextField
              name="phone"
              label="Téléphone"
              required
              type="tel"
              autoComplete="tel"
              hint="Par exemple 02 38 12 34 56."
              value={form.phone}
              onChange={(phone) => update({ phone })}
              problem={problem}
            />
            <TextField
              name="email"
              label="E-mail de contact"
              required
              type="email"
              autoComplete="email"
              value={form.email}
              onChange={(email) => update({ email })}
              problem={problem}
            />
            <TextField
              name="website"
              label="Site internet (facultatif)"
              type="url"
              hint="Adresse complète, par exemple https://www.exemple.fr"
              value={form.website}
              onChange={(website) => update({ website })}
              problem={problem}
            />
          </div>
        </section>

        <section aria-labelledby="activities-modes" className="panel">
          <h2 id="activities-modes">Activités et modes d’intervention</h2>
          <p className="hint" id="activities-hint">
            Cochez chaque activité proposée, dans chaque mode. L’aide aux personnes âgées ou handicapées exige
            l’autorisation du Département en prestataire et l’agrément en mandataire.
          </p>
          <GroupErrors id="field-activities" messages={errorsOf(problem, 'activities')} />
          <div className="table-scroll">
            <table className="checkbox-table" aria-describedby="activities-hint">
              <caption className="visually-hidden">Activités proposées par mode</caption>
              <thead>
                <tr>
                  <th scope="col">Activité (art. D7231-1)</th>
                  {ORGANISATION_MODES.map((mode) => (
                    <th scope="col" key={mode}>
                      {MODE_INFO[mode].label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {ACTIVITIES.map((activity) => (
                  <tr key={activity.code}>
                    <th scope="row">
                      {activity.name} <span className="hint">({activity.article})</span>
                    </th>
                    {ORGANISATION_MODES.map((mode) => {
                      const id = `activity-${activity.code}-${mode}`;
                      return (
                        <td key={mode}>
                          <input
                            type="checkbox"
                            id={id}
                            checked={modesOf(activity.code).includes(mode)}
                            onChange={(event) => toggleMode(activity.code, mode, event.target.checked)}
                          />
                          <label htmlFor={id} className="visually-hidden">
                            {activity.name} en mode {MODE_INFO[mode].label.toLowerCase()}
                          </label>
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>

        <section aria-labelledby="prices-title" className="panel">
          <h2 id="prices-title">Tarifs</h2>
          <p className="hint">
            Prix toutes taxes comprises, en euros. En mandataire, indiquez vos frais de gestion.
          </p>
          <GroupErrors messages={errorsOf(problem, 'prices', { isExact: true })} />
          {form.prices.length === 0 ? (
            <p>Aucun tarif indiqué : la fiche affichera « sur demande ».</p>
          ) : (
            <div className="table-scroll">
              <table className="price-table">
                <caption className="visually-hidden">Tarifs par activité et mode</caption>
                <thead>
                  <tr>
                    <th scope="col">Activité et mode</th>
                    <th scope="col">Unité</th>
                    <th scope="col">Prix TTC (€)</th>
                    <th scope="col">Précision (facultatif)</th>
                    <th scope="col">
                      <span className="visually-hidden">Retirer</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {form.prices.map((price, index) => (
                    <PriceRow
                      key={index}
                      index={index}
                      price={price}
                      offered={offered}
                      problem={problem}
                      onChange={(patch) => setPrice(index, patch)}
                      onRemove={() => update({ prices: form.prices.filter((_, i) => i !== index) })}
                    />
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <button
            type="button"
            className="button button-secondary"
            disabled={offered.length === 0}
            onClick={() => {
              const first =
                offered.find(
                  (o) => !form.prices.some((p) => p.activityCode === o.activityCode && p.mode === o.mode),
                ) ?? offered[0];
              if (first)
                update({ prices: [...form.prices, { ...first, unit: 'heure', euros: '', label: '' }] });
            }}
          >
            Ajouter un tarif
          </button>
        </section>

        <section aria-labelledby="regime-title" className="panel">
          <h2 id="regime-title">Déclaration, agrément et autorisation</h2>
          <GroupErrors messages={errorsOf(problem, 'regime', { isExact: true })} />
          {REGIMES.map((key) => (
            <RegimeFieldset
              key={key}
              regime={key}
              value={form.regime[key]}
              problem={problem}
              onChange={(patch) => setRegistration(key, patch)}
            />
          ))}
        </section>

        <section aria-labelledby="publics-title" className="panel">
          <h2 id="publics-title">Publics et clients</h2>
          <fieldset
            className="field"
            aria-describedby={errorsOf(problem, 'publics').length > 0 ? 'error-publics' : undefined}
          >
            <legend id="field-publics">Publics accompagnés</legend>
            {PUBLICS.map((p) => (
              <div className="radio" key={p}>
                <input
                  type="checkbox"
                  id={`public-${p}`}
                  checked={form.publics.includes(p)}
                  onChange={(event) =>
                    update({
                      publics: event.target.checked
                        ? PUBLICS.filter((x) => x === p || form.publics.includes(x))
                        : form.publics.filter((x) => x !== p),
                    })
                  }
                />
                <label htmlFor={`public-${p}`}>{PUBLIC_LABELS[p]}</label>
              </div>
            ))}
            <GroupErrors id="error-publics" messages={errorsOf(problem, 'publics')} />
          </fieldset>
          <div className="radio">
            <input
              type="checkbox"
              id="field-acceptingNewClients"
              checked={form.acceptingNewClients}
              onChange={(event) => update({ acceptingNewClients: event.target.checked })}
            />
            <label htmlFor="field-acceptingNewClients">La structure accepte de nouveaux clients</label>
          </div>
          <div className="field">
            <label htmlFor="field-labels">Labels qualité</label>
            <p className="hint" id={ids.labelsHint}>
              Un label par ligne, par exemple NF Service, Qualisap, Cap’Handéo.
            </p>
            <textarea
              id="field-labels"
              rows={3}
              value={form.labels}
              onChange={(event) => update({ labels: event.target.value })}
              aria-describedby={ids.labelsHint}
            />
            <GroupErrors messages={errorsOf(problem, 'labels')} />
          </div>
        </section>

        <section aria-labelledby="hours-title" className="panel">
          <h2 id="hours-title">Horaires d’ouverture</h2>
          <GroupErrors messages={errorsOf(problem, 'openingHours', { isExact: true })} />
          {form.openingHours.length === 0 && <p>Aucun horaire indiqué.</p>}
          <ul className="row-list">
            {form.openingHours.map((slot, index) => (
              <li key={index} className="row-item" id={`field-openingHours.${index}`} tabIndex={-1}>
                <fieldset className="inline-fieldset">
                  <legend>Plage {index + 1}</legend>
                  <div className="field">
                    <label htmlFor={`slot-${index}-day`}>Jour</label>
                    <select
                      id={`slot-${index}-day`}
                      value={slot.day}
                      onChange={(event) => setSlot(index, { day: event.target.value as Weekday })}
                    >
                      {WEEKDAYS.map((d) => (
                        <option key={d} value={d}>
                          {DAY_LABELS[d]}
                        </option>
                      ))}
                    </select>
                  </div>
                  <TextField
                    name={`openingHours.${index}.opens`}
                    label="Ouverture"
                    type="time"
                    value={slot.opens}
                    onChange={(opens) => setSlot(index, { opens })}
                    problem={problem}
                  />
                  <TextField
                    name={`openingHours.${index}.closes`}
                    label="Fermeture"
                    type="time"
                    value={slot.closes}
                    onChange={(closes) => setSlot(index, { closes })}
                    problem={problem}
                  />
                  <button
                    type="button"
                    className="button button-secondary"
                    onClick={() => update({ openingHours: form.openingHours.filter((_, i) => i !== index) })}
                  >
                    Retirer<span className="visually-hidden"> la plage {index + 1}</span>
                  </button>
                </fieldset>
                <GroupErrors messages={errorsOf(problem, `openingHours.${index}`, { isExact: true })} />
              </li>
            ))}
          </ul>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              const last = form.openingHours[form.openingHours.length - 1];
              const nextDay = last
                ? WEEKDAYS[Math.min(WEEKDAYS.indexOf(last.day) + 1, WEEKDAYS.length - 1)]!
                : 'lundi';
              update({
                openingHours: [...form.openingHours, { day: nextDay, opens: '09:00', closes: '12:00' }],
              });
            }}
          >
            Ajouter une plage horaire
          </button>
        </section>

        <section aria-labelledby="communes-title" className="panel">
          <h2 id="communes-title">Communes desservies</h2>
          <fieldset className="field">
            <legend id="field-communesServed">Communes du territoire où la structure intervient</legend>
            <p>
              <button
                type="button"
                className="link-button"
                onClick={() => update({ communesServed: territoryCommunes.map((c) => c.code) })}
              >
                Tout cocher
              </button>{' '}
              ·{' '}
              <button type="button" className="link-button" onClick={() => update({ communesServed: [] })}>
                Tout décocher
              </button>
            </p>
            <div className="checkbox-columns">
              {territoryCommunes.map((c) => (
                <div className="radio" key={c.code}>
                  <input
                    type="checkbox"
                    id={`served-${c.code}`}
                    checked={form.communesServed.includes(c.code)}
                    onChange={(event) =>
                      update({
                        communesServed: event.target.checked
                          ? [...form.communesServed, c.code]
                          : form.communesServed.filter((x) => x !== c.code),
                      })
                    }
                  />
                  <label htmlFor={`served-${c.code}`}>{c.name}</label>
                </div>
              ))}
            </div>
            <GroupErrors messages={errorsOf(problem, 'communesServed')} />
          </fieldset>
        </section>
      </fieldset>
      {!isReadOnly && (
        <p className="form-actions">
          <button type="submit" className="button" disabled={isSaving}>
            {isSaving ? 'Enregistrement…' : 'Enregistrer le profil'}
          </button>
        </p>
      )}
    </form>
  );
}

function PriceRow({
  index,
  price,
  offered,
  problem,
  onChange,
  onRemove,
}: {
  index: number;
  price: PriceForm;
  offered: { activityCode: string; mode: OrganisationMode }[];
  problem: FormProblem | null;
  onChange(patch: Partial<PriceForm>): void;
  onRemove(): void;
}) {
  const what = `${activityName(price.activityCode)}, ${MODE_INFO[price.mode].label.toLowerCase()}`;
  const pairKey = `${price.activityCode}|${price.mode}`;
  const pairs = offered.some((o) => `${o.activityCode}|${o.mode}` === pairKey)
    ? offered
    : [{ activityCode: price.activityCode, mode: price.mode }, ...offered];
  const field = (name: string) => `prices.${index}.${name}`;
  const cellError = (name: string) => {
    const messages = errorsOf(problem, field(name), { isExact: true });
    return {
      invalid: messages.length > 0 || undefined,
      describedBy: messages.length > 0 ? `error-${field(name)}` : undefined,
      node: <GroupErrors id={`error-${field(name)}`} messages={messages} />,
    };
  };
  const pair = cellError('activityCode');
  const amount = cellError('priceTtcCents');
  const label = cellError('label');
  return (
    <tr>
      <td className={pair.invalid ? 'field-invalid' : undefined}>
        <label htmlFor={`field-${field('activityCode')}`} className="visually-hidden">
          Activité et mode du tarif {index + 1}
        </label>
        <select
          id={`field-${field('activityCode')}`}
          value={pairKey}
          aria-invalid={pair.invalid}
          aria-describedby={pair.describedBy}
          onChange={(event) => {
            const [activityCode = '', mode = 'prestataire'] = event.target.value.split('|');
            onChange({ activityCode, mode: mode as OrganisationMode });
          }}
        >
          {pairs.map((o) => (
            <option key={`${o.activityCode}|${o.mode}`} value={`${o.activityCode}|${o.mode}`}>
              {activityName(o.activityCode)} — {MODE_INFO[o.mode].label}
            </option>
          ))}
        </select>
        {pair.node}
      </td>
      <td>
        <label htmlFor={`price-${index}-unit`} className="visually-hidden">
          Unité du tarif {index + 1} ({what})
        </label>
        <select
          id={`price-${index}-unit`}
          value={price.unit}
          onChange={(event) => onChange({ unit: event.target.value as PriceForm['unit'] })}
        >
          {(['heure', 'forfait'] as const).map((u) => (
            <option key={u} value={u}>
              {UNIT_LABELS[u]}
            </option>
          ))}
        </select>
      </td>
      <td className={amount.invalid ? 'field-invalid' : undefined}>
        <label htmlFor={`field-${field('priceTtcCents')}`} className="visually-hidden">
          Prix TTC en euros ({what})
        </label>
        <input
          id={`field-${field('priceTtcCents')}`}
          className="input-short"
          inputMode="decimal"
          value={price.euros}
          aria-invalid={amount.invalid}
          aria-describedby={amount.describedBy}
          onChange={(event) => onChange({ euros: event.target.value })}
        />
        {amount.node}
      </td>
      <td className={label.invalid ? 'field-invalid' : undefined}>
        <label htmlFor={`field-${field('label')}`} className="visually-hidden">
          Précision du tarif {index + 1} ({what})
        </label>
        <input
          id={`field-${field('label')}`}
          value={price.label}
          aria-invalid={label.invalid}
          aria-describedby={label.describedBy}
          onChange={(event) => onChange({ label: event.target.value })}
        />
        {label.node}
      </td>
      <td>
        <button type="button" className="button button-secondary" onClick={onRemove}>
          Retirer
          <span className="visually-hidden">
            {' '}
            le tarif {index + 1} ({what})
          </span>
        </button>
      </td>
    </tr>
  );
}

function RegimeFieldset({
  regime,
  value,
  problem,
  onChange,
}: {
  regime: RegimeKey;
  value: RegistrationForm;
  problem: FormProblem | null;
  onChange(patch: Partial<RegistrationForm>): void;
}) {
  const info = REGIME_INFO[regime];
  const heldLabels: Record<RegimeKey, string> = {
    declaration: 'La structure est déclarée (SAP)',
    agrement: 'La structure a un agrément',
    autorisation: 'La structure a une autorisation du Département',
  };
  const groupErrors = errorsOf(problem, `regime.${regime}`, { isExact: true });
  const describedBy = `regime-${regime}-hint${groupErrors.length > 0 ? ` regime-${regime}-error` : ''}`;
  return (
    <fieldset className="regime-fieldset">
      <legend>{info.label}</legend>
      <p className="hint" id={`regime-${regime}-hint`}>
        {info.authority}.
      </p>
      <div className={`radio${groupErrors.length > 0 ? ' field-invalid' : ''}`}>
        <input
          type="checkbox"
          id={`field-regime.${regime}`}
          checked={value.isHeld}
          onChange={(event) => onChange({ isHeld: event.target.checked })}
          aria-describedby={describedBy}
        />
        <label htmlFor={`field-regime.${regime}`}>{heldLabels[regime]}</label>
      </div>
      <GroupErrors id={`regime-${regime}-error`} messages={groupErrors} />
      {value.isHeld && (
        <div className="form-grid">
          <TextField
            name={`regime.${regime}.number`}
            label={`Numéro ${regime === 'declaration' ? 'de déclaration' : regime === 'agrement' ? 'd’agrément' : 'd’autorisation'}`}
            value={value.number}
            onChange={(number) => onChange({ number })}
            problem={problem}
          />
          <TextField
            name={`regime.${regime}.date`}
            label="Date d’obtention"
            type="date"
            value={value.date}
            onChange={(date) => onChange({ date })}
            problem={problem}
          />
          {regime !== 'declaration' && (
            <TextField
              name={`regime.${regime}.expiresOn`}
              label="Fin de validité (facultatif)"
              type="date"
              value={value.expiresOn}
              onChange={(expiresOn) => onChange({ expiresOn })}
              problem={problem}
            />
          )}
          {regime === 'autorisation' && (
            <TextField
              name={`regime.${regime}.departement`}
              label="Département qui l’a délivrée"
              inputMode="numeric"
              maxLength={3}
              value={value.departement}
              onChange={(departement) => onChange({ departement })}
              problem={problem}
            />
          )}
        </div>
      )}
    </fieldset>
  );
}
