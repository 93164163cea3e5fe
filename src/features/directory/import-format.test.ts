import { describe, expect, it } from 'vitest';
import {
  countRecords,
  detectDelimiter,
  detectEncoding,
  mapHeaders,
  parseActivities,
  parseDate,
  parseLegalForm,
  parseModes,
  readRow,
  type CommuneLookup,
} from './import-format';

describe('mapHeaders', () => {
  it('recognises headers by folded name and synonyms, and reports the unknown ones', () => {
    const mapping = mapHeaders([
      'N° SIRET',
      'Raison sociale',
      'CODE_POSTAL',
      'Ville',
      'Activités déclarées',
      "Mode(s) d'intervention",
      'Région',
      'Siret',
    ]);
    expect(mapping.mapped).toEqual({
      'N° SIRET': 'siret',
      'Raison sociale': 'name',
      CODE_POSTAL: 'postalCode',
      Ville: 'city',
      'Activités déclarées': 'activities',
      "Mode(s) d'intervention": 'modes',
    });
    expect(mapping.unknown).toEqual(['Région', 'Siret']);
    expect(mapping.missingRequired).toEqual([]);
  });

  it('says which required columns are missing', () => {
    expect(mapHeaders(['nom', 'ville']).missingRequired).toEqual([
      'SIRET',
      'code postal ou code commune (INSEE)',
    ]);
  });
});

describe('cells', () => {
  it('reads activities by official name (commas inside), number, article, code or short name', () => {
    expect(
      parseActivities(
        'Assistance aux personnes âgées, handicapées ou atteintes de pathologies chroniques; Entretien de la maison et travaux ménagers',
      ).codes,
    ).toEqual(['assistance-personnes-agees-handicapees', 'entretien-maison']);
    expect(parseActivities('1, 6, 7').codes).toEqual([
      'garde-enfants-moins-3-ans',
      'entretien-maison',
      'petits-travaux-jardinage',
    ]);
    expect(parseActivities('II-3 | soutien-scolaire-cours | Ménage').codes).toEqual([
      'petit-bricolage',
      'soutien-scolaire-cours',
      'entretien-maison',
    ]);
    expect(parseActivities('Jardinage / piscine')).toEqual({
      codes: ['petits-travaux-jardinage'],
      unknown: ['piscine'],
    });
  });

  it('reads modes, legal forms and dates', () => {
    expect(parseModes('Prestataire et mandataire')).toEqual(['mandataire', 'prestataire']);
    expect(parseModes('P/M')).toEqual(['mandataire', 'prestataire']);
    expect(parseModes('mise à disposition')).toEqual(['mandataire']);
    expect(parseLegalForm('Association loi 1901', '')).toBe('association');
    expect(parseLegalForm('', 'CCAS de Saran')).toBe('ccas_cias');
    expect(parseLegalForm('Auto-entrepreneur', '')).toBe('micro_entrepreneur');
    expect(parseLegalForm('SARL', '')).toBe('societe');
    expect(parseDate('15/03/2019')).toBe('2019-03-15');
    expect(parseDate('2019-03-15')).toBe('2019-03-15');
    expect(parseDate('31/02/2021')).toBeNull();
  });
});

describe('readRow', () => {
  const communes: CommuneLookup = {
    byCode: (code) =>
      ({
        '45232': {
          code: '45232',
          name: 'Olivet',
          postalCodes: ['45160'],
          latitude: 47.86,
          longitude: 1.9,
          territoryId: 't',
        },
        '45234': {
          code: '45234',
          name: 'Orléans',
          postalCodes: ['45000', '45100'],
          latitude: 47.9,
          longitude: 1.9,
          territoryId: 't',
        },
      })[code],
    byPostalCode: (pc) =>
      pc === '45160'
        ? [{ code: '45232', name: 'Olivet' }]
        : pc === '45000'
          ? [{ code: '45234', name: 'Orléans' }]
          : [],
  };
  const good = {
    siret: '732 829 320 00074',
    name: 'Net Services',
    postalCode: '45160',
    city: 'Olivet',
    activities: 'ménage',
    declarationDate: '01/02/2020',
  };

  it('normalises a good row, with the same hash for the same content', () => {
    const result = readRow(good, communes);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.record).toMatchObject({
      siret: '73282932000074',
      communeCode: '45232',
      activities: ['entretien-maison'],
      modes: ['prestataire'],
      regimes: [{ kind: 'declaration', number: 'SAP732829320', startsOn: '2020-02-01' }],
    });
    expect(
      (readRow({ ...good, siret: '73282932000074' }, communes) as { record: { hash: string } }).record.hash,
    ).toBe(result.record.hash);
  });

  it.each([
    [{ siret: '73282932000075' }, /clé de contrôle/],
    [{ siret: '' }, /SIRET manquant/],
    [{ name: '' }, /Raison sociale/],
    [{ postalCode: '45000', communeCode: '45232' }, /n'est pas celui de Olivet/],
    [{ postalCode: '45000', city: 'Olivet' }, /n'a pas le code postal 45000/],
    [{ activities: 'piscine' }, /Aucune activité reconnue/],
    [{ declarationDate: '2020-13-01' }, /illisible/],
  ])('refuses %j', (change, reason) => {
    const result = readRow({ ...good, ...change }, communes);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});

describe('files', () => {
  it('detects UTF-8 and Latin-1, the separator, and counts records across quoted line breaks', () => {
    expect(detectEncoding(Buffer.from('Orléans', 'utf8'))).toBe('utf-8');
    expect(detectEncoding(Buffer.from('Orléans', 'latin1'))).toBe('latin1');
    expect(detectDelimiter('a;b;"c,d"\n1,2,3')).toBe(';');
    expect(detectDelimiter('a,"b;c",d\n')).toBe(',');
    expect(countRecords('h1;h2\n1;"a\nb"\n\n2;c\r\n3;d')).toBe(4);
  });
});
