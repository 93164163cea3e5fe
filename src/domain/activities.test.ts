import { describe, expect, it } from 'vitest';
import {
  ACTIVITIES,
  ACTIVITY_CODES,
  ACTIVITIES_WITH_UNCONFIRMED_VAT,
  findActivities,
  getActivity,
} from './activities';

// SAP-REFERENCE §1.3: the table of the 26 activities (article, regime, OG, cap, VAT, domain).
const REFERENCE_TABLE: ReadonlyArray<
  [
    article: string,
    reg: 'D' | 'AG' | 'AG·AU',
    og: boolean,
    capEuros: number | null,
    vatPercent: number | null,
    dom: string,
  ]
> = [
  ['I-1', 'AG', false, null, 10, 'famille'],
  ['I-2', 'AG', true, null, 10, 'famille'],
  ['I-3', 'AG·AU', false, null, 5.5, 'personnes_dependantes'],
  ['I-4', 'AG·AU', true, null, 5.5, 'personnes_dependantes'],
  ['I-5', 'AG·AU', true, null, 5.5, 'personnes_dependantes'],
  ['II-1', 'D', false, null, 10, 'vie_quotidienne'],
  ['II-2', 'D', false, 5000, 20, 'vie_quotidienne'],
  ['II-3', 'D', false, 500, 10, 'vie_quotidienne'],
  ['II-4', 'D', false, null, 10, 'famille'],
  ['II-5', 'D', false, null, 10, 'famille'],
  ['II-6', 'D', false, null, 10, 'personnes_dependantes'],
  ['II-7', 'D', false, null, 10, 'vie_quotidienne'],
  ['II-8', 'D', true, null, 10, 'vie_quotidienne'],
  ['II-9', 'D', true, null, 10, 'vie_quotidienne'],
  ['II-10', 'D', true, null, 10, 'vie_quotidienne'],
  ['II-11', 'D', false, 3000, 20, 'famille'],
  ['II-12', 'D', false, null, 10, 'personnes_dependantes'],
  ['II-13', 'D', false, null, 20, 'vie_quotidienne'],
  ['II-14', 'D', false, null, 10, 'famille'],
  ['II-15', 'D', true, null, 10, 'famille'],
  ['II-16', 'D', true, null, null, 'vie_quotidienne'],
  ['II-17', 'D', false, null, 5.5, 'personnes_dependantes'],
  ['II-18', 'D', true, null, null, 'personnes_dependantes'],
  ['II-19', 'D', true, null, null, 'personnes_dependantes'],
  ['II-20', 'D', false, null, null, 'personnes_dependantes'],
  ['II-21', 'D', false, null, 20, 'vie_quotidienne'],
];

describe('catalogue of D7231-1 activities', () => {
  it('has the 26 activities: 5 in part I and 21 in part II (§0, §1.1)', () => {
    expect(ACTIVITIES).toHaveLength(26);
    expect(ACTIVITY_CODES).toHaveLength(26);
    expect(ACTIVITIES.filter((a) => a.article.startsWith('I-'))).toHaveLength(5);
    expect(ACTIVITIES.filter((a) => a.article.startsWith('II-'))).toHaveLength(21);
    expect(new Set(ACTIVITIES.map((a) => a.code)).size).toBe(26);
  });

  it('numbers the activities 1 to 26 in the legal order', () => {
    expect(ACTIVITIES.map((a) => a.number)).toEqual(Array.from({ length: 26 }, (_, i) => i + 1));
    expect(ACTIVITIES.map((a) => a.article)).toEqual(REFERENCE_TABLE.map((row) => row[0]));
  });

  it.each(REFERENCE_TABLE)(
    '%s matches the reference table (regime %s, offre globale %s, cap %s €, VAT %s %%, %s)',
    (article, reg, og, cap, vat, dom) => {
      const a = getActivity(article);
      const expectedRegime =
        reg === 'D'
          ? { prestataire: 'declaration', mandataire: 'declaration' }
          : reg === 'AG'
            ? { prestataire: 'agrement', mandataire: 'agrement' }
            : { prestataire: 'autorisation', mandataire: 'agrement' };
      expect(a.regimeByMode).toEqual(expectedRegime);
      expect(a.offreGlobale).toBe(og);
      expect(a.taxSubCeilingCents).toBe(cap === null ? null : cap * 100);
      expect(a.vatRateBp).toBe(vat === null ? null : vat * 100);
      expect(a.domains[0]).toBe(dom);
    },
  );

  it('lists exactly the offre-globale activities of CGI 199 sexdecies (§1.3 notes)', () => {
    expect(ACTIVITIES.filter((a) => a.offreGlobale).map((a) => a.article)).toEqual([
      'I-2',
      'I-4',
      'I-5',
      'II-8',
      'II-9',
      'II-10',
      'II-15',
      'II-16',
      'II-18',
      'II-19',
    ]);
  });

  it('limits petit bricolage to 2 hours per intervention (D7233-5)', () => {
    expect(getActivity('petit-bricolage').maxInterventionMinutes).toBe(120);
    expect(ACTIVITIES.filter((a) => a.maxInterventionMinutes !== null)).toHaveLength(1);
  });

  it('marks beauty care and pet care as for dependent clients only (§1.3 notes)', () => {
    expect(ACTIVITIES.filter((a) => a.requiresDependentClient).map((a) => a.article)).toEqual([
      'II-6',
      'II-12',
    ]);
  });

  it('leaves the VAT rate empty where the reference does not confirm it (❓)', () => {
    expect(ACTIVITIES_WITH_UNCONFIRMED_VAT.map((c) => getActivity(c).article)).toEqual([
      'II-16',
      'II-18',
      'II-19',
      'II-20',
    ]);
    expect(getActivity('soutien-scolaire-cours').vatAlternative?.rateBp).toBe(2000);
  });

  it('has a French name, description and keywords for every activity', () => {
    for (const a of ACTIVITIES) {
      expect(a.name.length).toBeGreaterThan(5);
      expect(a.description.length).toBeGreaterThan(20);
      expect(a.keywords.length).toBeGreaterThan(2);
    }
  });
});

describe('getActivity', () => {
  it('finds by slug or by D7231-1 item', () => {
    expect(getActivity('entretien-maison').article).toBe('II-1');
    expect(getActivity('II-1').code).toBe('entretien-maison');
  });
  it('throws a French not_found error when missing', () => {
    expect(() => getActivity('plomberie')).toThrow(/Activité de services à la personne inconnue/);
    try {
      getActivity('plomberie');
    } catch (e) {
      expect((e as { code: string }).code).toBe('not_found');
    }
  });
});

describe('findActivities', () => {
  it.each([
    ['ménage', 'entretien-maison'],
    ['menage', 'entretien-maison'],
    ['aide ménagère', 'entretien-maison'],
    ['repassage', 'entretien-maison'],
    ['auxiliaire de vie', 'assistance-personnes-agees-handicapees'],
    ['aide à domicile', 'assistance-personnes-agees-handicapees'],
    ['tonte pelouse', 'petits-travaux-jardinage'],
    ['soutien scolaire', 'soutien-scolaire-cours'],
    ['téléalarme', 'teleassistance-visioassistance'],
    ['baby-sitting', 'garde-enfants-plus-3-ans'],
    ['ordinateur', 'assistance-informatique'],
  ])('finds « %s » → %s first or among the results', (text, code) => {
    const found = findActivities({ text }).map((a) => a.code);
    expect(found).toContain(code);
    if (text !== 'aide à domicile' && text !== 'baby-sitting') expect(found[0]).toBe(code);
  });

  it('returns nothing for an unrelated word', () => {
    expect(findActivities({ text: 'piscine' })).toEqual([]);
  });

  it('filters by domain, regime, part, offre globale and sub-ceiling', () => {
    expect(findActivities({ regime: 'autorisation' }).map((a) => a.article)).toEqual(['I-3', 'I-4', 'I-5']);
    expect(findActivities({ regime: 'agrement' })).toHaveLength(5);
    expect(findActivities({ part: 'I' })).toHaveLength(5);
    expect(findActivities({ hasTaxSubCeiling: true }).map((a) => a.article)).toEqual([
      'II-2',
      'II-3',
      'II-11',
    ]);
    expect(findActivities({ domain: 'famille' }).every((a) => a.domains.includes('famille'))).toBe(true);
    expect(findActivities()).toHaveLength(26);
  });
});
