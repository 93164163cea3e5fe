/**
 * The details of the demo files that the workspace shows: APA plans of dependent beneficiaries, a family
 * contact for each, and dated qualifications of the workers (SST lapses every two years, so some are due
 * for renewal soon and raise the qualification alert). Pure: derived from the rows already generated.
 */
import type { beneficiaryContacts, carePlans, workerQualifications } from '../schema';
import { getSkill, isSkillCode } from '../../domain/skills';
import type { Rng } from '../../shared/rng';
import { ADULT_FEMALE_FIRST_NAMES, ADULT_MALE_FIRST_NAMES } from './french-data';
import { randomMobilePhone } from './identity';
import { chance, randomUuid } from './random';
import type { BeneficiaryRow, HouseholdRow, WorkerRow } from './rows';

export type CarePlanRow = typeof carePlans.$inferInsert & { id: string };
export type BeneficiaryContactRow = typeof beneficiaryContacts.$inferInsert & { id: string };
export type WorkerQualificationRow = typeof workerQualifications.$inferInsert & { id: string };

/** Usual monthly hours of an APA plan by GIR, when the file does not say (orders of magnitude, not rules). */
const APA_HOURS_BY_GIR: Record<number, number> = { 1: 55, 2: 45, 3: 32, 4: 20 };
/** SST certificates must be refreshed every 24 months (MAC SST). */
const SST_VALIDITY_MONTHS = 24;

const addDays = (isoDate: string, days: number): string => {
  const d = new Date(`${isoDate}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
const addMonths = (isoDate: string, months: number): string => {
  const d = new Date(`${isoDate}T12:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
};

export interface CareDetails {
  carePlans: CarePlanRow[];
  contacts: BeneficiaryContactRow[];
  qualifications: WorkerQualificationRow[];
}

export function generateCareDetails(
  rng: Rng,
  input: { weekStart: string; beneficiaries: readonly BeneficiaryRow[]; households: readonly HouseholdRow[]; workers: readonly WorkerRow[] },
): CareDetails {
  const householdById = new Map(input.households.map((h) => [h.id, h]));
  const carePlans: CarePlanRow[] = [];
  const contacts: BeneficiaryContactRow[] = [];

  for (const b of input.beneficiaries) {
    if (b.gir === null || b.gir > 4) continue;
    // The file's own note wins (« Plan d’aide APA : 38 h par mois »), so the demo family's figures agree.
    const noted = /APA\s*:\s*(\d+(?:[.,]\d+)?)\s*h/.exec(b.notes ?? '');
    const hoursPerMonth = noted ? Number(noted[1]!.replace(',', '.')) : APA_HOURS_BY_GIR[b.gir]!;
    carePlans.push({
      id: randomUuid(rng),
      organisationId: b.organisationId,
      beneficiaryId: b.id,
      funder: 'apa',
      hoursPerMonth,
      // The département's share of an hour: what is left after the beneficiary's participation.
      funderShareBp: 10_000 - 500 * rng.int(0, 8),
      reference: `APA-45-${String(rng.int(100_000, 999_999))}`,
      startsOn: addDays(input.weekStart, -rng.int(60, 900)),
      endsOn: null,
    });
    const household = householdById.get(b.householdId);
    const female = chance(rng, 0.65);
    contacts.push({
      id: randomUuid(rng),
      organisationId: b.organisationId,
      beneficiaryId: b.id,
      kind: 'famille',
      name: `${rng.pick(female ? ADULT_FEMALE_FIRST_NAMES : ADULT_MALE_FIRST_NAMES)} ${b.lastName}`,
      relationship: female ? 'fille' : 'fils',
      phone: household?.userId ? household.phone : randomMobilePhone(rng),
      email: household?.userId ? household.email : null,
      isEmergencyContact: true,
      note: null,
    });
  }

  const qualifications: WorkerQualificationRow[] = [];
  for (const w of input.workers) {
    for (const code of w.skills ?? []) {
      if (!isSkillCode(code) || getSkill(code).kind === 'competence') continue;
      const isSst = code === 'sst';
      // SST expires between 10 days and 23 months after the demo week: never lapsed, some due soon.
      const expiresOn = isSst ? addDays(input.weekStart, rng.int(10, 700)) : null;
      qualifications.push({
        id: randomUuid(rng),
        organisationId: w.organisationId,
        workerId: w.id,
        skillCode: code,
        obtainedOn: expiresOn ? addMonths(expiresOn, -SST_VALIDITY_MONTHS) : addDays(input.weekStart, -rng.int(400, 6000)),
        expiresOn,
        reference: null,
      });
    }
  }
  return { carePlans, contacts, qualifications };
}
