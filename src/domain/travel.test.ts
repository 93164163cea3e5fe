import { describe, expect, it } from 'vitest';
import { distanceKm, placeNearCentre, TRANSPORT_SPEEDS, travelMinutes } from './travel';

describe('travel', () => {
  const orleans = { latitude: 47.9029, longitude: 1.9093 };
  it('gives a plausible time by mode', () => {
    const saran = { latitude: 47.9506, longitude: 1.8756 };
    expect(distanceKm(orleans, saran)).toBeCloseTo(5.85, 1);
    expect(travelMinutes(orleans, saran, 'car')).toBeLessThan(travelMinutes(orleans, saran, 'bike'));
    expect(travelMinutes(orleans, saran, 'walk')).toBeGreaterThan(90);
    expect(travelMinutes(orleans, orleans, 'public_transport')).toBe(0);
    expect(TRANSPORT_SPEEDS.public_transport.label).toBe('Transports en commun');
  });

  it('places an address near the commune centre, always at the same point', () => {
    const a = placeNearCentre(orleans, '45234|12 rue de la république');
    expect(a).toEqual(placeNearCentre(orleans, '45234|12 rue de la république'));
    expect(a).not.toEqual(placeNearCentre(orleans, '45234|3 rue jeanne d’arc'));
    expect(distanceKm(orleans, a)).toBeLessThan(0.6);
    expect(distanceKm(orleans, a)).toBeGreaterThan(0.1);
  });
});
