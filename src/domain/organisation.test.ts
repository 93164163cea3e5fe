import { describe, expect, it } from 'vitest';
import { ACTIVITY_CODES } from './activities';
import {
  isCaeExemptBySize,
  MODE_INFO,
  MODES,
  PUBLICS,
  PUBLIC_LABELS,
  requiredRegime,
  type Mode,
  type Public,
} from './organisation';

describe('requiredRegime (SAP-REFERENCE §1.2)', () => {
  it.each<[string, Public, Mode, string[], boolean]>([
    // childcare < 3: agrément in prestataire and mandataire
    ['garde-enfants-moins-3-ans', 'enfants_moins_3_ans', 'prestataire', ['agrement'], true],
    ['garde-enfants-moins-3-ans', 'enfants_moins_3_ans', 'mandataire', ['agrement'], true],
    ['accompagnement-enfants-moins-3-ans', 'enfants_handicapes', 'mandataire', ['agrement'], true],
    // elderly / disabled: autorisation in prestataire, agrément in mandataire
    ['assistance-personnes-agees-handicapees', 'personnes_agees', 'prestataire', ['autorisation'], true],
    ['assistance-personnes-agees-handicapees', 'personnes_handicapees', 'mandataire', ['agrement'], true],
    ['conduite-vehicule-personnes-dependantes', 'personnes_agees', 'prestataire', ['autorisation'], true],
    [
      'accompagnement-personnes-dependantes',
      'personnes_pathologies_chroniques',
      'mandataire',
      ['agrement'],
      true,
    ],
    // part II: déclaration only (optional, needed for tax advantages)
    ['entretien-maison', 'tout_public', 'prestataire', [], true],
    ['entretien-maison', 'personnes_agees', 'prestataire', [], true],
    ['petits-travaux-jardinage', 'tout_public', 'mandataire', [], true],
    // emploi direct: nothing
    ['assistance-personnes-agees-handicapees', 'personnes_agees', 'emploi_direct', [], false],
    ['garde-enfants-moins-3-ans', 'enfants_moins_3_ans', 'emploi_direct', [], false],
  ])('%s for %s in %s mode needs %j', (code, pub, mode, mandatory, declaration) => {
    const r = requiredRegime(code as (typeof ACTIVITY_CODES)[number], pub, mode);
    expect(r.mandatory).toEqual(mandatory);
    expect(r.declarationForTaxAdvantages).toBe(declaration);
    expect(r.explanation.length).toBeGreaterThan(20);
  });

  it('treats childcare of a child under 3 sold as II-4 as the I-1 activity, under agrément', () => {
    const r = requiredRegime('garde-enfants-plus-3-ans', 'enfants_moins_3_ans', 'prestataire');
    expect(r.activityCode).toBe('garde-enfants-moins-3-ans');
    expect(r.mandatory).toEqual(['agrement']);
    const child = requiredRegime('accompagnement-enfants-plus-3-ans', 'enfants_handicapes', 'mandataire');
    expect(child.activityCode).toBe('accompagnement-enfants-moins-3-ans');
  });

  it('warns about the unconfirmed extra autorisation for disabled children in prestataire (⚠️)', () => {
    expect(
      requiredRegime('garde-enfants-moins-3-ans', 'enfants_handicapes', 'prestataire').caveats,
    ).toHaveLength(1);
    expect(
      requiredRegime('garde-enfants-moins-3-ans', 'enfants_moins_3_ans', 'prestataire').caveats,
    ).toHaveLength(0);
  });

  it('answers for every activity, public and mode', () => {
    for (const code of ACTIVITY_CODES)
      for (const pub of PUBLICS)
        for (const mode of MODES) expect(() => requiredRegime(code, pub, mode)).not.toThrow();
  });
});

describe('labels', () => {
  it('has French labels for every mode and public', () => {
    for (const mode of MODES) expect(MODE_INFO[mode].label).toMatch(/^[A-ZÉ]/);
    for (const pub of PUBLICS) expect(PUBLIC_LABELS[pub]).toMatch(/^[A-ZÉ]/);
  });
});

describe('isCaeExemptBySize (décret 2024-851, §1.4)', () => {
  it.each([
    [5, 100_000_00, 30_000_00, true, true],
    [5, 100_000_00, 30_000_01, true, false],
    [11, 100_000_00, 10_000_00, true, false],
    [2, 100_000_00, 10_000_00, false, false],
  ])(
    '%i employees, turnover %i, accessory %i, separate accounts %s → %s',
    (employees, total, accessory, separate, expected) => {
      expect(
        isCaeExemptBySize({
          employees,
          previousYearTurnoverCents: total,
          previousYearAccessoryTurnoverCents: accessory,
          keepsSeparateAccounts: separate,
        }),
      ).toBe(expected);
    },
  );
});
