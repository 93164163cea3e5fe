import { describe, expect, it } from 'vitest';
import { ACTIVITIES } from './activities';
import {
  CONVENTIONS_COLLECTIVES,
  findMetiersByRome,
  findMetiersForActivity,
  getMetier,
  METIERS,
  ROME_LABELS,
} from './metiers';

describe('métiers and ROME codes (SAP-REFERENCE §7.1)', () => {
  it.each([
    ['aide-a-domicile', 'K1304'],
    ['auxiliaire-de-vie-sociale', 'K1302'],
    ['assistant-de-vie-aux-familles', 'K1302'],
    ['garde-d-enfants-a-domicile', 'K1303'],
    ['tisf', 'K1305'],
    ['jardinier', 'A1203'],
    ['homme-toutes-mains', 'I1203'],
    ['assistance-informatique', 'I1401'],
    ['assistance-administrative', 'M1602'],
    ['livreur', 'N4105'],
    ['estheticienne-a-domicile', 'D1208'],
    ['aide-soignant', 'J1501'],
    ['soutien-scolaire', null],
    ['responsable-de-secteur', null],
  ])('%s → %s', (code, rome) => {
    expect(getMetier(code).romeCode).toBe(rome);
  });

  it('flags the mappings the reference marks ⚠️ or ❓', () => {
    expect(METIERS.filter((m) => !m.romeMappingConfirmed).map((m) => m.code)).toEqual([
      'homme-toutes-mains',
      'soutien-scolaire',
      'assistance-informatique',
      'assistance-administrative',
      'livreur',
      'responsable-de-secteur',
    ]);
  });

  it('labels every ROME code used by métiers and activities', () => {
    for (const m of METIERS) if (m.romeCode !== null) expect(ROME_LABELS[m.romeCode]).toBeDefined();
    for (const a of ACTIVITIES) if (a.romeHint !== null) expect(ROME_LABELS[a.romeHint]).toBeDefined();
  });

  it('finds métiers by activity and by ROME code', () => {
    expect(findMetiersForActivity('assistance-personnes-agees-handicapees').map((m) => m.code)).toContain(
      'auxiliaire-de-vie-sociale',
    );
    expect(findMetiersByRome('k1303').map((m) => m.code)).toEqual([
      'garde-d-enfants-a-domicile',
      'assistant-maternel',
    ]);
    expect(() => getMetier('astronaute')).toThrow(/Métier inconnu/);
  });

  it('lists the three collective agreements of §7.3, IDCC 3239 unconfirmed', () => {
    expect(CONVENTIONS_COLLECTIVES.map((c) => [c.idcc, c.confirmed])).toEqual([
      ['3127', true],
      ['2941', true],
      ['3239', false],
    ]);
  });
});
