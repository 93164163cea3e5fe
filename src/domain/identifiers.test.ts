import { describe, expect, it } from 'vitest';
import { createRng } from '../shared/rng';
import {
  formatPhoneFr,
  formatSiret,
  generateSiren,
  generateSiret,
  isMobilePhoneFr,
  isPostalCodeConsistentWithCommune,
  isSapDeclarationNumber,
  isValidCommuneCode,
  isValidPhoneFr,
  isValidPostalCode,
  isValidSiren,
  isValidSiret,
  normalizePhoneFr,
  sapDeclarationNumber,
  toE164PhoneFr,
} from './identifiers';

describe('SIREN / SIRET', () => {
  it.each([
    ['88362194800016', true], // SAP-REFERENCE §1.4 example
    ['883 621 948 00016', true],
    ['88362194800017', false],
    ['73282932000074', true], // a well-known valid SIRET
    ['7328293200007', false], // 13 digits
    ['7328293200007A', false],
    ['35600000000048', true], // La Poste head office, Luhn-valid
    ['35600000012341', true], // La Poste establishment: digit sum 25, multiple of 5, not Luhn
    ['35600000012342', false],
  ])('isValidSiret(%s) = %s', (siret, expected) => {
    expect(isValidSiret(siret)).toBe(expected);
  });

  it.each([
    ['883621948', true],
    ['732829320', true],
    ['356000000', true],
    ['883621949', false],
    ['12345678', false],
  ])('isValidSiren(%s) = %s', (siren, expected) => {
    expect(isValidSiren(siren)).toBe(expected);
  });

  it('generates valid, repeatable SIRETs that are never La Poste', () => {
    const a = createRng(42);
    const b = createRng(42);
    for (let i = 0; i < 200; i++) {
      const siret = generateSiret(a);
      expect(siret).toMatch(/^\d{14}$/);
      expect(isValidSiret(siret)).toBe(true);
      expect(siret.startsWith('356000000')).toBe(false);
      expect(generateSiret(b)).toBe(siret);
    }
    const siren = generateSiren(createRng(7));
    expect(generateSiret(createRng(1), siren).startsWith(siren)).toBe(true);
  });

  it('formats a SIRET and builds the SAP declaration number (⚠️ observed format)', () => {
    expect(formatSiret('88362194800016')).toBe('883 621 948 00016');
    expect(sapDeclarationNumber('88362194800016')).toBe('SAP883621948');
    expect(isSapDeclarationNumber('SAP883621948')).toBe(true);
    expect(isSapDeclarationNumber('SAP883621949')).toBe(false);
  });
});

describe('French phone numbers', () => {
  it.each([
    ['06 12 34 56 78', '0612345678'],
    ['06.12.34.56.78', '0612345678'],
    ['+33 6 12 34 56 78', '0612345678'],
    ['+33 (0)6 12 34 56 78', '0612345678'],
    ['0033612345678', '0612345678'],
    ['02 38 79 22 22', '0238792222'],
    ['0012345678', null],
    ['06 12 34 56', null],
    ['+44 20 7946 0958', null],
  ])('normalizePhoneFr(%s) = %s', (input, expected) => {
    expect(normalizePhoneFr(input)).toBe(expected);
    expect(isValidPhoneFr(input)).toBe(expected !== null);
  });

  it('formats national and international, and tells mobiles', () => {
    expect(formatPhoneFr('+33612345678')).toBe('06 12 34 56 78');
    expect(formatPhoneFr('0238792222', 'international')).toBe('+33 2 38 79 22 22');
    expect(formatPhoneFr('123')).toBeNull();
    expect(toE164PhoneFr('06 12 34 56 78')).toBe('+33612345678');
    expect(isMobilePhoneFr('07 00 00 00 00')).toBe(true);
    expect(isMobilePhoneFr('02 38 79 22 22')).toBe(false);
  });
});

describe('postal codes and communes', () => {
  it.each([
    ['45000', true],
    ['01000', true],
    ['20000', true],
    ['97400', true],
    ['00100', false],
    ['99000', false],
    ['4500', false],
    ['45 000', false],
  ])('isValidPostalCode(%s) = %s', (pc, expected) => {
    expect(isValidPostalCode(pc)).toBe(expected);
  });

  it.each([
    ['45234', true],
    ['2A004', true],
    ['97411', true],
    ['2C004', false],
    ['4523', false],
  ])('isValidCommuneCode(%s) = %s', (code, expected) => {
    expect(isValidCommuneCode(code)).toBe(expected);
  });

  it.each([
    ['45000', '45234', true], // Orléans
    ['45160', '45232', true], // Olivet
    ['41000', '45234', false],
    ['20000', '2A004', true], // Ajaccio
    ['20200', '2B033', true], // Bastia
    ['97400', '97411', true], // Saint-Denis (La Réunion)
    ['97133', '97701', true], // Saint-Barthélemy
    ['94390', '91479', true], // Paray-Vieille-Poste, served from the Val-de-Marne
    ['94390', '91478', false],
  ])('postal code %s with commune %s is consistent: %s', (pc, commune, expected) => {
    expect(isPostalCodeConsistentWithCommune(pc, commune)).toBe(expected);
  });
});
