import { describe, expect, it } from 'vitest';
import {
  classifyVisit,
  computeLedgerMonth,
  computeTravelCredit,
  DEFAULT_TOLERANCES,
  deliveryRows,
  fundedMinutesOf,
  isCheckTimeAcceptable,
  monthBounds,
  monthsBetween,
  payrollRows,
  toCsv,
  validationStatusOf,
  type LedgerVisit,
  type VisitToClassify,
} from './telegestion';

const at = (iso: string) => new Date(iso);
// 2026-03-02 is a Monday; Paris is UTC+1 in March before the 29th.
const planned = (over: Partial<VisitToClassify> = {}): VisitToClassify => ({
  startsAt: at('2026-03-02T09:00:00+01:00'),
  durationMin: 60,
  windowStartsAt: at('2026-03-02T08:45:00+01:00'),
  windowEndsAt: at('2026-03-02T09:15:00+01:00'),
  status: 'planned',
  actualStartAt: null,
  actualEndAt: null,
  ...over,
});
const evening = at('2026-03-02T20:00:00+01:00');

describe('classifyVisit: anomalies with tolerances', () => {
  it('is upcoming before the window closes plus the grace, missed after', () => {
    expect(classifyVisit(planned(), at('2026-03-02T09:40:00+01:00')).state).toBe('upcoming');
    expect(classifyVisit(planned(), at('2026-03-02T09:46:00+01:00'))).toEqual({ state: 'missed', anomalies: ['missed'], actualMin: null });
  });

  it('a check-in inside the tolerance is on time, beyond it late', () => {
    const onTime = classifyVisit(planned({ actualStartAt: at('2026-03-02T09:15:00+01:00'), actualEndAt: at('2026-03-02T10:15:00+01:00') }), evening);
    expect(onTime).toEqual({ state: 'complete', anomalies: [], actualMin: 60 });
    expect(validationStatusOf(onTime)).toBe('valid');
    const late = classifyVisit(planned({ actualStartAt: at('2026-03-02T09:16:00+01:00'), actualEndAt: at('2026-03-02T10:16:00+01:00') }), evening);
    expect(late.anomalies).toEqual(['late']);
    expect(validationStatusOf(late)).toBe('anomaly');
  });

  it('too short below 80 % of the planned duration, too long above 130 %', () => {
    const start = at('2026-03-02T09:00:00+01:00');
    const end = (min: number) => new Date(start.getTime() + min * 60_000);
    expect(classifyVisit(planned({ actualStartAt: start, actualEndAt: end(48) }), evening).anomalies).toEqual([]);
    expect(classifyVisit(planned({ actualStartAt: start, actualEndAt: end(47) }), evening).anomalies).toEqual(['too_short']);
    expect(classifyVisit(planned({ actualStartAt: start, actualEndAt: end(78) }), evening).anomalies).toEqual([]);
    expect(classifyVisit(planned({ actualStartAt: start, actualEndAt: end(79) }), evening).anomalies).toEqual(['too_long']);
  });

  it('custom tolerances apply', () => {
    const v = planned({ actualStartAt: at('2026-03-02T09:20:00+01:00'), actualEndAt: at('2026-03-02T10:20:00+01:00') });
    expect(classifyVisit(v, evening, { ...DEFAULT_TOLERANCES, lateMin: 30 }).anomalies).toEqual([]);
  });

  it('a check-in without check-out is in progress, then misses its check-out', () => {
    const v = planned({ actualStartAt: at('2026-03-02T09:00:00+01:00') });
    expect(classifyVisit(v, at('2026-03-02T10:30:00+01:00'))).toEqual({ state: 'in_progress', anomalies: [], actualMin: null });
    expect(classifyVisit(v, at('2026-03-02T11:01:00+01:00')).anomalies).toEqual(['no_check_out']);
  });

  it('a cancelled visit has no anomaly', () => {
    expect(classifyVisit(planned({ status: 'cancelled' }), evening)).toEqual({ state: 'cancelled', anomalies: [], actualMin: null });
  });

  it('refuses device times far in the future (10 min of drift allowed)', () => {
    const now = at('2026-03-02T09:00:00Z');
    expect(isCheckTimeAcceptable(at('2026-03-02T09:10:00Z'), now)).toBe(true);
    expect(isCheckTimeAcceptable(at('2026-03-02T09:11:00Z'), now)).toBe(false);
  });
});

describe('computeTravelCredit: legs between consecutive visits', () => {
  const orleans = { latitude: 47.9029, longitude: 1.9093 };
  const olivet = { latitude: 47.8633, longitude: 1.9006 };
  it('credits each leg in the order done, with the detour factor; no commute from home', () => {
    const credit = computeTravelCredit(
      [
        { visitId: 'b', startAt: at('2026-03-02T11:00:00Z'), place: olivet },
        { visitId: 'a', startAt: at('2026-03-02T09:00:00Z'), place: orleans },
        { visitId: 'c', startAt: at('2026-03-02T14:00:00Z'), place: olivet },
      ],
      'car',
    );
    expect(credit.legs.map((l) => [l.fromVisitId, l.toVisitId])).toEqual([
      ['a', 'b'],
      ['b', 'c'],
    ]);
    // ≈ 4.46 km straight × 1.3 = 5.8 km; 5.8 / 28 km/h = 12.4 → 13 min + 3 min parking.
    expect(credit.legs[0]).toMatchObject({ km: 5.8, minutes: 16 });
    expect(credit.legs[1]).toMatchObject({ km: 0, minutes: 0 });
    expect(credit.totalMinutes).toBe(16);
    expect(credit.totalKm).toBe(5.8);
  });
  it('a leg to an unknown address counts nothing; one visit, no leg', () => {
    expect(computeTravelCredit([{ visitId: 'a', startAt: at('2026-03-02T09:00:00Z'), place: orleans }], 'walk').legs).toEqual([]);
    expect(computeTravelCredit([{ visitId: 'a', startAt: at('2026-03-02T09:00:00Z'), place: orleans }, { visitId: 'b', startAt: at('2026-03-02T10:00:00Z'), place: null }], 'car').legs[0]).toMatchObject({ minutes: 0, km: 0 });
  });
});

describe('the care-plan ledger', () => {
  const plan = { funder: 'apa', hoursPerMonth: 20, startsOn: '2026-01-01', endsOn: null };
  const visit = (over: Partial<LedgerVisit>): LedgerVisit => ({
    startsAt: at('2026-03-02T09:00:00+01:00'),
    durationMin: 120,
    status: 'planned',
    cancelledReason: null,
    workerId: 'w1',
    actualStartAt: null,
    actualEndAt: null,
    validationStatus: null,
    isWorkerAbsent: false,
    ...over,
  });

  it('funds pro rata of the days a plan covers in the month', () => {
    expect(fundedMinutesOf([plan], '2026-03').minutes).toBe(1200);
    expect(fundedMinutesOf([{ ...plan, startsOn: '2026-03-17' }], '2026-03').minutes).toBe(Math.round((1200 * 15) / 31));
    expect(fundedMinutesOf([{ ...plan, endsOn: '2026-02-28' }], '2026-03')).toEqual({ minutes: 0, funders: [] });
  });

  it('explains every planned minute not delivered by its cause', () => {
    const now = at('2026-04-01T12:00:00+02:00');
    const month = computeLedgerMonth(
      '2026-03',
      [plan],
      [
        visit({ actualStartAt: at('2026-03-02T09:00:00+01:00'), actualEndAt: at('2026-03-02T11:00:00+01:00'), status: 'done', validationStatus: 'valid' }),
        visit({ startsAt: at('2026-03-03T09:00:00+01:00'), actualStartAt: at('2026-03-03T09:00:00+01:00'), actualEndAt: at('2026-03-03T10:30:00+01:00'), status: 'done' }),
        visit({ startsAt: at('2026-03-04T09:00:00+01:00'), status: 'cancelled', cancelledReason: 'Hospitalisation' }),
        visit({ startsAt: at('2026-03-05T09:00:00+01:00'), isWorkerAbsent: true }),
        visit({ startsAt: at('2026-03-06T09:00:00+01:00'), workerId: null }),
        visit({ startsAt: at('2026-03-09T09:00:00+01:00') }),
      ],
      now,
    );
    expect(month.fundedMinutes).toBe(1200);
    expect(month.plannedMinutes).toBe(720);
    expect(month.deliveredMinutes).toBe(210);
    expect(month.deliveredPercent).toBe(18);
    expect(month.gaps.map((g) => [g.cause, g.minutes, g.visits])).toEqual([
      ['cancelled_by_person', 120, 1],
      ['worker_absent', 120, 1],
      ['not_replaced', 120, 1],
      ['not_done', 120, 1],
      ['shortened', 30, 1],
      ['not_scheduled', 480, 0],
    ]);
    expect(month.gaps[0]!.reasons).toEqual(['Hospitalisation']);
    expect(month.summary).toBe("3 h 30 réalisées sur 20 h financées par le plan d'aide (12 h prévues).");
  });

  it('future visits of the month are « à venir », not missing', () => {
    const month = computeLedgerMonth('2026-03', [plan], [visit({ startsAt: at('2026-03-20T09:00:00+01:00') })], at('2026-03-10T12:00:00+01:00'));
    expect(month.gaps.map((g) => g.cause)).toEqual(['not_scheduled', 'upcoming']);
  });

  it('months and their bounds, Europe/Paris', () => {
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthBounds('2026-03')).toEqual({ from: at('2026-02-28T23:00:00Z'), to: at('2026-03-31T22:00:00Z') });
  });
});

describe('exports', () => {
  it('delivery rows: local times, minutes and decimal hours, corrected visits said so', () => {
    const rows = deliveryRows([
      {
        organisationSiret: '73282932000074',
        organisationName: 'Structure A',
        planReference: 'APA-45-001',
        funder: 'apa',
        beneficiaryLastName: 'Martin',
        beneficiaryFirstName: 'Jeanne',
        beneficiaryBirthDate: '1940-05-01',
        communeCode: '45234',
        visitId: 'v1',
        activityCode: 'aide_personnes_agees',
        workerId: 'w1',
        plannedStartAt: at('2026-03-02T09:00:00+01:00'),
        plannedMin: 90,
        actualStartAt: at('2026-03-02T09:05:00+01:00'),
        actualEndAt: at('2026-03-02T10:35:00+01:00'),
        validationStatus: 'corrected',
        anomalyCodes: ['too_short'],
        reviewReason: 'Oubli du pointage ; heure confirmée par la famille',
      },
    ]);
    expect(rows[0]!.slice(11)).toEqual(['2026-03-02', '09:00', '90', '09:05', '10:35', '90', '1,50', 'CORRIGE', 'CORRIGEE', 'too_short', 'Oubli du pointage ; heure confirmée par la famille']);
    const csv = toCsv(['a', 'b'], [['x;y', 'z"w']]);
    expect(csv).toBe('\uFEFFa;b\r\n"x;y";"z""w"\r\n');
  });

  it('payroll rows: per worker, sorted by name, travel summed', () => {
    const rows = payrollRows(
      [
        { workerId: 'w2', lastName: 'Zola', firstName: 'Émile' },
        { workerId: 'w1', lastName: 'Adam', firstName: 'Inès' },
      ],
      [
        { workerId: 'w1', actualMin: 60, anomalyCount: 0 },
        { workerId: 'w1', actualMin: 90, anomalyCount: 1 },
      ],
      [
        { workerId: 'w1', minutes: 12, km: 4.2 },
        { workerId: 'w1', minutes: 8, km: 2.1 },
      ],
    );
    expect(rows).toEqual([
      { workerId: 'w1', lastName: 'Adam', firstName: 'Inès', visits: 2, workedMinutes: 150, travelMinutes: 20, travelKm: 6.3, anomalies: 1 },
      { workerId: 'w2', lastName: 'Zola', firstName: 'Émile', visits: 0, workedMinutes: 0, travelMinutes: 0, travelKm: 0, anomalies: 0 },
    ]);
  });
});
