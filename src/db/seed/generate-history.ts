/**
 * The past of the demo organisation, so that « usual worker » and the continuity of care mean something on the
 * schedule, and the télégestion, the care-plan ledger and the invoices have a month to show: every week from the
 * first day of the month before the demo week up to the demo week, planned the same way as the demo week (the
 * workers' weekly availability, a few away on leave or sick each week, each slot's regular worker preferred
 * from one week to the next), then done as a télégestion records it: checked in and out by the phone within
 * the tolerances, validated, a note for the next colleague now and then, the travel between visits credited.
 * The phone's raw check events are written for the demo account's worker only (« Mon activité » lists them);
 * the other visits carry the actuals the télégestion derives from the checks, as its own demo month does —
 * writing 16 000 more rows would double the first start.
 * Visits nobody could take that week are left out (the provider found another way or the visit did not take
 * place). Pure.
 */
import type { checkEvents, visitActuals, workerAbsences, workerTravelCredits } from '../schema';
import { computeTravelCredit } from '../../domain/telegestion';
import type { Rng } from '../../shared/rng';
import type { WeeklySlot } from './generate-availability';
import type { PlannedContract } from './generate-people';
import { generateVisits } from './generate-visits';
import { addDays, createLocalClock, localToInstant } from '../../shared/local-time';
import { chance, quickUuid, randomUuid } from './random';
import type { BeneficiaryRow, VisitRow, WorkerRow } from './rows';

export type VisitActualRow = typeof visitActuals.$inferInsert;
export type CheckEventRow = typeof checkEvents.$inferInsert & { id: string };
export type TravelCreditRow = typeof workerTravelCredits.$inferInsert & { id: string };
export type AbsenceRow = typeof workerAbsences.$inferInsert & { id: string };

export interface History {
  /** First local day of the history (the first day of the month before the demo week's month). */
  fromDate: string;
  visits: VisitRow[];
  actuals: VisitActualRow[];
  checkEvents: CheckEventRow[];
  travelCredits: TravelCreditRow[];
  /** The weeks of leave and sickness that made other workers step in. */
  absences: AbsenceRow[];
}

/** Share of workers away for a whole week (leave, sickness). */
const WEEKLY_ABSENCE_RATE = 0.06;
const TRANSMISSIONS = [
  'RAS, bonne humeur.',
  'A peu mangé ce midi, à surveiller.',
  'Plus de gel douche : prévenir la famille.',
  'Fatigué·e aujourd’hui, sieste après le repas.',
  'Rendez-vous chez le médecin jeudi à 10 h.',
  'Le linge est lancé, à étendre au prochain passage.',
  'Courses faites, ticket sur la table.',
  'Petite rougeur au talon, la famille est prévenue.',
];

/** The first day of the month before the one of `localDate`. */
export function historyStartOf(localDate: string): string {
  const [y, m] = localDate.split('-').map(Number) as [number, number];
  const month = m === 1 ? 12 : m - 1;
  return `${m === 1 ? y - 1 : y}-${String(month).padStart(2, '0')}-01`;
}

export function generateHistory(
  rng: Rng,
  input: {
    organisationId: string;
    /** Monday of the demo week: the history ends the day before. */
    weekStart: string;
    contracts: readonly PlannedContract[];
    beneficiaries: readonly BeneficiaryRow[];
    workers: readonly WorkerRow[];
    availability: ReadonlyMap<string, readonly WeeklySlot[]>;
    preferredWorkers: ReadonlyMap<string, string>;
    /** Workers never away (the demo account's, whose activity page shows the month). */
    alwaysPresent: ReadonlySet<string>;
    /** Workers whose phone's check-in and check-out events are written too (the others' visits carry the actuals only). */
    withCheckEvents: ReadonlySet<string>;
    /** Slot → regular worker (generate-visits.ts): filled here, for the demo week's planning to carry on. */
    regularWorkerOf: Map<string, string>;
  },
): History {
  const fromDate = historyStartOf(input.weekStart);
  const firstMonday = addDays(
    input.weekStart,
    -7 * Math.ceil((Date.parse(input.weekStart) - Date.parse(fromDate)) / 86_400_000 / 7),
  );
  const mine = input.workers.filter((w) => w.organisationId === input.organisationId);
  const workerById = new Map(mine.map((w) => [w.id, w]));
  const placeOf = new Map(
    input.beneficiaries.map((b) => [b.id, { latitude: b.latitude, longitude: b.longitude }]),
  );
  const clock = createLocalClock();
  const out: History = {
    fromDate,
    visits: [],
    actuals: [],
    checkEvents: [],
    travelCredits: [],
    absences: [],
  };

  for (let monday = firstMonday; monday < input.weekStart; monday = addDays(monday, 7)) {
    const away = new Set(
      mine.filter((w) => !input.alwaysPresent.has(w.id) && chance(rng, WEEKLY_ABSENCE_RATE)).map((w) => w.id),
    );
    for (const workerId of away) {
      out.absences.push({
        id: randomUuid(rng),
        organisationId: input.organisationId,
        workerId,
        startsAt: localToInstant(monday, '00:00'),
        endsAt: localToInstant(addDays(monday, 7), '00:00'),
        kind: chance(rng, 0.6) ? 'conge' : 'maladie',
        note: null,
      });
    }
    const week = generateVisits(rng, {
      contracts: input.contracts,
      beneficiaries: input.beneficiaries,
      workers: mine,
      weekStart: monday,
      preferredWorkers: input.preferredWorkers,
      availability: input.availability,
      organisationIds: new Set([input.organisationId]),
      absentWorkerIds: away,
      regularWorkerOf: input.regularWorkerOf,
    });
    const done = week.filter((v) => v.workerId !== null && clock.localDateOf(v.startsAt) >= fromDate);
    const byWorkerDay = new Map<string, { visitId: string; startAt: Date; beneficiaryId: string }[]>();
    for (const v of done) {
      v.status = 'done';
      // Checked in a little before or after the planned start (never late by the tolerance), for about the planned time.
      const startAt = new Date(v.startsAt.getTime() + rng.int(-5, 8) * 60_000);
      const endAt = new Date(startAt.getTime() + (v.durationMin + rng.int(-3, 6)) * 60_000);
      const transmission = chance(rng, 0.12) ? rng.pick(TRANSMISSIONS) : null;
      out.visits.push(v);
      out.actuals.push({
        visitId: v.id,
        organisationId: v.organisationId,
        workerId: v.workerId,
        actualStartAt: startAt,
        actualEndAt: endAt,
        checkedStartAt: startAt,
        checkedEndAt: endAt,
        tasksDone: [],
        transmission,
        reportedAt: transmission ? endAt : null,
        validationStatus: 'valid',
        anomalyCodes: [],
        updatedAt: endAt,
      });
      if (input.withCheckEvents.has(v.workerId!))
        for (const [kind, at] of [
          ['check_in', startAt],
          ['check_out', endAt],
        ] as const) {
          out.checkEvents.push({
            id: quickUuid(rng),
            organisationId: v.organisationId,
            visitId: v.id,
            workerId: v.workerId!,
            kind,
            at,
            atText: clock.isoWithOffset(at),
            receivedAt: new Date(at.getTime() + rng.int(1, 40) * 1000),
            idempotencyKey: `demo-${v.id}-${kind}`,
            response: null,
            source: 'direct',
          });
        }
      const key = `${v.workerId}|${clock.localDateOf(v.startsAt)}`;
      const day = byWorkerDay.get(key);
      if (day) day.push({ visitId: v.id, startAt, beneficiaryId: v.beneficiaryId });
      else byWorkerDay.set(key, [{ visitId: v.id, startAt, beneficiaryId: v.beneficiaryId }]);
    }
    for (const [key, day] of byWorkerDay) {
      const [workerId, localDate] = key.split('|') as [string, string];
      const credit = computeTravelCredit(
        day.map((d) => ({
          visitId: d.visitId,
          startAt: d.startAt,
          place: placeOf.get(d.beneficiaryId) ?? null,
        })),
        workerById.get(workerId)?.transportMode ?? 'car',
      );
      out.travelCredits.push({
        id: quickUuid(rng),
        organisationId: input.organisationId,
        workerId,
        localDate,
        legs: credit.legs,
        totalMinutes: credit.totalMinutes,
        totalKm: credit.totalKm,
      });
    }
  }
  return out;
}
