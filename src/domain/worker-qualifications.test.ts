import { describe, expect, it } from 'vitest';
import { isQualificationValidOn, qualificationAlerts, skillsOn } from './worker-qualifications';
import { placeNearCentre, distanceKm, travelMinutes, TRANSPORT_SPEEDS } from './travel';

describe('qualifications', () => {
  const worker = (qualifications: { skillCode: string; obtainedOn: string | null; expiresOn: string | null }[]) => ({ id: 'w1', firstName: 'Awa', lastName: 'Diallo', qualifications });

  it('alerts on qualifications expired or expiring within 60 days, soonest first', () => {
    const alerts = qualificationAlerts(
      [
        worker([
          { skillCode: 'permis_b', obtainedOn: null, expiresOn: '2026-12-01' },
          { skillCode: 'sst', obtainedOn: '2024-01-01', expiresOn: '2026-11-01' },
          { skillCode: 'deaes', obtainedOn: '2010-06-30', expiresOn: null },
          { skillCode: 'advf', obtainedOn: null, expiresOn: '2027-06-01' },
        ]),
      ],
      '2026-11-22',
    );
    expect(alerts.map((a) => [a.skillCode, a.status, a.daysLeft])).toEqual([
      ['sst', 'expired', -21],
      ['permis_b', 'expiring', 9],
    ]);
    expect(alerts[1]!.message).toBe('Permis B de Awa Diallo expire dans 9 jours (le 2026-12-01).');
  });

  it('holds a qualification on its expiry day, not the day after', () => {
    const q = { skillCode: 'sst', obtainedOn: '2024-01-01', expiresOn: '2026-11-01' };
    expect(isQualificationValidOn(q, '2026-11-01')).toBe(true);
    expect(isQualificationValidOn(q, '2026-11-02')).toBe(false);
    expect(isQualificationValidOn(q, '2023-12-31')).toBe(false);
  });

  it('lets the dated row govern a declared skill', () => {
    expect(skillsOn(['aide_toilette', 'sst'], [{ skillCode: 'sst', obtainedOn: null, expiresOn: '2026-01-01' }, { skillCode: 'deaes', obtainedOn: null, expiresOn: null }], '2026-06-01')).toEqual(['aide_toilette', 'deaes']);
  });
});

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
