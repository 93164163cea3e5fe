/**
 * French identifiers: SIREN / SIRET (Luhn key, La Poste exception), phone numbers, postal codes and their
 * consistency with an INSEE commune code. Pure functions; nothing here calls a registry.
 */
import type { Rng } from '../shared/rng';

/** Removes spaces, dots, dashes and no-break spaces typed inside an identifier. */
export function compactIdentifier(value: string): string {
  return value.replace(/[\s.\-\u00a0\u202f]/g, '');
}

/** Luhn checksum over a string of digits: true when the weighted sum is a multiple of 10. */
export function hasValidLuhnKey(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** SIREN of La Poste, whose establishments' SIRET do not follow the Luhn key (Insee rule). */
export const LA_POSTE_SIREN = '356000000';

/** True when `value` (spaces allowed) is a 9-digit SIREN with a valid Luhn key. */
export function isValidSiren(value: string): boolean {
  const siren = compactIdentifier(value);
  return /^\d{9}$/.test(siren) && hasValidLuhnKey(siren);
}

/**
 * True when `value` (spaces allowed) is a valid 14-digit SIRET: a valid SIREN and a Luhn key over the 14
 * digits. Exception (common knowledge, Insee): the establishments of La Poste (SIREN 356 000 000) are
 * numbered so that the sum of the 14 digits is a multiple of 5, so they are accepted on that rule too.
 */
export function isValidSiret(value: string): boolean {
  const siret = compactIdentifier(value);
  if (!/^\d{14}$/.test(siret)) return false;
  if (siret.startsWith(LA_POSTE_SIREN)) {
    const digitSum = [...siret].reduce((sum, c) => sum + Number(c), 0);
    return digitSum % 5 === 0 || hasValidLuhnKey(siret);
  }
  return isValidSiren(siret.slice(0, 9)) && hasValidLuhnKey(siret);
}

/** The SIREN part (9 first digits) of a SIRET. */
export function sirenOfSiret(siret: string): string {
  return compactIdentifier(siret).slice(0, 9);
}

/** Formats a SIRET for display: « 883 621 948 00016 ». Returns the input unchanged when not 14 digits. */
export function formatSiret(value: string): string {
  const s = compactIdentifier(value);
  if (!/^\d{14}$/.test(s)) return value;
  return `${s.slice(0, 3)} ${s.slice(3, 6)} ${s.slice(6, 9)} ${s.slice(9)}`;
}

/** The digit to append to `digits` so that the whole passes the Luhn check. */
export function luhnCheckDigit(digits: string): string {
  for (let d = 0; d <= 9; d++) if (hasValidLuhnKey(`${digits}${d}`)) return String(d);
  throw new RangeError(`Aucune clé de Luhn pour ${digits}`);
}

/** A valid-looking random SIREN (never La Poste's), for demo data. */
export function generateSiren(rng: Rng): string {
  let body: string;
  do {
    body = String(rng.int(1, 9)) + Array.from({ length: 7 }, () => String(rng.int(0, 9))).join('');
  } while (body === LA_POSTE_SIREN.slice(0, 8));
  return body + luhnCheckDigit(body);
}

/**
 * A valid-looking random SIRET for the demo seed: a Luhn-valid SIREN (from `siren` or generated) and a NIC
 * whose last digit makes the 14 digits Luhn-valid. Repeatable for a given `Rng` state.
 */
export function generateSiret(rng: Rng, siren: string = generateSiren(rng)): string {
  if (!isValidSiren(siren)) throw new RangeError(`SIREN invalide : ${siren}`);
  // Most NICs are small ("0001x", "0002x"…): the establishment's rank, then the key.
  const nicBody = String(rng.int(1, 99)).padStart(4, '0');
  return `${siren}${nicBody}${luhnCheckDigit(`${siren}${nicBody}`)}`;
}

/**
 * The SAP declaration number as seen on real documents: "SAP" + SIREN (e.g. SAP883621948 for SIRET
 * 88362194800016). ⚠️ Format observed, not specified (SAP-REFERENCE §1.4).
 */
export function sapDeclarationNumber(siretOrSiren: string): string {
  return `SAP${compactIdentifier(siretOrSiren).slice(0, 9)}`;
}

/** True when `value` looks like "SAP" followed by a valid SIREN (⚠️ observed format, §1.4). */
export function isSapDeclarationNumber(value: string): boolean {
  const v = compactIdentifier(value).toUpperCase();
  return /^SAP\d{9}$/.test(v) && isValidSiren(v.slice(3));
}

// ——— Phone numbers ———

/**
 * Normalises a French phone number to its 10-digit national form « 0XXXXXXXXX », or returns null when it is
 * not one. Accepts « 06 12 34 56 78 », « 06.12.34.56.78 », « +33 6 12 34 56 78 », « +33 (0)6… », « 0033 6… ».
 * Metropolitan and overseas numbers using the +33 prefix; first digit after 0 is 1–9.
 */
export function normalizePhoneFr(value: string): string | null {
  let v = value
    .trim()
    .replace(/[\s.\-\u00a0\u202f/]/g, '')
    .replace('(0)', '');
  if (v.startsWith('+33')) v = `0${v.slice(3)}`;
  else if (v.startsWith('0033')) v = `0${v.slice(4)}`;
  return /^0[1-9]\d{8}$/.test(v) ? v : null;
}

/** True when `value` is a French phone number (see `normalizePhoneFr`). */
export function isValidPhoneFr(value: string): boolean {
  return normalizePhoneFr(value) !== null;
}

/** True when `value` is a French mobile number (06, 07), the only kind the Urssaf API accepts (§4.4). */
export function isMobilePhoneFr(value: string): boolean {
  const n = normalizePhoneFr(value);
  return n !== null && /^0[67]/.test(n);
}

/**
 * Formats a French phone number: national « 06 12 34 56 78 » (default) or international « +33 6 12 34 56 78 ».
 * Returns null when the number is not valid.
 */
export function formatPhoneFr(
  value: string,
  style: 'national' | 'international' = 'national',
): string | null {
  const n = normalizePhoneFr(value);
  if (n === null) return null;
  const pairs = n.match(/\d{2}/g) ?? [];
  if (style === 'national') return pairs.join(' ');
  return `+33 ${n.slice(1, 2)} ${(n.slice(2).match(/\d{2}/g) ?? []).join(' ')}`;
}

/** E.164 form « +33612345678 », or null. */
export function toE164PhoneFr(value: string): string | null {
  const n = normalizePhoneFr(value);
  return n === null ? null : `+33${n.slice(1)}`;
}

// ——— Postal codes and communes ———

/**
 * True when `value` is a French postal code: 5 digits, département part 01–95, Corsica 20, overseas 971–976
 * and 975, Pacific communities 986–988.
 */
export function isValidPostalCode(value: string): boolean {
  const v = value.trim();
  if (!/^\d{5}$/.test(v)) return false;
  const two = Number(v.slice(0, 2));
  if (two >= 1 && two <= 95) return true;
  const three = v.slice(0, 3);
  return ['971', '972', '973', '974', '975', '976', '986', '987', '988'].includes(three);
}

/** True when `value` is an INSEE commune code: « 45234 », « 2A004 », « 97411 ». */
export function isValidCommuneCode(value: string): boolean {
  return /^(?:0[1-9]|[1-8]\d|9[0-5]|2[AB])\d{3}$|^97[1-8]\d{2}$|^98[4-9]\d{2}$/.test(
    value.trim().toUpperCase(),
  );
}

/** Département code of an INSEE commune code: « 45 », « 2A », « 974 ». */
export function departementOfCommuneCode(communeCode: string): string {
  const c = communeCode.trim().toUpperCase();
  return c.startsWith('97') || c.startsWith('98') ? c.slice(0, 3) : c.slice(0, 2);
}

/**
 * Communes whose postal code belongs to another département (served by a neighbouring post office).
 * Derived from geo.api.gouv.fr data (../shared/data/geo/communes-centres-geoapi.csv, Licence Ouverte), 23 cases.
 */
export const CROSS_DEPARTEMENT_POSTAL_CODES: Readonly<Record<string, readonly string[]>> = {
  '91479': ['94390'], // Paray-Vieille-Poste
  '39102': ['01590'], // Chancia
  '39274': ['01410'], // Lajoux
  '39283': ['01590'], // Lavancia-Epercy
  '71085': ['21340'], // Change
  '51478': ['52100'], // Saint-Eulien
  '51522': ['52100'], // Sapignicourt
  '24189': ['33220'], // Fougueyrolles
  '24335': ['33220'], // Port-Sainte-Foy-et-Ponchapt
  '86042': ['37160'], // Buxeuil
  '03250': ['42620'], // Saint-Pierre-Laval
  '07136': ['48250'], // Laveyrune
  '15105': ['43450'], // Leyvaux
  '26374': ['05700'], // Villebois-les-Pins
  '74109': ['01200'], // Éloise
  '04058': ['05110'], // Claret
  '04066': ['05110'], // Curbans
  '04150': ['05130'], // Piégut
  '04154': ['05160'], // Pontis
  '04170': ['06260'], // La Rochette
  '04194': ['06260'], // Saint-Pierre
  '04234': ['05130'], // Venterol
  '83105': ['13780'], // Riboux
};

/**
 * True when a postal code can belong to a commune: same département (Corsica's 2A/2B use 20xxx, overseas
 * use their 3-digit prefix), or one of the known cross-département cases. It cannot tell whether the
 * commune really has this code — that needs the communes table.
 */
export function isPostalCodeConsistentWithCommune(postalCode: string, communeCode: string): boolean {
  const pc = postalCode.trim();
  const cc = communeCode.trim().toUpperCase();
  if (!isValidPostalCode(pc) || !isValidCommuneCode(cc)) return false;
  if (CROSS_DEPARTEMENT_POSTAL_CODES[cc]?.includes(pc) === true) return true;
  const dep = departementOfCommuneCode(cc);
  if (dep === '2A' || dep === '2B') return pc.startsWith('20');
  // Saint-Barthélemy (977) and Saint-Martin (978) keep Guadeloupe's 971xx postal codes.
  if (dep === '977' || dep === '978') return pc.startsWith('971');
  return pc.startsWith(dep);
}
