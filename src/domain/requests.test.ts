import { describe, expect, it } from 'vitest';
import {
  ageBracket,
  checkQuote,
  compareQuotes,
  computeFit,
  decideRouting,
  formatQuoteNumber,
  hoursPerMonthOf,
  publicOfPerson,
  quoteTotals,
  regimesRequired,
  summariseNotRouted,
  type ComparableQuote,
  type RoutingCandidate,
  type RoutingNeed,
} from './requests';
import { serviceRequestCreateSchema, quoteCreateSchema } from './schemas/requests';

const need: RoutingNeed = {
  activityCodes: ['assistance-personnes-agees-handicapees'],
  mode: 'prestataire',
  communeCode: '45284',
  communeName: 'Saint-Jean-de-Braye',
  public: 'personnes_agees',
  today: '2026-11-22',
};

const candidate = (patch: Partial<RoutingCandidate> = {}): RoutingCandidate => ({
  organisationId: 'org-1',
  name: 'Aide Loire',
  isAcceptingClients: true,
  activities: [{ activityCode: 'assistance-personnes-agees-handicapees', mode: 'prestataire' }],
  communeCodes: ['45284', '45234'],
  regimes: [
    { kind: 'declaration', startsOn: '2019-01-01', endsOn: null },
    { kind: 'autorisation', startsOn: '2019-01-01', endsOn: '2034-01-01' },
  ],
  roomHoursPerWeek: 12,
  ...patch,
});

describe('publicOfPerson: the §1.2 public of the person helped', () => {
  it.each([
    [{ kind: 'elderly', birthYear: 1945, gir: 3 }, 'personnes_agees'],
    [{ kind: 'child', birthYear: 2025, gir: null }, 'enfants_moins_3_ans'],
    [{ kind: 'child', birthYear: 2018, gir: null }, 'tout_public'],
    [{ kind: 'disabled', birthYear: 2015, gir: null }, 'enfants_handicapes'],
    [{ kind: 'disabled', birthYear: 1980, gir: null }, 'personnes_handicapees'],
    [{ kind: 'adult', birthYear: 1990, gir: null }, 'tout_public'],
    [{ kind: 'adult', birthYear: 1950, gir: 2 }, 'personnes_agees'],
  ] as const)('%o → %s', (person, expected) => {
    expect(publicOfPerson(person, 2026)).toBe(expected);
  });

  it('shows an age bracket, not the birth year', () => {
    expect(ageBracket(1945, 2026)).toBe('75 à 84 ans');
    expect(ageBracket(null, 2026)).toBe('âge non précisé');
  });
});

describe('decideRouting: who receives a request, and why', () => {
  it('routes a provider offering the activity in the mode, serving the commune, authorised, accepting, with room', () => {
    const d = decideRouting(need, candidate());
    expect(d.isRouted).toBe(true);
    expect(d.reason).toContain('Saint-Jean-de-Braye');
    expect(d.reason).toContain("l'autorisation");
    expect(d.reason).toContain('12 h');
  });

  it.each([
    [
      'activity_mode',
      { activities: [{ activityCode: 'assistance-personnes-agees-handicapees', mode: 'mandataire' }] },
    ],
    ['commune', { communeCodes: ['45234'] }],
    ['regime', { regimes: [{ kind: 'declaration', startsOn: null, endsOn: null }] }],
    ['regime', { regimes: [{ kind: 'autorisation', startsOn: '2010-01-01', endsOn: '2025-01-01' }] }],
    ['not_accepting', { isAcceptingClients: false }],
    ['no_capacity', { roomHoursPerWeek: 0 }],
    ['no_capacity', { roomHoursPerWeek: null }],
  ] as const)('refuses with the reason %s', (code, patch) => {
    const d = decideRouting(need, candidate(patch as Partial<RoutingCandidate>));
    expect(d.isRouted).toBe(false);
    expect(d.code).toBe(code);
    expect(d.reason.length).toBeGreaterThan(10);
  });

  it('asks the agrément, not the autorisation, in mandataire mode for an elderly person', () => {
    expect(regimesRequired({ ...need, mode: 'mandataire' })).toEqual(['agrement']);
    const agreed = candidate({
      activities: [{ activityCode: 'assistance-personnes-agees-handicapees', mode: 'mandataire' }],
      regimes: [{ kind: 'agrement', startsOn: null, endsOn: null }],
    });
    expect(decideRouting({ ...need, mode: 'mandataire' }, agreed).isRouted).toBe(true);
  });

  it('needs no agrément for housework for everyone, and an agrément for a child under 3', () => {
    const housework = {
      ...need,
      activityCodes: ['entretien-maison'] as const,
      public: 'tout_public' as const,
    };
    expect(regimesRequired(housework)).toEqual([]);
    const cleaner = candidate({
      activities: [{ activityCode: 'entretien-maison', mode: 'prestataire' }],
      regimes: [],
    });
    expect(decideRouting(housework, cleaner).isRouted).toBe(true);
    const baby = {
      ...need,
      activityCodes: ['garde-enfants-plus-3-ans'] as const,
      public: 'enfants_moins_3_ans' as const,
    };
    expect(regimesRequired(baby)).toEqual(['agrement']);
    // Childcare for a child under 3 is I-1: the provider must offer that activity.
    const nanny = candidate({
      activities: [{ activityCode: 'garde-enfants-plus-3-ans', mode: 'prestataire' }],
      regimes: [{ kind: 'agrement', startsOn: null, endsOn: null }],
    });
    expect(decideRouting(baby, nanny).code).toBe('activity_mode');
  });

  it('summarises the refusals by reason, with counts only', () => {
    const decisions = [
      decideRouting(need, candidate()),
      decideRouting(need, candidate({ communeCodes: [] })),
      decideRouting(need, candidate({ communeCodes: [] })),
    ];
    expect(summariseNotRouted(decisions)).toEqual([
      { code: 'commune', label: 'Ne dessert pas cette commune', count: 2 },
    ]);
  });
});

describe('computeFit: room near the place from workers and their planned hours', () => {
  const place = { latitude: 47.914, longitude: 1.971, communeCode: '45284' };
  it('counts skilled workers within 10 km, contract hours minus planned hours', () => {
    const fit = computeFit(
      [
        {
          id: 'a',
          skills: ['aide_toilette'],
          latitude: 47.91,
          longitude: 1.95,
          communeCode: '45284',
          contractHoursPerWeek: 35,
          plannedHours: 30,
        },
        {
          id: 'b',
          skills: ['menage'],
          latitude: 47.91,
          longitude: 1.95,
          communeCode: '45284',
          contractHoursPerWeek: 35,
          plannedHours: 0,
        },
        {
          id: 'c',
          skills: ['deaes'],
          latitude: 48.5,
          longitude: 2.5,
          communeCode: '75056',
          contractHoursPerWeek: 35,
          plannedHours: 0,
        },
        {
          id: 'd',
          skills: ['advf'],
          latitude: null,
          longitude: null,
          communeCode: '45284',
          contractHoursPerWeek: 24,
          plannedHours: 26,
        },
      ],
      place,
      ['assistance-personnes-agees-handicapees'],
    );
    expect(fit).toEqual({ nearbyWorkers: 3, skilledWorkers: 2, roomHoursPerWeek: 5 });
  });
});

describe('quotes: totals, contents, numbers', () => {
  const lines = [
    {
      activityCode: 'assistance-personnes-agees-handicapees',
      mode: 'prestataire',
      description: null,
      hourlyPriceTtcCents: 26_00,
      hourlyPriceHtCents: 24_64,
      hoursPerMonth: 21.67,
    },
  ] as const;

  it('gives the monthly TTC and HT amounts and the hourly price', () => {
    expect(quoteTotals(lines, [])).toEqual({
      monthlyTtcCents: 563_42,
      monthlyHtCents: 533_95,
      hourlyPriceTtcCents: 26_00,
    });
    expect(quoteTotals(lines, [{ label: 'Frais de dossier', amountTtcCents: 30_00 }]).monthlyTtcCents).toBe(
      593_42,
    );
  });

  it('finds nothing missing in a complete quote, and the registration number when there is none', () => {
    const context = {
      issuedOn: '2026-11-22',
      organisation: {
        name: 'Aide Loire',
        address: '1 rue X, 45000 Orléans',
        declarationNumber: 'SAP123456789',
        agrementNumber: null,
      },
      client: { name: 'Foyer Lefèvre', address: '45800 Saint-Jean-de-Braye' },
      mentions: [],
    };
    expect(checkQuote(lines, [], context)).toEqual([]);
    const missing = checkQuote(lines, [], {
      ...context,
      organisation: { ...context.organisation, declarationNumber: null },
    });
    expect(missing.map((m) => m.code)).toEqual(['registration_number']);
    const mandataire = checkQuote([{ ...lines[0], mode: 'mandataire' }], [], context);
    expect(mandataire.map((m) => m.code)).toEqual(['mandataire_warning']);
  });

  it('numbers quotes per year', () => {
    expect(formatQuoteNumber(2026, 12)).toBe('D-2026-000012');
  });
});

describe('compareQuotes: side by side through the simulator', () => {
  const quote = (id: string, name: string, priceCents: number): ComparableQuote => ({
    quoteId: id,
    organisationId: `org-${id}`,
    organisationName: name,
    qualityLabels: ['Cap Handéo'],
    lines: [
      {
        activityCode: 'assistance-personnes-agees-handicapees',
        mode: 'prestataire',
        description: null,
        hourlyPriceTtcCents: priceCents,
        hourlyPriceHtCents: priceCents,
        hoursPerMonth: 20,
      },
    ],
    monthlyTtcCents: priceCents * 20,
    hourlyPriceTtcCents: priceCents,
    firstAvailableOn: '2026-12-01',
    validUntil: '2026-12-31',
    workerProfile: { skills: ['deaes'], experienceYears: 5, description: null },
    status: 'sent',
  });
  const mother = {
    kind: 'elderly' as const,
    firstName: 'Jeanne',
    birthYear: 1944,
    gir: 3 as const,
    apa: { hasPlan: true, monthlyAmountCents: 300_00 },
  };

  it('puts the cheapest after APA and tax credit first, with the APA share and the credit', () => {
    const rows = compareQuotes(
      [quote('b', 'Bien Chez Soi', 30_00), quote('a', 'Aide Loire', 25_00)],
      mother,
      2026,
    );
    expect(rows.map((r) => r.organisationName)).toEqual(['Aide Loire', 'Bien Chez Soi']);
    expect(rows[0]!.isCheapest).toBe(true);
    expect(rows[0]!.monthlyTtcCents).toBe(500_00);
    expect(rows[0]!.monthlyApaCents).toBeGreaterThan(0);
    expect(rows[0]!.monthlyTaxCreditCents).toBeGreaterThan(0);
    expect(rows[0]!.monthlyNetCostCents).toBeLessThan(500_00 - rows[0]!.monthlyApaCents);
    expect(rows[0]!.summary).toMatch(/par mois, .* après APA et crédit d'impôt/);
  });

  it('without an APA plan, the net cost is half the price (tax credit)', () => {
    const rows = compareQuotes([quote('a', 'Aide Loire', 25_00)], { ...mother, apa: null }, 2026);
    expect(rows[0]!.monthlyApaCents).toBe(0);
    expect(rows[0]!.monthlyNetCostCents).toBe(250_00);
    expect(rows[0]!.isCheapest).toBe(false);
  });
});

describe('schemas: French messages', () => {
  const valid = {
    activityCodes: ['assistance-personnes-agees-handicapees'],
    person: {
      kind: 'elderly',
      firstName: 'Jeanne',
      birthYear: 1944,
      gir: 3,
      apa: { hasPlan: true, monthlyAmountCents: 30000 },
    },
    communeCode: '45284',
    addressLine: '3 rue des Lilas',
    postalCode: '45800',
    slots: [{ weekdays: [1, 2, 3, 4, 5], start: '08:30', durationMin: 60, toleranceMin: 30 }],
    startsOn: '2026-12-01',
    mode: 'prestataire',
  };
  it('accepts a complete need and computes its monthly hours', () => {
    const parsed = serviceRequestCreateSchema.parse(valid);
    expect(hoursPerMonthOf(parsed.slots)).toBe(21.67);
    expect(parsed.wishes).toBeNull();
  });
  it('refuses an APA plan with a GIR 5 and an activity given twice', () => {
    const result = serviceRequestCreateSchema.safeParse({
      ...valid,
      activityCodes: ['entretien-maison', 'entretien-maison'],
      person: { ...valid.person, gir: 5 },
    });
    expect(result.success).toBe(false);
    const messages = result.error!.issues.map((i) => i.message);
    expect(messages).toContain("L'APA est réservée aux GIR 1 à 4.");
    expect(messages).toContain('Une activité est choisie deux fois.');
  });
  it('refuses a quote whose HT price exceeds its TTC price', () => {
    const result = quoteCreateSchema.safeParse({
      lines: [
        {
          activityCode: 'entretien-maison',
          mode: 'prestataire',
          hourlyPriceTtcCents: 2000,
          hourlyPriceHtCents: 2500,
          hoursPerMonth: 10,
        },
      ],
      firstAvailableOn: '2026-12-01',
      validUntil: '2026-12-31',
      workerProfile: {},
    });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toBe('Le prix HT ne peut pas dépasser le prix TTC.');
  });
});
