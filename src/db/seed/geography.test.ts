import { describe, expect, it } from 'vitest';
import { createRng } from '../../shared/rng';
import { demoGeography } from './demo-geography';
import {
  distanceKm,
  findNeighbours,
  isInOutline,
  postalCodeAt,
  randomPlaceInCommune,
  type GeoCommune,
} from './geography';

const communes = demoGeography.communes;
const byCode = new Map(communes.map((c) => [c.code, c]));
const orleans = byCode.get('45234')!;

describe('demo geography', () => {
  it('has the 22 communes of Orléans Métropole with their postal codes and outlines', () => {
    expect(communes).toHaveLength(22);
    expect(new Set(communes.map((c) => c.code)).size).toBe(22);
    for (const c of communes) {
      expect(c.code).toMatch(/^45\d{3}$/);
      expect(c.postalCodes.length).toBeGreaterThan(0);
      expect(c.outline).not.toBeNull();
    }
  });

  it('puts Orléans inside its own outline and not inside Olivet', () => {
    const centre = { latitude: 47.9025, longitude: 1.9089 }; // place du Martroi
    expect(isInOutline(centre, orleans.outline!)).toBe(true);
    expect(isInOutline(centre, byCode.get('45232')!.outline!)).toBe(false);
  });

  it('draws random places within the radius and inside the commune outline', () => {
    const rng = createRng(3);
    for (const commune of communes) {
      for (let i = 0; i < 40; i++) {
        const place = randomPlaceInCommune(rng, commune, 1.5);
        expect(distanceKm(place, commune)).toBeLessThanOrEqual(1.51);
        if (place.latitude !== commune.latitude || place.longitude !== commune.longitude)
          expect(isInOutline(place, commune.outline!)).toBe(true);
      }
    }
  });

  it('finds symmetric neighbours, Orléans touching Fleury-les-Aubrais and Olivet but not Bou', () => {
    const neighbours = findNeighbours(communes);
    expect(neighbours.get('45234')).toEqual(expect.arrayContaining(['45147', '45232']));
    expect(neighbours.get('45234')).not.toContain('45043');
    for (const [code, list] of neighbours)
      for (const other of list) expect(neighbours.get(other)).toContain(code);
    for (const list of neighbours.values()) expect(list.length).toBeGreaterThan(0);
  });

  it('gives Orléans 45100 south of the Loire and 45000 north of it', () => {
    expect(postalCodeAt(orleans, { latitude: 47.84, longitude: 1.94 })).toBe('45100');
    expect(postalCodeAt(orleans, { latitude: 47.91, longitude: 1.9 })).toBe('45000');
    const olivet = byCode.get('45232') as GeoCommune;
    expect(postalCodeAt(olivet, olivet)).toBe('45160');
  });
});
