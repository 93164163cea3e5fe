/** French-looking people, addresses, phone numbers and e-mail addresses for the demo seed. */
import type { Rng } from '../../shared/rng';
import { foldAccents } from '../../shared/text';
import { chance } from './random';
import {
  ADULT_FEMALE_FIRST_NAMES,
  ADULT_MALE_FIRST_NAMES,
  CHILD_FIRST_NAMES,
  LAST_NAMES,
  SENIOR_FEMALE_FIRST_NAMES,
  SENIOR_MALE_FIRST_NAMES,
  STREET_NAMES_PEOPLE,
  STREET_NAMES_PLACES,
} from './french-data';

export type Generation = 'senior' | 'adult' | 'child';
export type Sex = 'female' | 'male';

/** A first name for a person of this generation and sex. */
export function pickFirstName(rng: Rng, generation: Generation, sex: Sex): string {
  if (generation === 'child') return rng.pick(CHILD_FIRST_NAMES);
  if (generation === 'senior')
    return rng.pick(sex === 'female' ? SENIOR_FEMALE_FIRST_NAMES : SENIOR_MALE_FIRST_NAMES);
  return rng.pick(sex === 'female' ? ADULT_FEMALE_FIRST_NAMES : ADULT_MALE_FIRST_NAMES);
}

export function pickLastName(rng: Rng): string {
  return rng.pick(LAST_NAMES);
}

/** Lower-case ASCII words joined by `separator`: « Lefèvre d’Arc » → « lefevre-d-arc ». */
export function slugify(text: string, separator = '-'): string {
  return foldAccents(text)
    .replace(/[^a-z0-9]+/g, separator)
    .replace(new RegExp(`^\\${separator}+|\\${separator}+$`, 'g'), '');
}

function pairs(digits: string): string {
  return (digits.match(/\d{2}/g) ?? []).join(' ');
}

function randomDigits(rng: Rng, n: number): string {
  return Array.from({ length: n }, () => String(rng.int(0, 9))).join('');
}

// Only numbers from the ranges ARCEP reserves for fiction (06 39 98 xx xx, 02 61 91 xx xx), so that
// no demo record ever shows a real person's number.

/** A French mobile number from the fiction range « 06 39 98 xx xx ». */
export function randomMobilePhone(rng: Rng): string {
  return pairs(`063998${randomDigits(rng, 4)}`);
}

/** A landline of the West region (02) from the fiction range « 02 61 91 xx xx ». */
export function randomLandlinePhone(rng: Rng): string {
  return pairs(`026191${randomDigits(rng, 4)}`);
}

/** An e-mail address at one of the domains reserved for examples (RFC 2606). */
export function personalEmail(rng: Rng, firstName: string, lastName: string): string {
  const domain = rng.pick(['example.com', 'example.net', 'example.org']);
  const style = rng.int(0, 3);
  const first = slugify(firstName, '');
  const last = slugify(lastName, '');
  const local =
    style === 0
      ? `${first}.${last}`
      : style === 1
        ? `${first[0] ?? 'x'}${last}`
        : style === 2
          ? `${first}.${last}${rng.int(1, 99)}`
          : `${last}.${first}`;
  return `${local}@${domain}`;
}

/** A street address « 12 rue des Lilas », « 3 bis allée des Tilleuls ». */
export function randomStreetAddress(rng: Rng): string {
  const n = chance(rng, 0.6) ? rng.int(1, 30) : rng.int(1, 140);
  const number = chance(rng, 0.05) ? `${n} bis` : String(n);
  if (chance(rng, 0.35)) {
    const type = rng.pick(['rue', 'rue', 'avenue', 'boulevard', 'place']);
    return `${number} ${type} ${rng.pick(STREET_NAMES_PEOPLE)}`;
  }
  const type = rng.pick(['rue', 'rue', 'rue', 'allée', 'impasse', 'chemin', 'square']);
  return `${number} ${type} ${rng.pick(STREET_NAMES_PLACES)}`;
}

/** A local date (YYYY-MM-DD) of birth for someone who is `age` years old on `onDate`. */
export function birthDateForAge(rng: Rng, age: number, onDate: string): string {
  const [y, m, d] = onDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y - age, m - 1, d - rng.int(1, 364))).toISOString().slice(0, 10);
}
