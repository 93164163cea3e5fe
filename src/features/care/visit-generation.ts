/**
 * A week's visits generated from the organisation's active contracts, idempotently (one visit per
 * occurrence key), plus the hand changes the generation must respect: cancellation and one-off changes.
 * Continuity: a new visit gets the worker of the same occurrence the week before when that worker can
 * still do it; otherwise it stays unassigned (for the schedule feature to plan) and the reason is told.
 */
import type { TenantScope } from '../../db/tenant-scope';
import type { Actor } from '../../domain/access';
import { expandContractOccurrences, occurrenceKey, weekBounds, type RecurrenceSlot } from '../../domain/recurrence';
import { addDays, localDateOf, localTimeOf, localToInstant, minutesOfTime } from '../../shared/local-time';
import { skillsOn } from '../../domain/worker-qualifications';
import type { Clock } from '../../shared/clock';
import { DomainError, notFound } from '../../shared/errors';
import * as repo from './care.repo';
import * as visitsRepo from './visits.repo';

/** Default availability when a worker has none recorded: Monday to Friday, 07:00–20:00. */
export const DEFAULT_AVAILABILITY: readonly { weekday: number; start: string; end: string }[] = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '07:00', end: '20:00' }));

/** The prefix of the reason of a visit cancelled by a contract's suspension. */
export const SUSPENSION_REASON_PREFIX = 'Contrat suspendu';

const MINUTE_MS = 60_000;

/** True when [start, start + durationMin) lies inside one of the weekday's slots (none recorded: the default). */
export function isWithinAvailability(slots: readonly { weekday: number; start: string; end: string }[], weekday: number, startMin: number, durationMin: number): boolean {
  const effective = slots.length > 0 ? slots : DEFAULT_AVAILABILITY;
  return effective.some((s) => s.weekday === weekday && minutesOfTime(s.start) <= startMin && startMin + durationMin <= minutesOfTime(s.end));
}

export function visitView(v: visitsRepo.VisitRow) {
  return {
    id: v.id,
    contractId: v.contractId,
    beneficiaryId: v.beneficiaryId,
    workerId: v.workerId,
    activityCode: v.activityCode,
    startsAt: v.startsAt,
    durationMin: v.durationMin,
    windowStartsAt: v.windowStartsAt,
    windowEndsAt: v.windowEndsAt,
    requiredSkills: v.requiredSkills,
    status: v.status,
    cancelledReason: v.cancelledReason,
    isOneOff: v.isOneOff,
    isLocked: v.isLocked,
    occurrenceKey: v.occurrenceKey,
  };
}

export interface GenerationConflict {
  occurrenceKey: string;
  contractId: string;
  beneficiaryId: string;
  localDate: string;
  visitId: string | null;
  workerId: string | null;
  /** French explanation. */
  reason: string;
}

/** The reason of a generated visit whose slot left the contract (slot removed, contract ended or shortened). */
export const CONTRACT_CHANGE_REASON = 'Ne fait plus partie du contrat';

export function createVisitGeneration(deps: { inTransaction: <T>(scope: TenantScope, fn: (tx: TenantScope) => Promise<T>) => Promise<T>; clock: Clock }) {
  return {
    /**
     * Creates the visits of the week starting on Monday `weekStart` (local date, Europe/Paris) from the
     * active contracts. Existing visits (same occurrence key) are kept as they are, one-off changes and
     * assignments included; a suspension cancels the planned visits it covers, and lifting it restores them.
     * Future visits nobody changed by hand follow a change of their contract: new time, window or duration,
     * or cancelled when their slot left the contract.
     */
    async generateWeek(scope: TenantScope, _actor: Actor, weekStart: string) {
      return deps.inTransaction(scope, async (tx) => {
        await visitsRepo.lockWeekGeneration(tx, weekStart);
        const lastDay = addDays(weekStart, 6);
        const bounds = weekBounds(weekStart);
        const contracts = await repo.findContracts(tx, { activeBetween: { from: weekStart, to: lastDay } });
        const suspensions = await repo.findSuspensions(tx, contracts.map((c) => c.id));
        const occurrences = contracts.flatMap((contract) =>
          expandContractOccurrences(
            { recurrence: contract.recurrence as RecurrenceSlot[], startsOn: contract.startsOn, endsOn: contract.endsOn, suspensions: suspensions.filter((s) => s.contractId === contract.id) },
            { from: weekStart, to: lastDay },
            { includeSuspended: true },
          ).map((occurrence) => ({ contract, occurrence, key: occurrenceKey(contract.id, occurrence.localDate, occurrence.slotIndex) })),
        );
        occurrences.sort((a, b) => a.occurrence.startsAt.getTime() - b.occurrence.startsAt.getTime());

        const existing = new Map((await visitsRepo.findVisitsByOccurrenceKeys(tx, occurrences.map((o) => o.key))).map((v) => [v.occurrenceKey!, v]));
        // Visits of these contracts made without a key (the demo seed's week, older data) stand for their
        // occurrence when they start in its window on its day: they get its key instead of a duplicate. The
        // week before is looked at too, so that continuity sees its workers.
        const previousWeek = contracts.flatMap((contract) =>
          expandContractOccurrences(
            { recurrence: contract.recurrence as RecurrenceSlot[], startsOn: contract.startsOn, endsOn: contract.endsOn, suspensions: suspensions.filter((s) => s.contractId === contract.id) },
            { from: addDays(weekStart, -7), to: addDays(weekStart, -1) },
          ).map((occurrence) => ({ contract, occurrence, key: occurrenceKey(contract.id, occurrence.localDate, occurrence.slotIndex) })),
        );
        const keylessByContract = new Map<string, { visit: visitsRepo.VisitRow; localDate: string }[]>();
        for (const visit of await visitsRepo.findKeylessVisitsOfContracts(tx, contracts.map((c) => c.id), new Date(bounds.from.getTime() - 8 * 86_400_000), new Date(bounds.to.getTime() + 86_400_000))) {
          const list = keylessByContract.get(visit.contractId!) ?? [];
          list.push({ visit, localDate: localDateOf(visit.startsAt) });
          keylessByContract.set(visit.contractId!, list);
        }
        const adoptedKeys = new Set<string>();
        const adoptions: { id: string; occurrenceKey: string }[] = [];
        const alreadyKeyed = new Set((await visitsRepo.findVisitsByOccurrenceKeys(tx, previousWeek.map((o) => o.key))).map((v) => v.occurrenceKey!));
        for (const o of [...previousWeek, ...occurrences]) {
          const candidates = keylessByContract.get(o.contract.id);
          if (!candidates || candidates.length === 0 || existing.has(o.key) || alreadyKeyed.has(o.key)) continue;
          const index = candidates.findIndex(
            (c) => c.localDate === o.occurrence.localDate && c.visit.startsAt.getTime() >= o.occurrence.windowStartsAt.getTime() && c.visit.startsAt.getTime() <= o.occurrence.windowEndsAt.getTime(),
          );
          if (index < 0) continue;
          const visit = candidates.splice(index, 1)[0]!.visit;
          adoptions.push({ id: visit.id, occurrenceKey: o.key });
          if (o.occurrence.localDate >= weekStart) {
            existing.set(o.key, { ...visit, occurrenceKey: o.key });
            adoptedKeys.add(o.key);
          }
        }
        await visitsRepo.setOccurrenceKeys(tx, adoptions);
        const previousKey = (o: (typeof occurrences)[number]) => occurrenceKey(o.contract.id, addDays(o.occurrence.localDate, -7), o.occurrence.slotIndex);
        const previous = new Map((await visitsRepo.findVisitsByOccurrenceKeys(tx, occurrences.map(previousKey))).map((v) => [v.occurrenceKey!, v]));

        // What continuity needs to know of last week's workers.
        const candidateIds = [...new Set([...previous.values()].flatMap((v) => (v.workerId && v.status !== 'cancelled' ? [v.workerId] : [])))];
        const [workers, qualifications, availability, absences, busy, preferences] = await Promise.all([
          repo.findWorkers(tx, { ids: candidateIds }),
          repo.findQualifications(tx, candidateIds),
          repo.findAvailability(tx, candidateIds),
          repo.findAbsences(tx, { workerIds: candidateIds, from: bounds.from, to: bounds.to }),
          visitsRepo.findPlannedVisitsOfWorkers(tx, candidateIds, bounds.from, bounds.to),
          repo.findPreferences(tx, [...new Set(occurrences.map((o) => o.contract.beneficiaryId))]),
        ]);
        const workerById = new Map(workers.map((w) => [w.id, w]));
        const busyOf = new Map<string, { start: number; end: number }[]>();
        const addBusy = (workerId: string, start: Date, durationMin: number) => {
          const list = busyOf.get(workerId) ?? [];
          list.push({ start: start.getTime(), end: start.getTime() + durationMin * MINUTE_MS });
          busyOf.set(workerId, list);
        };
        for (const v of busy) if (v.workerId) addBusy(v.workerId, v.startsAt, v.durationMin);

        const continuityProblem = (o: (typeof occurrences)[number], workerId: string, requiredSkills: readonly string[], startsAt: Date): string | null => {
          const w = workerById.get(workerId);
          const name = w ? `${w.firstName} ${w.lastName}` : "L'intervenant·e de la semaine précédente";
          if (!w) return `${name} ne fait plus partie de la structure.`;
          if (preferences.some((p) => p.beneficiaryId === o.contract.beneficiaryId && p.workerId === workerId && p.kind === 'refused')) return `${name} est refusé·e par le bénéficiaire.`;
          const skills = skillsOn(w.skills, qualifications.filter((q) => q.workerId === workerId), o.occurrence.localDate);
          const missing = requiredSkills.filter((s) => !skills.includes(s));
          if (missing.length > 0) return `${name} n'a plus la compétence requise (${missing.join(', ')}).`;
          const slots = availability.filter((a) => a.workerId === workerId).map((a) => ({ weekday: a.weekday, start: a.startTime, end: a.endTime }));
          if (!isWithinAvailability(slots, o.occurrence.weekday, minutesOfTime(localTimeOf(startsAt)), o.occurrence.durationMin)) return `${name} n'est pas disponible à cette heure.`;
          const start = startsAt.getTime();
          const end = start + o.occurrence.durationMin * MINUTE_MS;
          if (absences.some((a) => a.workerId === workerId && a.startsAt.getTime() < end && a.endsAt.getTime() > start)) return `${name} est absent·e.`;
          if ((busyOf.get(workerId) ?? []).some((b) => b.start < end && b.end > start)) return `${name} a déjà une intervention à cette heure.`;
          return null;
        };

        const now = deps.clock.now().getTime();
        const isUntouchedFuture = (v: visitsRepo.VisitRow) => !v.isOneOff && !v.isLocked && v.status === 'planned' && v.startsAt.getTime() > now;
        let kept = 0;
        let restored = 0;
        let updatedByContract = 0;
        let cancelledByContract = 0;
        let cancelledBySuspension = 0;
        const conflicts: GenerationConflict[] = [];
        const warnings: string[] = [];
        const toInsert: Parameters<typeof visitsRepo.insertGeneratedVisits>[1] = [];
        const continuityKeys = new Set<string>();

        for (const o of occurrences) {
          const { contract, occurrence, key } = o;
          if (occurrence.warning) warnings.push(occurrence.warning);
          const suspensionReason = occurrence.suspension ? `${SUSPENSION_REASON_PREFIX} : ${occurrence.suspension.reason}` : null;
          const visit = existing.get(key);
          const base = { occurrenceKey: key, contractId: contract.id, beneficiaryId: contract.beneficiaryId, localDate: occurrence.localDate };
          if (visit) {
            if (visit.isOneOff) {
              kept++;
              if (suspensionReason && visit.status === 'planned') conflicts.push({ ...base, visitId: visit.id, workerId: visit.workerId, reason: 'Une intervention modifiée à la main tombe pendant une suspension du contrat : annulez-la si besoin.' });
            } else if (suspensionReason && visit.status === 'planned') {
              await visitsRepo.setVisitStatus(tx, visit.id, { status: 'cancelled', cancelledReason: suspensionReason });
              cancelledBySuspension++;
            } else if (!suspensionReason && visit.status === 'cancelled' && visit.cancelledReason?.startsWith(SUSPENSION_REASON_PREFIX)) {
              await visitsRepo.setVisitStatus(tx, visit.id, { status: 'planned', cancelledReason: null });
              restored++;
            } else if (!suspensionReason && !adoptedKeys.has(key) && isUntouchedFuture(visit) && (visit.windowStartsAt.getTime() !== occurrence.windowStartsAt.getTime() || visit.windowEndsAt.getTime() !== occurrence.windowEndsAt.getTime() || visit.durationMin !== occurrence.durationMin || visit.activityCode !== contract.activityCode || visit.requiredSkills.join() !== contract.requiredSkills.join())) {
              await visitsRepo.updateGeneratedVisit(tx, visit.id, { startsAt: occurrence.startsAt, durationMin: occurrence.durationMin, windowStartsAt: occurrence.windowStartsAt, windowEndsAt: occurrence.windowEndsAt, requiredSkills: contract.requiredSkills, activityCode: contract.activityCode });
              updatedByContract++;
              if (visit.workerId) conflicts.push({ ...base, visitId: visit.id, workerId: visit.workerId, reason: "L'intervention a changé avec le contrat (heure, durée ou compétences) : vérifiez son affectation." });
            } else {
              kept++;
            }
            continue;
          }
          let workerId: string | null = null;
          const last = previous.get(previousKey(o));
          // Contracts made before required skills were recorded (the demo seed's) keep last week's.
          const requiredSkills = contract.requiredSkills.length > 0 ? contract.requiredSkills : (last?.requiredSkills ?? []);
          let startsAt = occurrence.startsAt;
          if (!suspensionReason && last?.workerId && last.status !== 'cancelled') {
            // The same worker at last week's time of day when it fits this week's window (the round they
            // planned), else at the contract's time.
            const sameTime = localToInstant(occurrence.localDate, localTimeOf(last.startsAt));
            const fitsWindow = sameTime.getTime() >= occurrence.windowStartsAt.getTime() && sameTime.getTime() <= occurrence.windowEndsAt.getTime();
            const tries = fitsWindow && sameTime.getTime() !== occurrence.startsAt.getTime() ? [sameTime, occurrence.startsAt] : [occurrence.startsAt];
            let problem: string | null = null;
            for (const candidate of tries) {
              problem = continuityProblem(o, last.workerId, requiredSkills, candidate);
              if (!problem) {
                startsAt = candidate;
                break;
              }
            }
            if (problem) conflicts.push({ ...base, visitId: null, workerId: last.workerId, reason: `${problem} L'intervention reste à planifier.` });
            else {
              workerId = last.workerId;
              addBusy(workerId, startsAt, occurrence.durationMin);
              continuityKeys.add(key);
            }
          }
          if (suspensionReason) cancelledBySuspension++;
          toInsert.push({
            contractId: contract.id,
            beneficiaryId: contract.beneficiaryId,
            workerId,
            activityCode: contract.activityCode,
            startsAt,
            durationMin: occurrence.durationMin,
            windowStartsAt: occurrence.windowStartsAt,
            windowEndsAt: occurrence.windowEndsAt,
            requiredSkills,
            status: suspensionReason ? 'cancelled' : 'planned',
            cancelledReason: suspensionReason,
            occurrenceKey: key,
            isOneOff: false,
          });
        }
        // Generated visits of the week whose slot is no longer asked for by an active contract.
        const wanted = new Set(occurrences.map((o) => o.key));
        const generatedThisWeek = await visitsRepo.findGeneratedVisitsBetween(tx, new Date(bounds.from.getTime() - 86_400_000), new Date(bounds.to.getTime() + 86_400_000));
        for (const v of generatedThisWeek) {
          const localDate = v.occurrenceKey!.split(':')[1] ?? '';
          if (localDate < weekStart || localDate > lastDay || wanted.has(v.occurrenceKey!) || !isUntouchedFuture(v)) continue;
          await visitsRepo.setVisitStatus(tx, v.id, { status: 'cancelled', cancelledReason: CONTRACT_CHANGE_REASON });
          cancelledByContract++;
          if (v.workerId) conflicts.push({ occurrenceKey: v.occurrenceKey!, contractId: v.contractId ?? '', beneficiaryId: v.beneficiaryId, localDate, visitId: v.id, workerId: v.workerId, reason: `${CONTRACT_CHANGE_REASON} : l'intervention affectée est annulée.` });
        }
        const inserted = await visitsRepo.insertGeneratedVisits(tx, toInsert);
        const created = inserted.filter((v) => v.status === 'planned');
        // A key another request inserted meanwhile is not ours: it counts as kept.
        kept += toInsert.length - inserted.length;
        for (const c of conflicts) if (c.visitId === null) c.visitId = inserted.find((v) => v.occurrenceKey === c.occurrenceKey)?.id ?? null;
        return {
          weekStart,
          created: created.length,
          kept,
          restored,
          adopted: adoptedKeys.size,
          updatedByContract,
          cancelledByContract,
          cancelledBySuspension,
          assignedByContinuity: created.filter((v) => continuityKeys.has(v.occurrenceKey!)).length,
          unassigned: created.filter((v) => v.workerId === null).length,
          conflicts,
          warnings,
          visits: inserted.map((v) => ({ ...visitView(v), assignment: v.workerId ? ('continuity' as const) : v.status === 'cancelled' ? ('cancelled' as const) : ('unassigned' as const) })),
        };
      });
    },

    /** Cancels a visit by hand; regeneration keeps it cancelled. */
    async cancelVisit(scope: TenantScope, _actor: Actor, id: string, reason: string) {
      return deps.inTransaction(scope, async (tx) => {
        const visit = await visitsRepo.findVisit(tx, id);
        if (!visit) throw notFound('Intervention');
        if (visit.status === 'done') throw new DomainError('conflict', "Cette intervention a eu lieu : elle ne peut plus être annulée.");
        const updated = await visitsRepo.setVisitStatus(tx, id, { status: 'cancelled', cancelledReason: reason, isOneOff: true });
        return visitView(updated!);
      });
    },

    /** Moves or resizes one visit only (the contract is unchanged); its window follows the new start. */
    async changeVisitOneOff(scope: TenantScope, _actor: Actor, id: string, change: { startsAt?: string; durationMin?: number }) {
      return deps.inTransaction(scope, async (tx) => {
        const visit = await visitsRepo.findVisit(tx, id);
        if (!visit) throw notFound('Intervention');
        if (visit.status !== 'planned') throw new DomainError('conflict', "Seule une intervention prévue peut être modifiée.");
        const startsAt = change.startsAt ? new Date(change.startsAt) : visit.startsAt;
        const halfWindow = (visit.windowEndsAt.getTime() - visit.windowStartsAt.getTime()) / 2;
        const updated = await visitsRepo.changeVisitOneOff(tx, id, {
          startsAt,
          durationMin: change.durationMin ?? visit.durationMin,
          windowStartsAt: new Date(startsAt.getTime() - halfWindow),
          windowEndsAt: new Date(startsAt.getTime() + halfWindow),
        });
        return visitView(updated!);
      });
    },
  };
}
