import { describe, expect, it } from 'vitest';
import { buildBoardModel, hoursOf, type ScheduleWeek } from './schedule-model';
import {
  addDays,
  formatDuration,
  formatMinutes,
  isoWeekday,
  mondayOf,
  parisInstant,
  parisLocal,
  parseMinutes,
} from './schedule-time';

describe('Paris wall clock of the board', () => {
  it.each([
    ['winter', '2026-11-23T07:00:00Z', '2026-11-23', 8 * 60],
    ['summer', '2026-07-06T06:00:00Z', '2026-07-06', 8 * 60],
    ['late evening crosses midnight in Paris', '2026-11-22T23:30:00Z', '2026-11-23', 30],
    ['the night clocks go forward (02:00 → 03:00)', '2026-03-29T01:30:00Z', '2026-03-29', 3 * 60 + 30],
    ['the night clocks go back (03:00 → 02:00)', '2026-10-25T01:30:00Z', '2026-10-25', 2 * 60 + 30],
  ])('reads an instant as a Paris date and minute (%s)', (_case, instant, localDate, minuteOfDay) => {
    expect(parisLocal(instant)).toEqual({ localDate, minuteOfDay });
  });

  it.each([
    ['2026-11-23', 8 * 60, '2026-11-23T08:00:00+01:00'],
    ['2026-07-06', 8 * 60, '2026-07-06T08:00:00+02:00'],
    ['2026-03-29', 10 * 60, '2026-03-29T10:00:00+02:00'],
    ['2026-03-28', 23 * 60, '2026-03-28T23:00:00+01:00'],
    ['2026-10-25', 12 * 60, '2026-10-25T12:00:00+01:00'],
  ])('writes a Paris time as an instant with its offset (%s %i)', (localDate, minute, iso) => {
    expect(parisInstant(localDate, minute)).toBe(iso);
    expect(parisLocal(iso)).toEqual({ localDate, minuteOfDay: minute });
  });

  it('moves a time the spring change skips to 03:00, and rolls minutes past midnight to the next day', () => {
    expect(parisInstant('2026-03-29', 2 * 60 + 30)).toBe('2026-03-29T03:00:00+02:00');
    expect(parisInstant('2026-11-23', 24 * 60 + 30)).toBe('2026-11-24T00:30:00+01:00');
  });

  it('finds the Monday of a week and walks days across month ends', () => {
    expect(mondayOf('2026-11-22')).toBe('2026-11-16');
    expect(mondayOf('2026-11-23')).toBe('2026-11-23');
    expect(isoWeekday('2026-11-22')).toBe(7);
    expect(addDays('2026-12-28', 7)).toBe('2027-01-04');
  });

  it('formats and reads times and durations in French', () => {
    expect(formatMinutes(485)).toBe('08:05');
    expect(parseMinutes('8h05')).toBe(485);
    expect(parseMinutes('24:00')).toBeNull();
    expect(formatDuration(45)).toBe('45 min');
    expect(formatDuration(90)).toBe('1 h 30');
  });
});

describe('board model', () => {
  const week: ScheduleWeek = {
    from: '2026-11-23',
    to: '2026-11-29',
    workers: [
      {
        id: 'w1',
        name: 'Élodie Marchand',
        skills: [],
        contractHoursPerWeek: 35,
        plannedHours: 2,
        homeLatitude: null,
        homeLongitude: null,
      },
    ],
    visits: [
      visit('b', 'w1', '2026-11-23T09:00:00Z', '2026-11-23T10:00:00Z'),
      visit('a', 'w1', '2026-11-23T07:00:00Z', '2026-11-23T07:30:00Z'),
      visit('c', null, '2026-11-24T13:00:00Z', '2026-11-24T14:00:00Z'),
      { ...visit('d', 'w1', '2026-11-25T13:00:00Z', '2026-11-25T14:00:00Z'), status: 'cancelled' },
      visit('e', 'w1', '2026-11-30T13:00:00Z', '2026-11-30T14:00:00Z'),
    ],
    travel: [{ workerId: 'w1', fromVisitId: 'a', toVisitId: 'b', travelMinutes: 12, travelKm: 4.2 }],
    conflicts: [
      {
        visitId: 'b',
        workerId: 'w1',
        code: 'skill_missing',
        message: 'Élodie Marchand n’a pas la qualification requise : lsf.',
      },
      { visitId: null, workerId: 'w1', code: 'over_contract_hours', message: 'Au-delà du contrat.' },
    ],
  };

  it('groups visits by worker and Paris day in time order, puts the unassigned aside and drops cancelled and other weeks', () => {
    const model = buildBoardModel(week, '2026-11-23');
    const monday = model.byWorker.get('w1')![0]!;
    expect(monday.map((p) => [p.visit.id, p.startMin, p.endMin])).toEqual([
      ['a', 8 * 60, 8 * 60 + 30],
      ['b', 10 * 60, 11 * 60],
    ]);
    expect(monday[1]!.travelIn?.travelMinutes).toBe(12);
    expect(monday[1]!.conflicts.map((c) => c.code)).toEqual(['skill_missing']);
    expect(model.unassigned.map((p) => [p.visit.id, p.day])).toEqual([['c', 1]]);
    expect(model.visitById.has('d')).toBe(false);
    expect(model.visitById.has('e')).toBe(false);
    expect(model.workerConflicts.get('w1')!.map((c) => c.code)).toEqual(['over_contract_hours']);
  });

  it('reads hours per worker from the API list', () => {
    expect(
      hoursOf({
        travelMinutes: 0,
        travelKm: 0,
        unassignedVisits: 0,
        continuityRate: 1,
        hoursByWorker: [{ workerId: 'w1', plannedHours: 31.5 }],
      }).get('w1'),
    ).toBe(31.5);
  });
});

function visit(id: string, workerId: string | null, startsAt: string, endsAt: string) {
  return {
    id,
    beneficiaryId: `b-${id}`,
    beneficiaryName: `Personne ${id}`,
    communeCode: '45302',
    latitude: 47.95,
    longitude: 1.87,
    addressLine: '1 rue',
    workerId,
    startsAt,
    endsAt,
    windowStartsAt: startsAt,
    windowEndsAt: startsAt,
    activityCode: 'entretien-maison',
    requiredSkills: [],
    status: 'planned',
    isLocked: false,
  };
}
