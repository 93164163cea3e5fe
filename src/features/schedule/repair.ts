/**
 * Repair after an absence: the absent worker's visits ("orphans") go to other workers with as few
 * changes as possible — every other visit stays with its worker at its time. Pure.
 *
 * 1. `buildRepairProblem`: the optimiser's problem restricted to the affected days, every visit but the
 *    orphans pinned (a short run inserts the orphans around them);
 * 2. `settleRepair`: each placement the run proposes is accepted only if it adds no conflict to its
 *    worker's day; the others get the cheapest feasible insertion into an existing day (added travel,
 *    minus a bonus for a worker the beneficiary knows); what still does not fit stays unassigned, with why.
 */
import { findConflicts } from './conflicts';
import { endsAtOf, homeOf, placeOf, travelBetween, type PlanningBeneficiary, type PlanningWorker, type PlanVisit } from './planning';
import { buildProblem, knownWorkersOf, PREFERENCE_COST, type BuiltProblem, type Proposal } from './problem-builder';
import { localDayOf, shiftsOn } from './shifts';

export interface RepairContext {
  workers: readonly PlanningWorker[];
  beneficiaries: readonly PlanningBeneficiary[];
  /** Every planned visit of the affected days (all workers). */
  visits: readonly PlanVisit[];
  orphanIds: ReadonlySet<string>;
  usualWorkers?: ReadonlyMap<string, readonly string[]>;
}

export interface RepairPlacement {
  visitId: string;
  fromWorkerId: string | null;
  toWorkerId: string;
  startsAt: string;
}

export interface RepairResult {
  reassigned: RepairPlacement[];
  unassigned: Array<{ visitId: string; reason: string }>;
}

/** The days touched by the orphans, as the optimiser's problem with everything else pinned. */
export function buildRepairProblem(ctx: RepairContext): BuiltProblem | null {
  const orphans = ctx.visits.filter((v) => ctx.orphanIds.has(v.id));
  if (orphans.length === 0) return null;
  const days = [...new Set(orphans.map((v) => localDayOf(v.startsAt)))].sort();
  const pinned = new Set(ctx.visits.filter((v) => !ctx.orphanIds.has(v.id) && v.workerId).map((v) => v.id));
  const onDays = ctx.visits.filter((v) => days.includes(localDayOf(v.startsAt)) && (pinned.has(v.id) || ctx.orphanIds.has(v.id)));
  // An orphan starts without a worker; the other unassigned visits of those days are not part of the repair.
  const visits = onDays.map((v) => (ctx.orphanIds.has(v.id) ? { ...v, workerId: null, isLocked: false } : v));
  return buildProblem({
    fromDate: days[0]!,
    toDate: days[days.length - 1]!,
    workers: ctx.workers,
    beneficiaries: ctx.beneficiaries,
    visits,
    usualWorkers: ctx.usualWorkers,
    pinnedVisitIds: pinned,
  });
}

const conflictKeys = (visits: readonly PlanVisit[], ctx: RepairContext, workerId: string, day: string): Set<string> => {
  const ofDay = visits.filter((v) => v.workerId === workerId && localDayOf(v.startsAt) === day);
  return new Set(findConflicts({ visits: ofDay, workers: ctx.workers, beneficiaries: ctx.beneficiaries }).map((c) => `${c.visitId}|${c.code}`));
};

/**
 * Whether putting `visit` on `workerId` at `startsAt` adds a conflict to that worker's day; `before` (that day's
 * conflicts without the move) can be given when several starts are tried on the same day.
 */
function addsConflict(
  plan: readonly PlanVisit[],
  ctx: RepairContext,
  visit: PlanVisit,
  workerId: string,
  startsAt: Date,
  before: ReadonlySet<string> = conflictKeys(plan, ctx, workerId, localDayOf(startsAt)),
): boolean {
  const day = localDayOf(startsAt);
  const after = conflictKeys([...plan.filter((v) => v.id !== visit.id), { ...visit, workerId, startsAt }], ctx, workerId, day);
  for (const k of after) if (!before.has(k)) return true;
  return false;
}

/** Cheapest insertion of one visit into the existing days, or null when it fits nowhere without a conflict. */
export function cheapestInsertion(plan: readonly PlanVisit[], ctx: RepairContext, visit: PlanVisit, excludedWorkerIds: ReadonlySet<string>): { workerId: string; startsAt: Date; cost: number } | null {
  const beneficiary = ctx.beneficiaries.find((b) => b.id === visit.beneficiaryId);
  const place = placeOf(beneficiary);
  const known = knownWorkersOf(beneficiary ? [beneficiary] : [], ctx.usualWorkers).get(visit.beneficiaryId) ?? new Set<string>();
  const day = localDayOf(visit.startsAt);
  const beneficiaryById = new Map(ctx.beneficiaries.map((b) => [b.id, b]));
  const routes = new Map<string, PlanVisit[]>();
  for (const v of plan) if (v.workerId && v.status !== 'cancelled' && localDayOf(v.startsAt) === day) routes.set(v.workerId, [...(routes.get(v.workerId) ?? []), v]);
  let best: { workerId: string; startsAt: Date; cost: number } | null = null;
  for (const w of ctx.workers) {
    if (excludedWorkerIds.has(w.id) || beneficiary?.refusedWorkerIds.includes(w.id)) continue;
    if (!visit.requiredSkills.every((s) => w.skills.includes(s))) continue;
    const shifts = shiftsOn(w, day);
    if (shifts.length === 0) continue;
    const route = (routes.get(w.id) ?? []).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    let before: Set<string> | undefined; // the worker's day without the visit: the same for every start tried
    for (let pos = 0; pos <= route.length; pos++) {
      const prev = route[pos - 1];
      const next = route[pos];
      const from = prev ? placeOf(beneficiaryById.get(prev.beneficiaryId)) : homeOf(w);
      const to = next ? placeOf(beneficiaryById.get(next.beneficiaryId)) : homeOf(w);
      const tIn = travelBetween(from, place, w.transportMode).seconds * 1000;
      const tOut = travelBetween(place, to, w.transportMode).seconds * 1000;
      const tDirect = travelBetween(from, to, w.transportMode).seconds * 1000;
      for (const shift of shifts) {
        const earliest = Math.max(visit.windowStartsAt.getTime(), prev ? endsAtOf(prev).getTime() + tIn : shift.start + tIn, shift.start);
        const startMs = Math.ceil(earliest / 60_000) * 60_000;
        const endMs = startMs + visit.durationMin * 60_000;
        if (startMs > visit.windowEndsAt.getTime() || endMs > shift.end) continue;
        if (next && endMs + tOut > next.startsAt.getTime()) continue;
        const cost = (tIn + tOut - tDirect) / 1000 - (known.has(w.id) ? PREFERENCE_COST : 0);
        if (best && cost >= best.cost) continue;
        before ??= conflictKeys(plan, ctx, w.id, day);
        if (addsConflict(plan, ctx, visit, w.id, new Date(startMs), before)) continue;
        best = { workerId: w.id, startsAt: new Date(startMs), cost };
      }
    }
  }
  return best;
}

const NO_ROOM = 'Aucun·e intervenant·e qualifié·e et disponible ce jour-là sans déplacer d’autres interventions.';

/**
 * The repair as changes: the optimiser's placements that add no conflict, then the cheapest feasible
 * insertion for the orphans still out. Visits other than the orphans never move.
 */
export function settleRepair(ctx: RepairContext, proposal: Proposal | null, absentWorkerIds: ReadonlySet<string>): RepairResult {
  const orphans = ctx.visits.filter((v) => ctx.orphanIds.has(v.id)).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  let plan: PlanVisit[] = ctx.visits.map((v) => (ctx.orphanIds.has(v.id) ? { ...v, workerId: null } : v));
  const proposed = new Map((proposal?.assignments ?? []).map((a) => [a.visitId, a]));
  const reassigned: RepairPlacement[] = [];
  const unassigned: RepairResult['unassigned'] = [];
  const place = (visit: PlanVisit, workerId: string, startsAt: Date): void => {
    plan = plan.map((v) => (v.id === visit.id ? { ...v, workerId, startsAt } : v));
    reassigned.push({ visitId: visit.id, fromWorkerId: visit.workerId, toWorkerId: workerId, startsAt: startsAt.toISOString() });
  };
  const later: PlanVisit[] = [];
  for (const visit of orphans) {
    const p = proposed.get(visit.id);
    if (p?.workerId && !absentWorkerIds.has(p.workerId) && !addsConflict(plan, ctx, visit, p.workerId, new Date(p.startsAt))) place(visit, p.workerId, new Date(p.startsAt));
    else later.push(visit);
  }
  for (const visit of later) {
    const best = cheapestInsertion(plan, ctx, visit, absentWorkerIds);
    if (best) place(visit, best.workerId, best.startsAt);
    else unassigned.push({ visitId: visit.id, reason: proposal?.unassigned.find((u) => u.visitId === visit.id)?.reason ?? NO_ROOM });
  }
  return { reassigned, unassigned };
}
