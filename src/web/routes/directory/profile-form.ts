/**
 * The profile form's state and its conversions: the API's profile → what the form edits (amounts as typed
 * text, optional parts as flags) → the API's input, checked with the server's own schema.
 */
import { getActivity, isActivityCode } from '../../../domain/activities';
import { MODE_INFO, type LegalForm, type OrganisationMode, type Public } from '../../../domain/organisation';
import {
  organisationProfileSchema,
  type OrganisationProfileInput,
  type Weekday,
} from '../../../domain/schemas/organisation';
import type { FieldError } from '../../../shared/errors';
import type { ProfileAnswer } from './directory-api';

export const REGIMES = ['declaration', 'agrement', 'autorisation'] as const;
export type RegimeKey = (typeof REGIMES)[number];
export interface RegistrationForm {
  isHeld: boolean;
  number: string;
  date: string;
  expiresOn: string;
  departement: string;
}
export interface PriceForm {
  activityCode: string;
  mode: OrganisationMode;
  unit: 'heure' | 'forfait';
  euros: string;
  label: string;
}

/** What the form edits: the profile with text where people type amounts, and optional parts as flags. */
export interface ProfileForm {
  name: string;
  siret: string;
  legalForm: LegalForm;
  street: string;
  complement: string;
  postalCode: string;
  communeCode: string;
  city: string;
  phone: string;
  email: string;
  website: string;
  description: string;
  activities: { activityCode: string; modes: OrganisationMode[] }[];
  regime: Record<RegimeKey, RegistrationForm>;
  publics: Public[];
  openingHours: { day: Weekday; opens: string; closes: string }[];
  prices: PriceForm[];
  labels: string;
  communesServed: string[];
  acceptingNewClients: boolean;
}

export function centsToEuros(cents: number): string {
  return (cents / 100).toFixed(2).replace('.', ',').replace(/,00$/, '');
}

/** « 24,50 » or « 24.5 » → 2450; null when it is not an amount. */
export function eurosToCents(text: string): number | null {
  const t = text.replace(/\s|€/g, '').replace(',', '.');
  if (!/^\d+(?:\.\d{1,2})?$/.test(t)) return null;
  return Math.round(Number(t) * 100);
}

export function formOf(profile: ProfileAnswer): ProfileForm {
  const registration = (
    r:
      | { number: string; date: string; expiresOn?: string | undefined; departement?: string }
      | null
      | undefined,
  ): RegistrationForm => ({
    isHeld: Boolean(r),
    number: r?.number ?? '',
    date: r?.date ?? '',
    expiresOn: r?.expiresOn ?? '',
    departement: r?.departement ?? '45',
  });
  return {
    name: profile.name ?? '',
    siret: profile.siret ?? '',
    legalForm: (profile.legalForm ?? 'association') as LegalForm,
    street: profile.address?.street ?? '',
    complement: profile.address?.complement ?? '',
    postalCode: profile.address?.postalCode ?? '',
    communeCode: profile.address?.communeCode ?? '',
    city: profile.address?.city ?? '',
    phone: profile.phone ?? '',
    email: profile.email ?? '',
    website: profile.website ?? '',
    description: profile.description ?? '',
    activities: (profile.activities ?? []).map((a) => ({
      activityCode: a.activityCode,
      modes: [...a.modes],
    })),
    regime: {
      declaration: registration(profile.regime?.declaration),
      agrement: registration(profile.regime?.agrement),
      autorisation: registration(profile.regime?.autorisation),
    },
    publics: [...(profile.publics ?? [])],
    openingHours: (profile.openingHours ?? []).map((s) => ({ ...s })),
    prices: (profile.prices ?? []).map((p) => ({
      activityCode: p.activityCode,
      mode: p.mode,
      unit: p.unit,
      euros: centsToEuros(p.priceTtcCents),
      label: p.label ?? '',
    })),
    labels: (profile.labels ?? []).join('\n'),
    communesServed: [...(profile.communesServed ?? [])],
    acceptingNewClients: profile.acceptingNewClients ?? true,
  };
}

const optional = (text: string) => (text.trim() ? text.trim() : undefined);

/** The profile as the API takes it, with the amounts that could not be read. */
export function inputOf(form: ProfileForm): { input: OrganisationProfileInput; amountErrors: FieldError[] } {
  const amountErrors: FieldError[] = [];
  const registration = (key: RegimeKey) => {
    const r = form.regime[key];
    if (!r.isHeld) return null;
    return {
      number: r.number,
      date: r.date,
      ...(r.expiresOn ? { expiresOn: r.expiresOn } : {}),
      ...(key === 'autorisation' ? { departement: r.departement } : {}),
    };
  };
  const input = {
    name: form.name,
    siret: form.siret,
    legalForm: form.legalForm,
    address: {
      street: form.street,
      complement: optional(form.complement),
      postalCode: form.postalCode,
      communeCode: form.communeCode,
      city: form.city,
    },
    phone: form.phone,
    email: form.email,
    website: optional(form.website),
    description: optional(form.description),
    activities: form.activities.filter((a) => a.modes.length > 0),
    regime: {
      declaration: registration('declaration'),
      agrement: registration('agrement'),
      autorisation: registration('autorisation'),
    },
    publics: form.publics,
    openingHours: form.openingHours,
    prices: form.prices.map((p, i) => {
      const cents = eurosToCents(p.euros);
      if (cents === null)
        amountErrors.push({
          field: `prices.${i}.priceTtcCents`,
          message: 'Indiquez un prix en euros, par exemple 24,50.',
        });
      return {
        activityCode: p.activityCode,
        mode: p.mode,
        unit: p.unit,
        priceTtcCents: cents ?? 0,
        label: optional(p.label),
      };
    }),
    labels: form.labels
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean),
    communesServed: form.communesServed,
    acceptingNewClients: form.acceptingNewClients,
  } as OrganisationProfileInput;
  return { input, amountErrors };
}

/** Client-side check with the server's own schema: the same French messages, before any request. */
export function validate(form: ProfileForm): FieldError[] {
  const { input, amountErrors } = inputOf(form);
  const result = organisationProfileSchema.safeParse(input);
  const fields = result.success
    ? []
    : result.error.issues.map((issue) => ({
        field: issue.path.map(String).join('.') || 'profil',
        message: issue.message,
      }));
  const seen = new Set<string>();
  return [...amountErrors, ...fields.filter((f) => !amountErrors.some((a) => a.field === f.field))].filter(
    (f) => {
      const key = f.field + f.message;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    },
  );
}

export const activityName = (code: string) => (isActivityCode(code) ? getActivity(code).name : code);

const STATIC_LABELS: Record<string, string> = {
  name: 'Raison sociale',
  siret: 'SIRET',
  legalForm: 'Forme juridique',
  'address.street': 'Adresse',
  'address.complement': 'Complément d’adresse',
  'address.postalCode': 'Code postal',
  'address.communeCode': 'Commune',
  'address.city': 'Commune',
  phone: 'Téléphone',
  email: 'E-mail de contact',
  website: 'Site internet',
  description: 'Présentation',
  activities: 'Activités',
  publics: 'Publics accompagnés',
  openingHours: 'Horaires',
  prices: 'Tarifs',
  labels: 'Labels qualité',
  communesServed: 'Communes desservies',
  acceptingNewClients: 'Nouveaux clients',
  'regime.declaration': 'Déclaration',
  'regime.agrement': 'Agrément',
  'regime.autorisation': 'Autorisation',
};

export function labelOfField(field: string, form: ProfileForm): string {
  if (STATIC_LABELS[field]) return STATIC_LABELS[field];
  const parts = field.split('.');
  if (parts[0] === 'regime' && parts[1]) {
    const what =
      { number: 'numéro', date: 'date d’obtention', expiresOn: 'date de fin', departement: 'département' }[
        parts[2] ?? ''
      ] ?? parts[2];
    return `${STATIC_LABELS[`regime.${parts[1]}`] ?? parts[1]} : ${what}`;
  }
  if (parts[0] === 'prices' && parts[1]) {
    const price = form.prices[Number(parts[1])];
    return price
      ? `Tarif ${Number(parts[1]) + 1} (${activityName(price.activityCode)}, ${MODE_INFO[price.mode].label})`
      : `Tarif ${Number(parts[1]) + 1}`;
  }
  if (parts[0] === 'openingHours' && parts[1]) return `Horaire ${Number(parts[1]) + 1}`;
  if (parts[0] === 'activities' && parts[1]) return `Activité ${Number(parts[1]) + 1}`;
  return STATIC_LABELS[parts[0] ?? ''] ?? field;
}
