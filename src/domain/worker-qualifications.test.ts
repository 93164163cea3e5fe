import { describe, expect, it } from 'vitest';
import { isQualificationValidOn, qualificationAlerts, skillsOn } from './worker-qualifications';

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
