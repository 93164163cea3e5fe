/**
 * The whole demo territory as plain rows, from a seed, a geography and the Monday of the demo week.
 * Same inputs, same rows (ids included): the generation draws from independent Rng streams per part.
 */
import type { users } from '../schema';
import { DEMO_WORKER_NAME, demoAccounts } from './demo-accounts';
import { DEFAULT_SIZE, generateOrganisations, type TerritorySize } from './generate-organisations';
import { generatePeople } from './generate-people';
import { generateVisits } from './generate-visits';
import { generateAvailability, type AvailabilityRow } from './generate-availability';
import { generateHistory, type History } from './generate-history';
import { generateSectors, type SectorRow } from './generate-sectors';
import { generateCareDetails, type CareDetails } from './generate-care-details';
import { generateWorkers } from './generate-people';
import type { Geography, GeoCommune } from './geography';
import { deriveRng, randomUuid } from './random';
import type {
  BeneficiaryRow,
  CommuneRow,
  ContractRow,
  HouseholdRow,
  OrganisationActivityRow,
  OrganisationCommuneRow,
  OrganisationRegimeRow,
  OrganisationRow,
  TerritoryRow,
  VisitRow,
  WorkerRow,
} from './rows';

/** A demo account's row, without its password hash (computed at insertion, it is salted). */
export type DemoUserRow = Pick<typeof users.$inferInsert, 'email' | 'displayName' | 'role'> & {
  id: string;
  organisationId: string | null;
  territoryId: string | null;
};

export interface DemoData {
  /** Monday of the demo week (local date, Europe/Paris). */
  weekStart: string;
  territory: TerritoryRow;
  communes: CommuneRow[];
  organisations: OrganisationRow[];
  organisationActivities: OrganisationActivityRow[];
  organisationCommunes: OrganisationCommuneRow[];
  organisationRegimes: OrganisationRegimeRow[];
  users: DemoUserRow[];
  workers: WorkerRow[];
  households: HouseholdRow[];
  beneficiaries: BeneficiaryRow[];
  contracts: ContractRow[];
  /** The demo week's visits. */
  visits: VisitRow[];
  /** Weekly availability of every worker (the pattern the plans follow). */
  availability: AvailabilityRow[];
  /** The sectors of the larger organisations (their workers' `sectorId` points to them). */
  sectors: SectorRow[];
  /** The demo organisation's past weeks, done and validated (visits, actuals, checks, travel, absences). */
  history: History;
  /** APA plans, family contacts and dated qualifications. */
  careDetails: CareDetails;
  /** The rows the demo accounts are tied to. */
  demo: { organisationId: string; workerId: string; householdId: string; beneficiaryId: string };
}

export interface GenerateDemoDataOptions {
  seed: number;
  /** Monday of the week whose visits are generated (YYYY-MM-DD, Europe/Paris). */
  weekStart: string;
  geography: Geography;
  size?: TerritorySize;
}

/** Generates the demo territory. Pure: no clock, no I/O. */
export function generateDemoData(options: GenerateDemoDataOptions): DemoData {
  const { seed, weekStart, geography } = options;
  const size = options.size ?? DEFAULT_SIZE;
  const idRng = deriveRng(seed, 'ids');

  const territory: TerritoryRow = {
    id: randomUuid(idRng),
    name: geography.name,
    epciSiren: geography.epciSiren,
    departementCode: geography.departementCode,
  };
  const communes: CommuneRow[] = geography.communes.map((c) => ({
    code: c.code,
    name: c.name,
    postalCodes: [...c.postalCodes],
    population: c.population,
    latitude: c.latitude,
    longitude: c.longitude,
    outline: c.outline,
    territoryId: territory.id,
  }));
  const communesByCode = new Map<string, GeoCommune>(geography.communes.map((c) => [c.code, c]));

  const orgs = generateOrganisations(
    deriveRng(seed, 'organisations'),
    geography.communes,
    weekStart,
    territory.id,
    size,
  );
  const demoOrg = orgs.find((o) => o.template === 'demo');
  if (!demoOrg) throw new Error('The demo organisation is missing');

  const workers = generateWorkers(deriveRng(seed, 'workers'), orgs, communesByCode);
  // The intervenant@ account's worker: a qualified home-carer of the demo organisation, in Orléans.
  const demoWorker = workers.find((w) => w.organisationId === demoOrg.row.id)!;
  Object.assign(demoWorker, {
    firstName: DEMO_WORKER_NAME.firstName,
    lastName: DEMO_WORKER_NAME.lastName,
    email: 'intervenant@proxidom.test',
    communeCode: '45234',
    homeLatitude: 47.913_2,
    homeLongitude: 1.922_6,
    transportMode: 'car',
    contractHoursPerWeek: 30,
    maxHoursPerDay: 9,
    skills: [
      'advf',
      'sst',
      'permis_b',
      'aide_toilette',
      'aide_repas',
      'transfert_lit_fauteuil',
      'menage',
      'repassage',
      'courses',
    ],
  });

  const userIds = new Map(demoAccounts.map((a) => [a.email, randomUuid(idRng)]));
  const usersRows: DemoUserRow[] = demoAccounts.map((a) => ({
    id: userIds.get(a.email)!,
    email: a.email,
    displayName: a.displayName,
    role: a.role,
    organisationId:
      a.role === 'provider_admin' || a.role === 'coordinator' || a.role === 'worker' ? demoOrg.row.id : null,
    territoryId: territory.id,
  }));
  demoWorker.userId = userIds.get('intervenant@proxidom.test')!;

  const people = generatePeople(deriveRng(seed, 'people'), orgs, communesByCode, weekStart, territory.id, {
    familyUserId: userIds.get('famille@proxidom.test')!,
    workerId: demoWorker.id,
  });
  const availability = generateAvailability(deriveRng(seed, 'availability'), {
    workers,
    weekdayOnlyWorkers: new Set([demoWorker.id]),
  });
  // The demo organisation's past weeks first: who went last to each beneficiary carries into this week's plan.
  const regularWorkerOf = new Map<string, string>();
  const history = generateHistory(deriveRng(seed, 'history'), {
    organisationId: demoOrg.row.id,
    weekStart,
    contracts: people.contracts,
    beneficiaries: people.beneficiaries,
    workers,
    availability: availability.slotsByWorker,
    preferredWorkers: people.preferredWorkers,
    alwaysPresent: new Set([demoWorker.id]),
    withCheckEvents: new Set([demoWorker.id]),
    regularWorkerOf,
  });
  const visits = generateVisits(deriveRng(seed, 'visits'), {
    contracts: people.contracts,
    beneficiaries: people.beneficiaries,
    workers,
    weekStart,
    preferredWorkers: people.preferredWorkers,
    availability: availability.slotsByWorker,
    regularWorkerOf,
  });
  const { sectors, sectorOfWorker } = generateSectors(deriveRng(seed, 'sectors'), {
    organisations: orgs,
    communesByCode,
    workers,
    coordinatorsOf: new Map([[demoOrg.row.id, [userIds.get('coordination@proxidom.test')!]]]),
  });
  for (const w of workers) w.sectorId = sectorOfWorker.get(w.id) ?? null;

  return {
    weekStart,
    territory,
    communes,
    organisations: orgs.map((o) => o.row),
    organisationActivities: orgs.flatMap((o) => o.activities),
    organisationCommunes: orgs.flatMap((o) => o.communes),
    organisationRegimes: orgs.flatMap((o) => o.regimes),
    users: usersRows,
    workers,
    households: people.households,
    beneficiaries: people.beneficiaries,
    contracts: people.contracts.map((c) => c.row),
    visits,
    availability: availability.rows,
    sectors,
    history,
    careDetails: generateCareDetails(deriveRng(seed, 'care-details'), {
      weekStart,
      beneficiaries: people.beneficiaries,
      households: people.households,
      workers,
    }),
    demo: { organisationId: demoOrg.row.id, workerId: demoWorker.id, ...people.demoFamily },
  };
}
