import { describe, expect, it } from 'vitest';
import {
  createCommuneIndex,
  directorySearchQuerySchema,
  parseSearchText,
  tokenize,
  tokenizeTyped,
  type CommuneEntry,
} from './search-query';

const communes: CommuneEntry[] = [
  { code: '45232', name: 'Olivet', postalCodes: ['45160'], population: 22_000, isInTerritory: true },
  { code: '45302', name: 'Saran', postalCodes: ['45770'], population: 16_000, isInTerritory: true },
  {
    code: '45234',
    name: 'Orléans',
    postalCodes: ['45000', '45100'],
    population: 116_000,
    isInTerritory: true,
  },
  {
    code: '45284',
    name: 'Saint-Jean-de-Braye',
    postalCodes: ['45800'],
    population: 21_000,
    isInTerritory: true,
  },
  {
    code: '45075',
    name: 'La Chapelle-Saint-Mesmin',
    postalCodes: ['45380'],
    population: 10_000,
    isInTerritory: true,
  },
  { code: '69123', name: 'Lyon', postalCodes: ['69001', '69003'], population: 520_000, isInTerritory: false },
  { code: '02564', name: 'Olivet', postalCodes: ['02300'], population: 50, isInTerritory: false },
  { code: '31555', name: 'Toulouse', postalCodes: ['31000'], population: 500_000, isInTerritory: false },
  { code: '71999', name: 'Vie', postalCodes: ['71000'], population: 10, isInTerritory: false },
  { code: '99999', name: 'Garde', postalCodes: ['99000'], population: 10, isInTerritory: false },
  { code: '49178', name: 'Loiré', postalCodes: ['49440'], population: 900, isInTerritory: false },
  {
    code: '45082',
    name: 'Châteauneuf-sur-Loire',
    postalCodes: ['45110'],
    population: 8_000,
    isInTerritory: false,
  },
  { code: '45315', name: 'Sully-sur-Loire', postalCodes: ['45600'], population: 5_000, isInTerritory: false },
  { code: '27229', name: 'Évreux', postalCodes: ['27000'], population: 46_000, isInTerritory: false },
  { code: '40021', name: 'Azur', postalCodes: ['40140'], population: 700, isInTerritory: false },
  { code: '83062', name: 'La Garde', postalCodes: ['83130'], population: 25_000, isInTerritory: false },
];
const index = createCommuneIndex(communes);

describe('tokenize', () => {
  it('folds case and accents and splits on anything that is not a letter or a digit', () => {
    expect(tokenize('Aide-MÉNAGÈRE à l’Île, œuvre')).toEqual(['aide', 'menagere', 'a', 'l', 'ile', 'oeuvre']);
  });
});

describe('parseSearchText: a commune inside the free text', () => {
  it.each([
    ['auxilaire de vie Olivet', ['auxilaire', 'vie'], '45232'],
    ['aide ménagère près de Saran', ['aide', 'menagere'], '45302'],
    ['ménage à saint jean de braye', ['menage'], '45284'],
    ['jardinage La Chapelle-Saint-Mesmin', ['jardinage'], '45075'],
    ['repassage 45160', ['repassage'], '45232'],
    ['ménage Lyon', ['menage'], '69123'],
  ])('« %s » → words %j and commune %s', (text, words, code) => {
    const parsed = parseSearchText(text, index);
    expect(parsed.tokens).toEqual(words);
    expect(parsed.commune?.code).toBe(code);
  });

  it("prefers the territory's commune when names collide", () => {
    expect(parseSearchText('Olivet', index).commune?.code).toBe('45232');
  });

  it('never reads an activity word as a commune', () => {
    expect(parseSearchText('auxiliaire de vie', index)).toEqual({
      tokens: ['auxiliaire', 'vie'],
      commune: null,
    });
    expect(parseSearchText('garde de nuit', index).commune).toBeNull();
  });

  it('keeps the text when no commune is named, or when there is no index', () => {
    expect(parseSearchText('femme de ménage', index)).toEqual({ tokens: ['femme', 'menage'], commune: null });
    expect(parseSearchText('ménage Olivet', null)).toEqual({ tokens: ['menage', 'olivet'], commune: null });
  });
});

describe('parseSearchText: a word that only looks like a commune', () => {
  it('« Jardins de Loire Services » is not Loiré: a folded name outside the territory that is also part of other names', () => {
    expect(parseSearchText('Jardins de Loire Services', index)).toEqual({
      tokens: ['jardins', 'loire', 'services'],
      commune: null,
    });
  });

  it('takes the same commune when typed with its accents, or when its word is not a common part of names', () => {
    expect(parseSearchText('jardinage Loiré', index).commune?.code).toBe('49178');
    expect(parseSearchText('ménage evreux', index).commune?.code).toBe('27229');
    expect(parseSearchText('menage orleans', index).commune?.code).toBe('45234');
    expect(parseSearchText('jardinage Châteauneuf-sur-Loire', index).commune?.code).toBe('45082');
  });

  it('never takes a run of activity and stop words (« la garde d’enfants » is not La Garde)', () => {
    expect(parseSearchText('la garde d’enfants', index)).toEqual({
      tokens: ['garde', 'enfants'],
      commune: null,
    });
  });

  describe('with the organisations’ names', () => {
    const names = [
      ' les jardins de saran ',
      ' harmonie azur lyon ',
      ' net services olivet ',
      ' aide a domicile orleans ',
    ];
    const options = {
      isInOrganisationName: (phrase: string) => names.some((n) => n.includes(` ${phrase} `)),
    };

    it('a commune inside an organisation’s name is part of the name', () => {
      expect(parseSearchText('Les Jardins de Saran', index, options)).toEqual({
        tokens: ['jardins', 'saran'],
        commune: null,
      });
      expect(parseSearchText('harmonie azur', index, options).commune).toBeNull();
    });

    it('still reads a place: after « près de », alone, beside the services’ words, or words no name holds', () => {
      expect(parseSearchText('aide à domicile Orléans', index, options).commune?.code).toBe('45234');
      expect(parseSearchText('aide ménagère près de Saran', index, options).commune?.code).toBe('45302');
      expect(parseSearchText('Saran', index, options).commune?.code).toBe('45302');
      expect(parseSearchText('jardinage Saran', index, options).commune?.code).toBe('45302');
      expect(parseSearchText('auxilaire de vie Olivet', index, options)).toEqual({
        tokens: ['auxilaire', 'vie'],
        commune: expect.objectContaining({ code: '45232' }),
      });
    });
  });
});

describe('tokenizeTyped', () => {
  it('keeps the accents as typed beside the folded words, one for one', () => {
    expect(tokenizeTyped('Aide-MÉNAGÈRE à l’Île, œuvre')).toEqual({
      folded: ['aide', 'menagere', 'a', 'l', 'ile', 'oeuvre'],
      typed: ['aide', 'ménagère', 'à', 'l', 'île', 'oeuvre'],
    });
  });
});

describe('the query string', () => {
  it('takes repeated and comma-separated values, and defaults', () => {
    const parsed = directorySearchQuerySchema.parse({
      activity: ['entretien-maison', 'petit-bricolage,petits-travaux-jardinage'],
      mode: 'prestataire',
    });
    expect(parsed).toMatchObject({
      activity: ['entretien-maison', 'petit-bricolage', 'petits-travaux-jardinage'],
      mode: ['prestataire'],
      radiusKm: 0,
      page: 1,
      pageSize: 20,
      sort: 'relevance',
    });
  });

  it('refuses unknown values and out-of-range numbers, naming the field', () => {
    const result = directorySearchQuerySchema.safeParse({
      activity: 'piscine',
      radiusKm: '101',
      commune: 'abc',
      pageSize: '0',
    });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path[0]).sort()).toEqual([
      'activity',
      'commune',
      'pageSize',
      'radiusKm',
    ]);
  });
});
