import { describe, expect, it } from 'vitest';
import { readSearchState, searchParamsOf, type Commune } from './directory-api';
import { placeTextOf, resolvePlace } from './geography';
import { formOf, inputOf, validate } from './profile-form';

const communes: Commune[] = [
  { code: '45302', name: 'Saran', postalCodes: ['45770'], latitude: 47.95, longitude: 1.87 },
  { code: '45284', name: 'Saint-Jean-de-Braye', postalCodes: ['45800'], latitude: 47.91, longitude: 1.97 },
  { code: '45234', name: 'Orléans', postalCodes: ['45000', '45100'], latitude: 47.9, longitude: 1.9 },
];

describe('search state in the URL', () => {
  it('survives a round trip through the query, with several values per facet', () => {
    const query = new URLSearchParams(
      'q=aide+ménagère&commune=45302&radiusKm=10&mode=prestataire&public=personnes_agees&public=tout_public&accepting=true&sort=distance&page=3',
    );
    const state = readSearchState(query);
    expect(state).toMatchObject({
      q: 'aide ménagère',
      commune: '45302',
      radiusKm: 10,
      mode: ['prestataire'],
      public: ['personnes_agees', 'tout_public'],
      accepting: true,
      sort: 'distance',
      page: 3,
    });
    expect(readSearchState(searchParamsOf(state))).toEqual(state);
  });

  it('leaves the defaults out of the query and ignores values it does not know', () => {
    const state = readSearchState(new URLSearchParams('radiusKm=7&sort=price&page=-2'));
    expect(state).toMatchObject({ radiusKm: 0, sort: 'relevance', page: 1 });
    expect(searchParamsOf(state).toString()).toBe('');
  });
});

describe('the place field', () => {
  it.each([
    ['Saran', { commune: '45302', postalCode: '' }],
    ['saran', { commune: '45302', postalCode: '' }],
    ['Orleans', { commune: '45234', postalCode: '' }],
    ['saint jean de braye', { commune: '45284', postalCode: '' }],
    ['Saran (45770)', { commune: '45302', postalCode: '' }],
    ['45100', { commune: '', postalCode: '45100' }],
    ['45302', { commune: '45302', postalCode: '' }],
  ])('reads « %s » as a commune or a postal code of the territory', (typed, expected) => {
    expect(resolvePlace(typed, communes)).toEqual(expected);
  });

  it.each(['Sar', '75001', 'Paris', ''])('does not guess from « %s »', (typed) => {
    expect(resolvePlace(typed, communes)).toBeNull();
  });

  it('shows the commune’s name for its code', () => {
    expect(placeTextOf({ commune: '45234', postalCode: '' }, communes)).toBe('Orléans');
    expect(placeTextOf({ commune: '', postalCode: '45770' }, communes)).toBe('45770');
  });
});

describe('the profile form', () => {
  const profile = {
    id: 'org-1',
    name: 'Aide Loire',
    siret: '44306184100047',
    legalForm: 'association' as const,
    address: { street: '12 rue du Parc', postalCode: '45770', communeCode: '45302', city: 'Saran' },
    phone: '02 38 11 22 33',
    email: 'contact@aide-loire.example',
    activities: [{ activityCode: 'entretien-maison' as const, modes: ['prestataire' as const] }],
    regime: {
      declaration: { number: 'SAP443061841', date: '2020-01-15' },
      agrement: null,
      autorisation: null,
    },
    publics: ['tout_public' as const],
    openingHours: [{ day: 'lundi' as const, opens: '09:00', closes: '12:00' }],
    prices: [
      {
        activityCode: 'entretien-maison' as const,
        mode: 'prestataire' as const,
        unit: 'heure' as const,
        priceTtcCents: 2450,
      },
    ],
    labels: ['Qualisap'],
    communesServed: ['45302'],
    acceptingNewClients: true,
  };

  it('gives back the profile it was given when nothing is changed', () => {
    const form = formOf(profile);
    expect(form.prices[0]!.euros).toBe('24,50');
    expect(validate(form)).toEqual([]);
    const { input } = inputOf(form);
    expect(input.prices).toEqual([
      {
        activityCode: 'entretien-maison',
        mode: 'prestataire',
        unit: 'heure',
        priceTtcCents: 2450,
        label: undefined,
      },
    ]);
    expect(input.regime).toEqual({
      declaration: { number: 'SAP443061841', date: '2020-01-15' },
      agrement: null,
      autorisation: null,
    });
  });

  it('names the field at fault with the schema’s French message', () => {
    const form = { ...formOf(profile), postalCode: '75001' };
    expect(validate(form)).toContainEqual({
      field: 'address.postalCode',
      message: 'Le code postal 75001 ne correspond pas au département de la commune choisie.',
    });
  });

  it('reads amounts typed the French way and flags the others', () => {
    const form = formOf(profile);
    expect(
      inputOf({ ...form, prices: [{ ...form.prices[0]!, euros: '31,9' }] }).input.prices?.[0]?.priceTtcCents,
    ).toBe(3190);
    expect(validate({ ...form, prices: [{ ...form.prices[0]!, euros: 'trente' }] })).toEqual([
      { field: 'prices.0.priceTtcCents', message: 'Indiquez un prix en euros, par exemple 24,50.' },
    ]);
  });

  it('asks for the autorisation when elderly care is offered in prestataire mode', () => {
    const form = formOf({
      ...profile,
      activities: [
        { activityCode: 'assistance-personnes-agees-handicapees' as never, modes: ['prestataire'] },
      ],
      prices: [],
    });
    expect(validate(form).map((f) => f.field)).toContain('regime.autorisation');
  });
});
