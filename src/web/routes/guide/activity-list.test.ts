import { describe, expect, it } from 'vitest';
import { ACTIVITIES, getActivity } from '../../../domain/activities';
import {
  buildRegimeRows,
  filterActivities,
  groupActivitiesByDomain,
  legalPart,
  regimeCaveats,
  regimesUsed,
  vatText,
} from './activity-list';

const codes = (list: { code: string }[]) => list.map((a) => a.code);

describe('filterActivities', () => {
  it('keeps the 26 activities in the legal order when the query is empty', () => {
    expect(filterActivities('   ')).toHaveLength(26);
    expect(codes(filterActivities(''))).toEqual(codes([...ACTIVITIES]));
  });

  it('ignores accents and case: « MENAGE » and « ménage » find the same activities', () => {
    const plain = codes(filterActivities('MENAGE'));
    expect(plain).toContain('entretien-maison');
    expect(codes(filterActivities('ménage'))).toEqual(plain);
  });

  it('needs every word: « jardin débroussaillage » finds gardening only', () => {
    expect(codes(filterActivities('jardin débroussaillage'))).toEqual(['petits-travaux-jardinage']);
  });

  it('handles apostrophes typed either way', () => {
    expect(codes(filterActivities("garde d'enfants"))).toEqual(codes(filterActivities('garde d’enfants')));
    expect(codes(filterActivities("garde d'enfants"))).toContain('garde-enfants-plus-3-ans');
  });

  it('finds nothing for a word no activity has', () => {
    expect(filterActivities('plomberie chauffage')).toEqual([]);
  });
});

describe('groupActivitiesByDomain', () => {
  it('puts each of the 26 activities in exactly one group, its main domain', () => {
    const groups = groupActivitiesByDomain(ACTIVITIES);
    expect(groups.map((g) => g.domain)).toEqual(['famille', 'vie_quotidienne', 'personnes_dependantes']);
    expect(groups.flatMap((g) => g.activities)).toHaveLength(26);
    expect(groups.every((g) => g.activities.every((a) => a.domains[0] === g.domain))).toBe(true);
  });

  it('drops empty groups', () => {
    expect(groupActivitiesByDomain([getActivity('entretien-maison')]).map((g) => g.domain)).toEqual([
      'vie_quotidienne',
    ]);
  });
});

describe('buildRegimeRows (reference §1.2)', () => {
  it('housework: déclaration in every organisation mode, nothing in emploi direct', () => {
    const rows = buildRegimeRows(getActivity('entretien-maison'));
    expect(rows.map((r) => r.public)).toEqual(['tout_public']);
    expect(rows[0]?.cells.map((c) => c.text)).toEqual([
      'Déclaration (facultative, elle ouvre le crédit d’impôt)',
      'Déclaration (facultative, elle ouvre le crédit d’impôt)',
      'Aucune démarche de structure : vous êtes l’employeur',
    ]);
    expect(regimesUsed(getActivity('entretien-maison'))).toEqual(['declaration']);
  });

  it('help to elderly people: autorisation in prestataire, agrément in mandataire', () => {
    const rows = buildRegimeRows(getActivity('assistance-personnes-agees-handicapees'));
    expect(rows.map((r) => r.public)).toEqual([
      'personnes_agees',
      'personnes_handicapees',
      'personnes_pathologies_chroniques',
    ]);
    for (const row of rows) {
      expect(row.cells[0]?.text).toBe('Autorisation du Département obligatoire');
      expect(row.cells[1]?.text).toBe('Agrément de l’État obligatoire');
    }
    expect(regimesUsed(getActivity('assistance-personnes-agees-handicapees'))).toEqual([
      'declaration',
      'agrement',
      'autorisation',
    ]);
  });

  it('childcare over 3: adds the rows of children under 3 and disabled children, which need the agrément', () => {
    const activity = getActivity('garde-enfants-plus-3-ans');
    const rows = buildRegimeRows(activity);
    const under3 = rows.find((r) => r.public === 'enfants_moins_3_ans');
    expect(under3?.cells[0]?.text).toBe('Agrément de l’État obligatoire');
    expect(under3?.note).toContain('moins de 3 ans');
    expect(rows.find((r) => r.public === 'enfants_handicapes')).toBeDefined();
    expect(regimesUsed(activity)).toEqual(['declaration', 'agrement']);
  });

  it('passes on the caveat the reference marks unconfirmed (disabled child, prestataire)', () => {
    expect(regimeCaveats(getActivity('garde-enfants-moins-3-ans')).join(' ')).toContain('à vérifier');
    expect(regimeCaveats(getActivity('entretien-maison'))).toEqual([]);
  });
});

describe('vatText and legalPart', () => {
  it('gives the usual rate, the alternative, or « taux à vérifier » when unconfirmed', () => {
    expect(vatText(getActivity('entretien-maison'))).toBe('10\u00a0%');
    expect(vatText(getActivity('soutien-scolaire-cours'))).toContain('20\u00a0%');
    expect(vatText(getActivity('teleassistance-visioassistance'))).toBe('taux à vérifier');
  });

  it('tells part I (5 activities) from part II (21)', () => {
    expect(ACTIVITIES.filter((a) => legalPart(a) === 'I')).toHaveLength(5);
    expect(ACTIVITIES.filter((a) => legalPart(a) === 'II')).toHaveLength(21);
  });
});
