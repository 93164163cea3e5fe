/**
 * The national list of declared SAP organisations, read without I/O: which column is which (by header name,
 * with synonyms), what each cell means (activities by name, number, article or code; modes; legal form),
 * and the checks a row must pass. docs/import-format.md describes the format for people.
 */
import { createHash } from 'node:crypto';
import { ACTIVITIES, type ActivityCode } from '../../domain/activities';
import {
  compactIdentifier,
  isValidPostalCode,
  isValidSiret,
  normalizePhoneFr,
  sapDeclarationNumber,
} from '../../domain/identifiers';
import type { LegalForm, Public } from '../../domain/organisation';
import { foldAccents } from '../../shared/text';

export const IMPORT_FIELDS = [
  'siret',
  'name',
  'legalForm',
  'address',
  'addressComplement',
  'postalCode',
  'city',
  'communeCode',
  'activities',
  'modes',
  'publics',
  'declarationNumber',
  'declarationDate',
  'agrementNumber',
  'agrementDate',
  'agrementEndDate',
  'autorisationNumber',
  'autorisationDate',
  'phone',
  'email',
  'website',
  'latitude',
  'longitude',
  'acceptingNewClients',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Header synonyms, compared after folding: lower case, no accents, letters and digits only. */
export const HEADER_SYNONYMS: Readonly<Record<ImportField, readonly string[]>> = {
  siret: [
    'siret',
    'numsiret',
    'numerosiret',
    'nsiret',
    'nosiret',
    'siretetablissement',
    'siretdeletablissement',
    'siretorganisme',
  ],
  name: [
    'raisonsociale',
    'denomination',
    'denominationsociale',
    'nom',
    'nomorganisme',
    'nomdelorganisme',
    'organisme',
    'raisonsocialeorganisme',
    'libelle',
    'nomstructure',
    'structure',
    'enseigne',
  ],
  legalForm: [
    'formejuridique',
    'statut',
    'statutjuridique',
    'categoriejuridique',
    'typestructure',
    'typedestructure',
    'typeorganisme',
    'natureorganisme',
    'naturejuridique',
  ],
  address: [
    'adresse',
    'adressepostale',
    'voie',
    'numeroetvoie',
    'adresse1',
    'adresseligne1',
    'ligneadresse',
    'adressedusiege',
    'adresseorganisme',
    'rue',
  ],
  addressComplement: ['complementadresse', 'complementdadresse', 'adresse2', 'adresseligne2', 'complement'],
  postalCode: ['codepostal', 'cp', 'codepost', 'postal'],
  city: [
    'commune',
    'ville',
    'localite',
    'libellecommune',
    'nomcommune',
    'communeorganisme',
    'villeorganisme',
  ],
  communeCode: ['codeinsee', 'codecommune', 'insee', 'codegeo', 'depcom', 'codeinseecommune', 'cog'],
  activities: [
    'activites',
    'activite',
    'activitesdeclarees',
    'listeactivites',
    'listedesactivites',
    'activitesexercees',
    'natureactivites',
    'naturedesactivites',
    'services',
    'prestations',
    'activitessap',
  ],
  modes: [
    'modes',
    'mode',
    'modedintervention',
    'modesdintervention',
    'modeintervention',
    'modalites',
    'modalitesdintervention',
    'modeexercice',
    'modesdexercice',
  ],
  publics: [
    'publics',
    'public',
    'publicsvises',
    'publiccible',
    'publicscibles',
    'typepublic',
    'typesdepublic',
  ],
  declarationNumber: [
    'numerodeclaration',
    'numerodedeclaration',
    'ndeclaration',
    'nodeclaration',
    'numerosap',
    'numdeclaration',
    'declaration',
    'numeronova',
  ],
  declarationDate: [
    'datededeclaration',
    'datedeclaration',
    'dateenregistrement',
    'datedenregistrement',
    'datedepot',
    'datededepot',
    'datedepotdeclaration',
    'dateeffetdeclaration',
  ],
  agrementNumber: ['numeroagrement', 'numerodagrement', 'nagrement', 'agrement', 'numagrement'],
  agrementDate: [
    'datedagrement',
    'dateagrement',
    'datedebutagrement',
    'dateobtentionagrement',
    'datedebutdagrement',
  ],
  agrementEndDate: [
    'datefinagrement',
    'datedefinagrement',
    'datefindagrement',
    'findagrement',
    'finagrement',
    'dateexpirationagrement',
  ],
  autorisationNumber: ['numeroautorisation', 'numerodautorisation', 'autorisation', 'finess', 'numerofiness'],
  autorisationDate: ['dateautorisation', 'datedautorisation'],
  phone: [
    'telephone',
    'tel',
    'telephonefixe',
    'numerotelephone',
    'numerodetelephone',
    'telephone1',
    'telephoneorganisme',
    'phone',
  ],
  email: [
    'email',
    'mail',
    'courriel',
    'adressemail',
    'adresseemail',
    'adresseelectronique',
    'mel',
    'emailorganisme',
    'adressecourriel',
  ],
  website: ['siteweb', 'site', 'siteinternet', 'url', 'website', 'internet'],
  latitude: ['latitude', 'lat', 'coordonneesy', 'y'],
  longitude: ['longitude', 'lon', 'lng', 'long', 'coordonneesx', 'x'],
  acceptingNewClients: [
    'acceptedenouveauxclients',
    'nouveauxclients',
    'disponible',
    'disponibilite',
    'accepteclients',
  ],
};

export const foldHeader = (header: string): string => foldAccents(header).replace(/[^a-z0-9]/g, '');

const SYNONYM_TO_FIELD = new Map<string, ImportField>(
  IMPORT_FIELDS.flatMap((field) => HEADER_SYNONYMS[field].map((s) => [s, field] as const)),
);

export interface HeaderMapping {
  /** Column index → field. */
  columns: Map<number, ImportField>;
  /** Header as written → field, for the report. */
  mapped: Record<string, ImportField>;
  unknown: string[];
  /** Fields without which rows cannot be read (siret, name, a way to find the commune). */
  missingRequired: string[];
}

/** Maps each header to a field by its folded name; the first column of a field wins, later ones are reported unknown. */
export function mapHeaders(headers: readonly string[]): HeaderMapping {
  const columns = new Map<number, ImportField>();
  const mapped: Record<string, ImportField> = {};
  const unknown: string[] = [];
  const taken = new Set<ImportField>();
  headers.forEach((header, index) => {
    const field = SYNONYM_TO_FIELD.get(foldHeader(header));
    if (field === undefined || taken.has(field)) {
      if (header.trim() !== '') unknown.push(header.trim());
      return;
    }
    taken.add(field);
    columns.set(index, field);
    mapped[header.trim()] = field;
  });
  const missingRequired: string[] = [];
  if (!taken.has('siret')) missingRequired.push('SIRET');
  if (!taken.has('name')) missingRequired.push('raison sociale');
  if (!taken.has('communeCode') && !taken.has('postalCode'))
    missingRequired.push('code postal ou code commune (INSEE)');
  return { columns, mapped, unknown, missingRequired };
}

// ——— Cells ———

const ACTIVITY_BY_KEY = new Map<string, ActivityCode>(
  ACTIVITIES.flatMap((a) => [
    [a.code, a.code] as const,
    [foldAccents(a.article).replace(/\s/g, ''), a.code] as const,
    [String(a.number), a.code] as const,
    [foldHeader(a.name), a.code] as const,
  ]),
);

/** Known names of the activities in other lists (short forms), folded. */
const ACTIVITY_ALIASES: Readonly<Record<string, ActivityCode>> = {
  menage: 'entretien-maison',
  menagerepassage: 'entretien-maison',
  entretiendelamaison: 'entretien-maison',
  entretiendelamaisonettravauxmenagers: 'entretien-maison',
  travauxmenagers: 'entretien-maison',
  jardinage: 'petits-travaux-jardinage',
  petitstravauxdejardinage: 'petits-travaux-jardinage',
  bricolage: 'petit-bricolage',
  petitbricolage: 'petit-bricolage',
  gardedenfants: 'garde-enfants-plus-3-ans',
  soutienscolaire: 'soutien-scolaire-cours',
  coursadomicile: 'soutien-scolaire-cours',
  assistanceinformatique: 'assistance-informatique',
  informatique: 'assistance-informatique',
  preparationderepas: 'preparation-repas',
  livraisonderepas: 'livraison-repas',
  livraisondecourses: 'livraison-courses',
  assistanceadministrative: 'assistance-administrative',
  teleassistance: 'teleassistance-visioassistance',
  soinsetpromenadesdanimaux: 'soins-animaux-compagnie',
  gardiennage: 'vigilance-residence',
  aideadomicile: 'assistance-personnes-agees-handicapees',
  assistanceauxpersonnesagees: 'assistance-personnes-agees-handicapees',
  assistanceauxpersonneshandicapees: 'assistance-personnes-agees-handicapees',
};

function activityOf(piece: string): ActivityCode | undefined {
  const trimmed = piece.trim();
  const key = foldAccents(trimmed).replace(/\s/g, '');
  const folded = foldHeader(trimmed);
  return (
    ACTIVITY_BY_KEY.get(key) ??
    ACTIVITY_BY_KEY.get(folded) ??
    ACTIVITY_ALIASES[folded] ??
    ACTIVITIES.find((a) => folded.length >= 12 && foldHeader(a.name).startsWith(folded))?.code
  );
}

/**
 * Activities of a cell: names, numbers (1–26 in the order of D7231-1), articles (« II-1 ») or codes,
 * separated by `;`, `|`, `/`, line breaks or — when the pieces still make sense — commas (official names
 * contain commas, so a whole name is tried first).
 */
export function parseActivities(cell: string): { codes: ActivityCode[]; unknown: string[] } {
  const codes = new Set<ActivityCode>();
  const unknown: string[] = [];
  for (const part of cell.split(/[;|\n\r/]+/)) {
    if (part.trim() === '') continue;
    const whole = activityOf(part);
    if (whole) {
      codes.add(whole);
      continue;
    }
    for (const piece of part.split(',')) {
      if (piece.trim() === '') continue;
      const code = activityOf(piece);
      if (code) codes.add(code);
      else unknown.push(piece.trim());
    }
  }
  return { codes: [...codes], unknown };
}

/** « Prestataire et mandataire », « P/M », « mise à disposition » → organisation modes. */
export function parseModes(cell: string): ('prestataire' | 'mandataire')[] {
  const folded = foldAccents(cell);
  const modes = new Set<'prestataire' | 'mandataire'>();
  if (/presta|\bp\b/.test(folded)) modes.add('prestataire');
  if (/mandat|mise a disposition|\bm\b/.test(folded)) modes.add('mandataire');
  return [...modes].sort();
}

export function parseLegalForm(cell: string, name: string): LegalForm {
  const f = ` ${foldAccents(cell)} `;
  const n = ` ${foldAccents(name)} `;
  if (/\bc[ci]as\b|centre communal|centre intercommunal/.test(f) || /\bc[ci]as\b/.test(n)) return 'ccas_cias';
  if (/associa|loi 1901|\basso\b/.test(f)) return 'association';
  if (/micro|auto[ -]?entrepreneur/.test(f)) return 'micro_entrepreneur';
  if (/entreprise individuelle|\bei\b|\beirl\b/.test(f)) return 'entreprise_individuelle';
  if (/scop|scic|cooperati/.test(f)) return 'cooperative';
  if (/collectivit|commune|etablissement public|\bepci\b|departement/.test(f)) return 'collectivite';
  if (/sarl|\bsas|\bsa\b|eurl|societe|entreprise|\bsnc\b/.test(f)) return 'societe';
  if (/association|\basso\b/.test(n)) return 'association';
  return 'societe';
}

export function parsePublics(cell: string): Public[] {
  const f = foldAccents(cell);
  const publics = new Set<Public>();
  if (/agee|senior/.test(f)) publics.add('personnes_agees');
  if (/handicap/.test(f))
    publics.add(
      /enfant/.test(f) && !/adulte|personne/.test(f) ? 'enfants_handicapes' : 'personnes_handicapees',
    );
  if (/moins de 3|< ?3|0-3|petite enfance/.test(f)) publics.add('enfants_moins_3_ans');
  if (/patholog|malad/.test(f)) publics.add('personnes_pathologies_chroniques');
  if (/tout|famille|particulier|tous/.test(f) || publics.size === 0) publics.add('tout_public');
  return [...publics].sort();
}

/** « 2021-03-15 », « 15/03/2021 », « 15-03-2021 » → ISO date, or null. */
export function parseDate(cell: string): string | null {
  const v = cell.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(v);
  if (m) return isRealDate(m[1]!, m[2]!, m[3]!) ? `${m[1]}-${m[2]}-${m[3]}` : null;
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v);
  if (m) {
    const [d, mo] = [m[1]!.padStart(2, '0'), m[2]!.padStart(2, '0')];
    return isRealDate(m[3]!, mo, d) ? `${m[3]}-${mo}-${d}` : null;
  }
  return null;
}

function isRealDate(y: string, m: string, d: string): boolean {
  const date = new Date(`${y}-${m}-${d}T00:00:00Z`);
  return (
    !Number.isNaN(date.getTime()) && date.getUTCDate() === Number(d) && Number(y) >= 1900 && Number(y) <= 2100
  );
}

// ——— Rows ———

export interface CommuneLookup {
  byCode(code: string):
    | {
        code: string;
        name: string;
        postalCodes: readonly string[];
        latitude: number;
        longitude: number;
        territoryId: string | null;
      }
    | undefined;
  /** Communes having this postal code. */
  byPostalCode(postalCode: string): readonly { code: string; name: string }[];
}

/** One organisation of the list, normalised; `hash` identifies its content (re-import of the same content writes nothing). */
export interface ImportRecord {
  siret: string;
  name: string;
  legalForm: LegalForm;
  addressLine: string | null;
  addressComplement: string | null;
  postalCode: string | null;
  communeCode: string;
  latitude: number;
  longitude: number;
  territoryId: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  activities: ActivityCode[];
  modes: ('prestataire' | 'mandataire')[];
  publics: Public[];
  isAcceptingClients: boolean;
  regimes: {
    kind: 'declaration' | 'agrement' | 'autorisation';
    number: string;
    startsOn: string | null;
    endsOn: string | null;
  }[];
  hash: string;
}

export type RowResult =
  { ok: true; record: ImportRecord; warnings: string[] } | { ok: false; reason: string };

/** « ST JEAN DE BRAYE », « Saint-Jean-de-Braye » and « Orléans Cedex 2 » compare by this key. */
const nameKey = (name: string) =>
  foldHeader(
    foldAccents(name)
      .replace(/\bcedex\b.*$/, '')
      .replace(/\b(ste?)\b/g, (s) => (s === 'st' ? 'saint' : 'sainte')),
  );

/** Reads one row (cells by field) into a record, or the reason it is refused (French, for the report). */
export function readRow(cells: Partial<Record<ImportField, string>>, communes: CommuneLookup): RowResult {
  const get = (field: ImportField) => (cells[field] ?? '').trim();
  const warnings: string[] = [];
  const siret = compactIdentifier(get('siret'));
  if (siret === '') return { ok: false, reason: 'SIRET manquant.' };
  if (!/^\d{14}$/.test(siret))
    return { ok: false, reason: `SIRET « ${get('siret')} » : 14 chiffres attendus.` };
  if (!isValidSiret(siret))
    return { ok: false, reason: `SIRET ${siret} invalide (clé de contrôle incorrecte).` };
  const name = get('name').replace(/\s+/g, ' ');
  if (name.length < 2) return { ok: false, reason: 'Raison sociale manquante.' };

  const postalCode = get('postalCode') === '' ? null : get('postalCode').padStart(5, '0');
  if (postalCode !== null && !isValidPostalCode(postalCode))
    return { ok: false, reason: `Code postal « ${get('postalCode')} » invalide.` };
  let commune: ReturnType<CommuneLookup['byCode']>;
  const code = get('communeCode').toUpperCase();
  if (code !== '') {
    commune = communes.byCode(code.padStart(5, '0'));
    if (!commune) return { ok: false, reason: `Code commune (INSEE) ${code} inconnu.` };
    if (postalCode !== null && commune.postalCodes.length > 0 && !commune.postalCodes.includes(postalCode)) {
      return {
        ok: false,
        reason: `Le code postal ${postalCode} n'est pas celui de ${commune.name} (${commune.postalCodes.join(', ')}).`,
      };
    }
  } else if (postalCode !== null) {
    const candidates = communes.byPostalCode(postalCode);
    const city = get('city');
    const named = city === '' ? [] : candidates.filter((c) => nameKey(c.name) === nameKey(city));
    const chosen =
      named.length === 1 ? named[0] : candidates.length === 1 && city === '' ? candidates[0] : undefined;
    if (!chosen) {
      if (candidates.length === 0)
        return { ok: false, reason: `Aucune commune n'a le code postal ${postalCode}.` };
      return {
        ok: false,
        reason:
          city === ''
            ? `Le code postal ${postalCode} couvre plusieurs communes : indiquez la commune.`
            : `La commune « ${city} » n'a pas le code postal ${postalCode}.`,
      };
    }
    commune = communes.byCode(chosen.code);
  } else {
    return { ok: false, reason: 'Code postal ou code commune manquant.' };
  }
  if (!commune) return { ok: false, reason: 'Commune introuvable.' };

  const activitiesCell = get('activities');
  const { codes, unknown } = parseActivities(activitiesCell);
  if (unknown.length > 0) warnings.push(`activité inconnue ignorée : ${unknown.join(', ')}`);
  if (codes.length === 0)
    return {
      ok: false,
      reason:
        activitiesCell === ''
          ? 'Aucune activité indiquée.'
          : `Aucune activité reconnue dans « ${activitiesCell.slice(0, 80)} ».`,
    };
  const modes = get('modes') === '' ? (['prestataire'] as const).slice() : parseModes(get('modes'));
  if (modes.length === 0)
    return {
      ok: false,
      reason: `Mode d'intervention « ${get('modes')} » inconnu (prestataire ou mandataire).`,
    };

  const regimes: ImportRecord['regimes'] = [];
  const declarationDate = get('declarationDate') === '' ? null : parseDate(get('declarationDate'));
  if (get('declarationDate') !== '' && declarationDate === null)
    return {
      ok: false,
      reason: `Date de déclaration « ${get('declarationDate')} » illisible (JJ/MM/AAAA ou AAAA-MM-JJ).`,
    };
  if (declarationDate !== null || get('declarationNumber') !== '') {
    regimes.push({
      kind: 'declaration',
      number: get('declarationNumber') || sapDeclarationNumber(siret),
      startsOn: declarationDate,
      endsOn: null,
    });
  }
  const agrementDate = parseDate(get('agrementDate'));
  if (get('agrementNumber') !== '' || agrementDate !== null) {
    regimes.push({
      kind: 'agrement',
      number: get('agrementNumber') || `agrément ${siret.slice(0, 9)}`,
      startsOn: agrementDate,
      endsOn: parseDate(get('agrementEndDate')),
    });
  }
  if (get('autorisationNumber') !== '') {
    regimes.push({
      kind: 'autorisation',
      number: get('autorisationNumber'),
      startsOn: parseDate(get('autorisationDate')),
      endsOn: null,
    });
  }

  let phone: string | null = null;
  if (get('phone') !== '') {
    phone = normalizePhoneFr(get('phone'));
    if (phone === null) warnings.push(`téléphone « ${get('phone')} » ignoré`);
  }
  let email: string | null = get('email').toLowerCase() || null;
  if (email !== null && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    warnings.push(`e-mail « ${email} » ignoré`);
    email = null;
  }
  const lat = Number(get('latitude').replace(',', '.'));
  const lon = Number(get('longitude').replace(',', '.'));
  const hasPoint =
    get('latitude') !== '' &&
    get('longitude') !== '' &&
    Number.isFinite(lat) &&
    Number.isFinite(lon) &&
    Math.abs(lat) <= 90 &&
    Math.abs(lon) <= 180;
  const accepting =
    get('acceptingNewClients') === ''
      ? true
      : !/^(non|no|false|0|n|complet)$/i.test(get('acceptingNewClients'));

  const record: Omit<ImportRecord, 'hash'> = {
    siret,
    name,
    legalForm: parseLegalForm(get('legalForm'), name),
    addressLine: get('address') || null,
    addressComplement: get('addressComplement') || null,
    postalCode: postalCode ?? commune.postalCodes[0] ?? null,
    communeCode: commune.code,
    latitude: hasPoint ? lat : commune.latitude,
    longitude: hasPoint ? lon : commune.longitude,
    territoryId: commune.territoryId,
    phone,
    email,
    website: get('website') || null,
    activities: [...codes].sort(),
    modes,
    publics: parsePublics(get('publics')),
    isAcceptingClients: accepting,
    regimes,
  };
  return {
    ok: true,
    record: { ...record, hash: createHash('sha256').update(JSON.stringify(record)).digest('hex') },
    warnings,
  };
}

// ——— Files ———

/** UTF-8 (with or without BOM) when the bytes are valid UTF-8, else Latin-1 (Windows-1252). */
export function detectEncoding(bytes: Uint8Array): 'utf-8' | 'latin1' {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'utf-8';
  } catch {
    return 'latin1';
  }
}

/** The separator of the header line: the most frequent of `;`, `,`, tab outside quotes. */
export function detectDelimiter(text: string): ';' | ',' | '\t' {
  const counts = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (let i = 0; i < text.length && i < 100_000; i++) {
    const ch = text[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch as keyof typeof counts]++;
  }
  const best = (Object.entries(counts) as [';' | ',' | '\t', number][]).sort((a, b) => b[1] - a[1])[0]!;
  return best[1] === 0 ? ';' : best[0];
}

/** Records in the text (quoted line breaks do not count), header included; blank lines skipped. */
export function countRecords(text: string): number {
  let records = 0;
  let quoted = false;
  let hasContent = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 34) quoted = !quoted;
    if (!quoted && (ch === 10 || ch === 13)) {
      if (hasContent) records++;
      hasContent = false;
      if (ch === 13 && text.charCodeAt(i + 1) === 10) i++;
    } else if (ch !== 32 && ch !== 9 && ch !== 0xfeff) hasContent = true;
  }
  return records + (hasContent ? 1 : 0);
}
