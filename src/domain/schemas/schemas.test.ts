import { describe, expect, it } from 'vitest';
import { simulateHouseholdCost } from '../simulator';
import { organisationProfileSchema, type OrganisationProfileInput } from './organisation';
import { simulatorInputSchema } from './simulator';

const profile: OrganisationProfileInput = {
  name: 'Aide et Vie Orléans',
  siret: '883 621 948 00016',
  legalForm: 'association',
  address: { street: '12 rue Jeanne d’Arc', postalCode: '45000', communeCode: '45234', city: 'Orléans' },
  phone: '+33 2 38 12 34 56',
  email: ' Contact@AideEtVie.fr ',
  activities: [
    { activityCode: 'entretien-maison', modes: ['prestataire', 'mandataire'] },
    { activityCode: 'assistance-personnes-agees-handicapees', modes: ['prestataire'] },
  ],
  regime: {
    declaration: { number: 'SAP883621948', date: '2020-03-01' },
    autorisation: { number: 'AUT-45-2021-07', date: '2021-07-01', departement: '45' },
  },
  publics: ['tout_public', 'personnes_agees'],
  openingHours: [
    { day: 'lundi', opens: '08:30', closes: '12:00' },
    { day: 'lundi', opens: '13:30', closes: '17:30' },
  ],
  prices: [{ activityCode: 'entretien-maison', mode: 'prestataire', unit: 'heure', priceTtcCents: 26_50 }],
  labels: ['Qualisap'],
  acceptingNewClients: true,
};

function messages(input: unknown): Record<string, string> {
  const r = organisationProfileSchema.safeParse(input);
  if (r.success) return {};
  return Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]));
}

describe('organisationProfileSchema', () => {
  it('accepts a complete profile and normalises SIRET, phone and e-mail', () => {
    const r = organisationProfileSchema.parse(profile);
    expect(r.siret).toBe('88362194800016');
    expect(r.phone).toBe('0238123456');
    expect(r.email).toBe('contact@aideetvie.fr');
    expect(r.regime.agrement).toBeNull();
    expect(r.communesServed).toEqual([]);
  });

  it.each<[string, (p: OrganisationProfileInput) => unknown, string, RegExp]>([
    ['a bad SIRET key', (p) => ({ ...p, siret: '88362194800017' }), 'siret', /SIRET n'est pas valide/],
    [
      'a postal code of another département',
      (p) => ({ ...p, address: { ...p.address, postalCode: '41000' } }),
      'address.postalCode',
      /ne correspond pas/,
    ],
    ['a foreign phone number', (p) => ({ ...p, phone: '+44 20 7946 0958' }), 'phone', /numéro français/],
    ['a bad e-mail', (p) => ({ ...p, email: 'contact@' }), 'email', /e-mail n'est pas valide/],
    ['no activity', (p) => ({ ...p, activities: [] }), 'activities', /au moins une activité/],
    [
      'an unknown activity',
      (p) => ({ ...p, activities: [{ activityCode: 'plomberie', modes: ['prestataire'] }] }),
      'activities.0.activityCode',
      /liste officielle/,
    ],
    [
      'assistance to elderly people in prestataire mode without autorisation (§1.2)',
      (p) => ({ ...p, regime: { declaration: p.regime.declaration } }),
      'regime.autorisation',
      /exige l'autorisation/,
    ],
    [
      'assistance in mandataire mode without agrément (§1.2)',
      (p) => ({
        ...p,
        activities: [{ activityCode: 'assistance-personnes-agees-handicapees', modes: ['mandataire'] }],
        prices: [],
      }),
      'regime.agrement',
      /exige l'agrément/,
    ],
    [
      'childcare after school offered to children under 3 without agrément',
      (p) => ({
        ...p,
        activities: [{ activityCode: 'garde-enfants-plus-3-ans', modes: ['prestataire'] }],
        publics: ['enfants_moins_3_ans'],
        prices: [],
      }),
      'regime.agrement',
      /exige l'agrément/,
    ],
    [
      'a price for an activity not offered',
      (p) => ({
        ...p,
        prices: [
          { activityCode: 'petit-bricolage', mode: 'prestataire', unit: 'heure', priceTtcCents: 30_00 },
        ],
      }),
      'prices.0.activityCode',
      /ne propose pas/,
    ],
    [
      'a negative price',
      (p) => ({
        ...p,
        prices: [{ activityCode: 'entretien-maison', mode: 'prestataire', unit: 'heure', priceTtcCents: -1 }],
      }),
      'prices.0.priceTtcCents',
      /négatif/,
    ],
    [
      'closing before opening',
      (p) => ({ ...p, openingHours: [{ day: 'mardi', opens: '17:00', closes: '09:00' }] }),
      'openingHours.0.closes',
      /fermeture/,
    ],
    [
      'overlapping slots',
      (p) => ({
        ...p,
        openingHours: [
          { day: 'mardi', opens: '08:00', closes: '12:00' },
          { day: 'mardi', opens: '11:00', closes: '14:00' },
        ],
      }),
      'openingHours.1',
      /chevauchent/,
    ],
    [
      'a missing acceptingNewClients',
      (p) => ({ ...p, acceptingNewClients: undefined }),
      'acceptingNewClients',
      /nouveaux clients/,
    ],
  ])('refuses %s with a French message', (_name, change, path, message) => {
    const found = messages(change(profile));
    expect(Object.keys(found)).toContain(path);
    expect(found[path]).toMatch(message);
  });

  it('falls back on zod’s French messages', () => {
    const found = messages({ ...profile, name: 42 });
    expect(found.name).toMatch(/raison sociale est obligatoire/);
    const r = organisationProfileSchema.safeParse({ ...profile, labels: 'x' });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues[0]!.message).toMatch(/attendu/);
  });
});

describe('simulatorInputSchema', () => {
  const input = {
    lines: [
      { activityCode: 'entretien-maison', hoursPerMonth: 10, hourlyPriceCents: 2500, mode: 'prestataire' },
    ],
    household: {
      dependentChildren: 0,
      membersOver65: 2,
      invalidity: false,
      firstYearDirectEmployment: false,
    },
  };

  it('accepts a valid input that the simulator can run', () => {
    const parsed = simulatorInputSchema.parse(input);
    expect(simulateHouseholdCost(parsed).yearly.taxCreditCents).toBe(1_500_00);
  });

  it.each<[string, unknown, string, RegExp]>([
    ['no line', { ...input, lines: [] }, 'lines', /au moins un service/],
    [
      'negative hours',
      { ...input, lines: [{ ...input.lines[0], hoursPerMonth: -1 }] },
      'lines.0.hoursPerMonth',
      /négatif/,
    ],
    [
      'a price in euros with decimals',
      { ...input, lines: [{ ...input.lines[0], hourlyPriceCents: 25.5 }] },
      'lines.0.hourlyPriceCents',
      /centimes/,
    ],
    ['a GIR 7', { ...input, dependentPerson: { gir: 7 } }, 'dependentPerson.gir', /GIR/],
    [
      'an unknown mode',
      { ...input, lines: [{ ...input.lines[0], mode: 'freelance' }] },
      'lines.0.mode',
      /mode d'intervention/,
    ],
    ['a year without APA scale', { ...input, year: 2019 }, 'year', /2024 ou 2025/],
  ])('refuses %s', (_name, bad, path, message) => {
    const r = simulatorInputSchema.safeParse(bad);
    expect(r.success).toBe(false);
    if (!r.success) {
      const issue = r.error.issues.find((i) => i.path.join('.') === path);
      expect(issue?.message).toMatch(message);
    }
  });
});
