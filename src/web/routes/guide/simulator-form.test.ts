import { describe, expect, it } from 'vitest';
import { simulateHouseholdCost } from '../../../domain/simulator';
import {
  INITIAL_FORM,
  SIMULATOR_PRESETS,
  applyPrefill,
  applyPreset,
  buildSimulatorInput,
  centsToEurosInput,
  fieldLabels,
  formSnapshot,
  hasPrefill,
  newLine,
  parseDecimalFr,
  parseEurosToCents,
  pickOrganisationPrice,
  readPrefill,
  type SimulatorFormState,
} from './simulator-form';

const preset = (id: string) => {
  const found = SIMULATOR_PRESETS.find((p) => p.id === id);
  if (!found) throw new Error(id);
  return found;
};

const retiredCouple = (hours: string, price: string): SimulatorFormState => ({
  ...applyPreset(INITIAL_FORM, preset('couple-retraites')),
  lines: [{ ...newLine('a'), hours, price }],
});

describe('parsing what is typed', () => {
  it.each([
    ['10', 10],
    ['2,5', 2.5],
    ['2.5', 2.5],
    [' 1 234,50 ', 1234.5],
    ['-3', -3],
    ['', null],
    ['   ', null],
  ])('reads « %s » as %s', (text, expected) => {
    expect(parseDecimalFr(text)).toBe(expected);
  });

  it.each(['dix', '10h', '1,2,3', '--1'])('reads « %s » as not a number', (text) => {
    expect(parseDecimalFr(text)).toBeNaN();
  });

  it('turns euros into cents, rounded to the cent, and back', () => {
    expect(parseEurosToCents('25')).toBe(2500);
    expect(parseEurosToCents('23,50')).toBe(2350);
    expect(parseEurosToCents('19,999')).toBe(2000);
    expect(parseEurosToCents('')).toBeNull();
    expect(centsToEurosInput(2500)).toBe('25');
    expect(centsToEurosInput(2350)).toBe('23,50');
    expect(centsToEurosInput(2305)).toBe('23,05');
  });
});

describe('buildSimulatorInput', () => {
  it('builds the retired couple of the reference: 10 h at 25 € cost 125 € a month after the credit', () => {
    const built = buildSimulatorInput(retiredCouple('10', '25'));
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.input.lines).toEqual([
      { activityCode: 'entretien-maison', mode: 'prestataire', hoursPerMonth: 10, hourlyPriceCents: 2500 },
    ]);
    expect(built.input.household).toMatchObject({
      membersOver65: 2,
      dependentChildren: 0,
      invalidity: false,
    });
    expect(built.input.dependentPerson).toBeNull();
    const result = simulateHouseholdCost(built.input);
    expect(result.monthly.netCostCents).toBe(12_500);
    expect(result.monthly.paidNowCents).toBe(12_500);
  });

  it('gives a French error on a negative number of hours, keyed like the field', () => {
    const built = buildSimulatorInput(retiredCouple('-3', '25'));
    expect(built).toEqual({
      ok: false,
      fields: [{ field: 'lines.0.hoursPerMonth', message: "Le nombre d'heures ne peut pas être négatif." }],
    });
  });

  it('asks for the hours and the price when they are blank, and for digits when they are words', () => {
    const built = buildSimulatorInput(retiredCouple('', 'vingt'));
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.fields).toEqual([
      { field: 'lines.0.hoursPerMonth', message: "Indiquez le nombre d'heures par mois." },
      { field: 'lines.0.hourlyPriceCents', message: 'Le prix s’écrit en chiffres, par exemple 25 ou 23,50.' },
    ]);
  });

  it('reports schema errors on the household (a negative count, half a child) in French', () => {
    const built = buildSimulatorInput({
      ...retiredCouple('10', '25'),
      dependentChildren: '1,5',
      membersOver65: '-1',
    });
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.fields.map((f) => f.field).sort()).toEqual([
      'household.dependentChildren',
      'household.membersOver65',
    ]);
    for (const f of built.fields) expect(f.message).toMatch(/nombre/);
  });

  it('says plainly when an age is too high (the schema would only say « whole number »)', () => {
    const form = { ...retiredCouple('10', '25'), hasDependentPerson: true, gir: '3', ageYears: '200' };
    const built = buildSimulatorInput(form);
    expect(built).toEqual({
      ok: false,
      fields: [{ field: 'dependentPerson.ageYears', message: 'Cet âge est trop élevé : vérifiez-le.' }],
    });
    const half = buildSimulatorInput({ ...form, ageYears: '80,5' });
    expect(half.ok ? [] : half.fields.map((f) => f.message)).toEqual([
      "L'âge doit être un nombre entier d'années.",
    ]);
  });

  it('reads blank household counts as 0', () => {
    const built = buildSimulatorInput({
      ...retiredCouple('10', '25'),
      dependentChildren: '',
      membersOver65: '',
    });
    expect(built.ok && built.input.household).toMatchObject({ dependentChildren: 0, membersOver65: 0 });
  });

  it('builds the dependent person with the APA plan and resources in cents', () => {
    const form: SimulatorFormState = {
      ...applyPreset(INITIAL_FORM, preset('personne-dependante')),
      lines: [{ ...newLine('a', 'assistance-personnes-agees-handicapees'), hours: '20', price: '25' }],
      apaPlan: '400',
      monthlyIncome: '',
    };
    const built = buildSimulatorInput(form);
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.input.dependentPerson).toEqual({ gir: 3, ageYears: 82, apaPlanMonthlyCents: 40_000 });
    const result = simulateHouseholdCost(built.input);
    expect(result.monthly.apaCents).toBe(40_000);
  });

  it('does not send the dependent person when the box is not ticked', () => {
    const built = buildSimulatorInput({ ...retiredCouple('10', '25'), gir: '3', apaPlan: '400' });
    expect(built.ok && built.input.dependentPerson).toBeNull();
  });

  it('names every field in French for the error summary', () => {
    const labels = fieldLabels({ ...INITIAL_FORM, lines: [newLine('a'), newLine('b')] });
    expect(labels['lines.1.hoursPerMonth']).toBe('Heures par mois (service 2)');
    expect(fieldLabels(INITIAL_FORM)['lines.0.hourlyPriceCents']).toBe('Prix de l’heure');
  });
});

describe('presets', () => {
  it('fill the situation and keep the services as typed', () => {
    const typed = retiredCouple('7', '30');
    const parent = applyPreset(typed, preset('parent-isole'));
    expect(parent).toMatchObject({ dependentChildren: '2', membersOver65: '0', hasDependentPerson: false });
    expect(parent.lines).toEqual(typed.lines);
    expect(applyPreset(typed, preset('personne-dependante'))).toMatchObject({
      hasDependentPerson: true,
      gir: '3',
    });
  });
});

describe('URL prefill', () => {
  it('reads the activity, provider, price in cents and mode, ignoring what is not valid', () => {
    expect(
      readPrefill(
        new URLSearchParams('activite=petit-bricolage&prix=3200&mode=mandataire&organisation=org-42'),
      ),
    ).toEqual({
      activityCode: 'petit-bricolage',
      organisationId: 'org-42',
      priceCents: 3200,
      mode: 'mandataire',
    });
    const junk = readPrefill(new URLSearchParams('activite=menage&prix=-5&mode=salarie&organisation=<x>'));
    expect(junk).toEqual({ activityCode: null, organisationId: null, priceCents: null, mode: null });
    expect(hasPrefill(junk)).toBe(false);
  });

  it('applies to the first service and remembers the search so a reload does not apply it again', () => {
    const form = applyPrefill(
      INITIAL_FORM,
      { activityCode: 'petits-travaux-jardinage', organisationId: null, priceCents: 2850, mode: null },
      '?activite=petits-travaux-jardinage&prix=2850',
    );
    expect(form.lines[0]).toMatchObject({
      activityCode: 'petits-travaux-jardinage',
      price: '28,50',
      mode: 'prestataire',
    });
    expect(form.appliedSearch).toBe('?activite=petits-travaux-jardinage&prix=2850');
  });
});

describe('pickOrganisationPrice', () => {
  const organisation = {
    name: 'Aide Loire',
    activities: [
      {
        code: 'entretien-maison',
        prices: [
          { mode: 'mandataire', unit: 'heure', priceTtcCents: 1900 },
          { mode: 'prestataire', unit: 'forfait', priceTtcCents: 9000 },
          { mode: 'prestataire', unit: 'heure', priceTtcCents: 2600 },
        ],
      },
      { code: 'petit-bricolage', prices: [{ mode: 'prestataire', unit: 'forfait', priceTtcCents: 4000 }] },
    ],
  };

  it('takes the hourly price of the activity in the mode asked', () => {
    expect(pickOrganisationPrice(organisation, 'entretien-maison', 'mandataire')).toEqual({
      activityCode: 'entretien-maison',
      mode: 'mandataire',
      priceCents: 1900,
    });
  });

  it('prefers the prestataire hourly price without a mode, and the first priced activity without an activity', () => {
    expect(pickOrganisationPrice(organisation, 'entretien-maison', null)?.priceCents).toBe(2600);
    expect(pickOrganisationPrice(organisation, null, null)?.activityCode).toBe('entretien-maison');
  });

  it('gives nothing when there is no hourly price (flat prices only, or the activity is not offered)', () => {
    expect(pickOrganisationPrice(organisation, 'petit-bricolage', null)).toBeNull();
    expect(pickOrganisationPrice(organisation, 'assistance-informatique', null)).toBeNull();
    expect(pickOrganisationPrice(organisation, 'entretien-maison', 'emploi_direct')).toBeNull();
  });
});

describe('formSnapshot', () => {
  it('changes with what the result depends on, not with keys, price provider or bookkeeping', () => {
    const form = retiredCouple('10', '25');
    const same = {
      ...form,
      appliedSearch: '?activite=entretien-maison',
      isResultShown: true,
      lines: form.lines.map((l) => ({
        ...l,
        key: 'other',
        priceSource: { organisationId: 'x', organisationName: 'X' },
      })),
    };
    expect(formSnapshot(same)).toBe(formSnapshot(form));
    expect(formSnapshot({ ...form, membersOver65: '1' })).not.toBe(formSnapshot(form));
    expect(formSnapshot(retiredCouple('11', '25'))).not.toBe(formSnapshot(form));
  });
});
