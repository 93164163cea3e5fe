import type { FormProblem } from '../../ui/form';
import { TextField } from '../../ui/form';
import type { Commune } from '../directory/directory-api';
import { numberOf, SelectField, TextAreaField } from './fields';

/** The identity and address of a beneficiary as typed (strings, so that a draft keeps exactly what was typed). */
export interface IdentityDraft {
  firstName: string;
  lastName: string;
  birthDate: string;
  gir: string;
  phone: string;
  addressLine: string;
  postalCode: string;
  communeCode: string;
  latitude: string;
  longitude: string;
  accessDetails: string;
  needs: string;
  notes: string;
}

export const emptyIdentity: IdentityDraft = {
  firstName: '',
  lastName: '',
  birthDate: '',
  gir: '',
  phone: '',
  addressLine: '',
  postalCode: '',
  communeCode: '',
  latitude: '',
  longitude: '',
  accessDetails: '',
  needs: '',
  notes: '',
};

export const identityLabels: Record<string, string> = {
  firstName: 'Prénom',
  lastName: 'Nom',
  birthDate: 'Date de naissance',
  gir: 'GIR',
  phone: 'Téléphone',
  addressLine: 'Adresse',
  postalCode: 'Code postal',
  communeCode: 'Commune',
  latitude: 'Latitude',
  longitude: 'Longitude',
  accessDetails: 'Informations d’accès (code, boîte à clés)',
  needs: 'Besoins',
  notes: 'Notes',
  householdId: 'Foyer',
  'household.name': 'Nom du foyer',
};

/** The body the API takes (src/domain/schemas/care.ts beneficiary fields). */
export function identityBody(d: IdentityDraft) {
  const gir = numberOf(d.gir);
  return {
    firstName: d.firstName,
    lastName: d.lastName,
    birthDate: d.birthDate || null,
    gir: gir === null ? null : gir,
    phone: d.phone || null,
    addressLine: d.addressLine || null,
    postalCode: d.postalCode || null,
    communeCode: d.communeCode || null,
    latitude: numberOf(d.latitude),
    longitude: numberOf(d.longitude),
    accessDetails: d.accessDetails || null,
    needs: d.needs
      .split('\n')
      .map((n) => n.trim())
      .filter(Boolean),
    notes: d.notes || null,
  };
}

/** The form's own checks, before the API: required names and a point given as a pair. */
export function checkIdentity(d: IdentityDraft): FormProblem | null {
  const fields = [
    ...(d.lastName.trim() ? [] : [{ field: 'lastName', message: 'Le nom est obligatoire.' }]),
    ...(d.firstName.trim() ? [] : [{ field: 'firstName', message: 'Le prénom est obligatoire.' }]),
    ...(d.postalCode && !/^\d{5}$/.test(d.postalCode.trim())
      ? [{ field: 'postalCode', message: 'Le code postal doit compter 5 chiffres (par exemple 45000).' }]
      : []),
    ...(!!d.latitude.trim() !== !!d.longitude.trim()
      ? [
          {
            field: d.latitude.trim() ? 'longitude' : 'latitude',
            message: 'Donnez la latitude et la longitude ensemble.',
          },
        ]
      : []),
  ];
  return fields.length
    ? { message: 'Le dossier n’a pas été enregistré : corrigez les champs indiqués.', fields }
    : null;
}

export function IdentityFields({
  draft,
  update,
  problem,
  communes,
}: {
  draft: IdentityDraft;
  update(patch: Partial<IdentityDraft>): void;
  problem: FormProblem | null;
  communes: readonly Commune[];
}) {
  const placeAtCommune = () => {
    const commune = communes.find((c) => c.code === draft.communeCode);
    if (commune) update({ latitude: String(commune.latitude), longitude: String(commune.longitude) });
  };
  return (
    <>
      <fieldset className="profile-fieldset">
        <legend className="visually-hidden">Identité</legend>
        <div className="form-grid">
          <TextField
            name="lastName"
            label={identityLabels.lastName!}
            required
            autoComplete="off"
            value={draft.lastName}
            onChange={(lastName) => update({ lastName })}
            problem={problem}
          />
          <TextField
            name="firstName"
            label={identityLabels.firstName!}
            required
            autoComplete="off"
            value={draft.firstName}
            onChange={(firstName) => update({ firstName })}
            problem={problem}
          />
          <TextField
            name="birthDate"
            label={identityLabels.birthDate!}
            type="date"
            value={draft.birthDate}
            onChange={(birthDate) => update({ birthDate })}
            problem={problem}
          />
          <SelectField
            name="gir"
            label={identityLabels.gir!}
            value={draft.gir}
            onChange={(gir) => update({ gir })}
            problem={problem}
            hint="1 : le plus dépendant, 6 : autonome."
          >
            <option value="">Non évalué</option>
            {[1, 2, 3, 4, 5, 6].map((g) => (
              <option key={g} value={g}>
                GIR {g}
              </option>
            ))}
          </SelectField>
          <TextField
            name="phone"
            label={identityLabels.phone!}
            type="tel"
            autoComplete="off"
            value={draft.phone}
            onChange={(phone) => update({ phone })}
            problem={problem}
          />
        </div>
      </fieldset>
      <fieldset className="profile-fieldset">
        <legend className="visually-hidden">Adresse</legend>
        <div className="form-grid">
          <TextField
            name="addressLine"
            label={identityLabels.addressLine!}
            autoComplete="off"
            value={draft.addressLine}
            onChange={(addressLine) => update({ addressLine })}
            problem={problem}
          />
          <TextField
            name="postalCode"
            label={identityLabels.postalCode!}
            inputMode="numeric"
            autoComplete="off"
            value={draft.postalCode}
            onChange={(postalCode) => update({ postalCode })}
            problem={problem}
          />
          <SelectField
            name="communeCode"
            label={identityLabels.communeCode!}
            value={draft.communeCode}
            onChange={(communeCode) => {
              const commune = communes.find((c) => c.code === communeCode);
              update({ communeCode, postalCode: draft.postalCode || commune?.postalCodes[0] || '' });
            }}
            problem={problem}
          >
            <option value="">Choisir une commune</option>
            {communes.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name} ({c.postalCodes.join(', ')})
              </option>
            ))}
          </SelectField>
          <TextField
            name="latitude"
            label={identityLabels.latitude!}
            inputMode="decimal"
            value={draft.latitude}
            onChange={(latitude) => update({ latitude })}
            problem={problem}
            hint="Degrés décimaux, par exemple 47,9027."
          />
          <TextField
            name="longitude"
            label={identityLabels.longitude!}
            inputMode="decimal"
            value={draft.longitude}
            onChange={(longitude) => update({ longitude })}
            problem={problem}
            hint="Degrés décimaux, par exemple 1,9086."
          />
          <div className="field">
            <button
              type="button"
              className="button button-secondary"
              onClick={placeAtCommune}
              disabled={!draft.communeCode}
            >
              Placer au centre de la commune
            </button>
          </div>
        </div>
      </fieldset>
      <TextAreaField
        name="accessDetails"
        label={identityLabels.accessDetails!}
        value={draft.accessDetails}
        onChange={(accessDetails) => update({ accessDetails })}
        problem={problem}
        hint="Montrées à l’intervenant·e affecté·e, le jour de la visite seulement."
      />
      <TextAreaField
        name="needs"
        label={identityLabels.needs!}
        value={draft.needs}
        onChange={(needs) => update({ needs })}
        problem={problem}
        hint="Un besoin par ligne (aide au lever, préparation des repas…)."
      />
      <TextAreaField
        name="notes"
        label={identityLabels.notes!}
        value={draft.notes}
        onChange={(notes) => update({ notes })}
        problem={problem}
      />
    </>
  );
}
