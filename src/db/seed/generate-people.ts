/**
 * Workers, households and beneficiaries of the demo territory, with the contracts that say what each
 * household receives. Pure: rows from an Rng, the geography and the organisations.
 */
import type { ActivityCode } from '../../domain/activities';
import { SKILL_CODES, type SkillCode } from '../../domain/skills';
import type { Rng } from '../../shared/rng';
import {
  getCareProfile,
  type CareProfile,
  type CareProfileKey,
  type ContractPlan,
  type SlotPlan,
} from './care-profiles';
import { ACCESS_DETAILS, SENIOR_NOTES } from './french-data';
import { ACTIVITY_SKILLS, type GeneratedOrganisation } from './generate-organisations';
import { postalCodeAt, randomPlaceInCommune, type GeoCommune, type Place } from './geography';
import {
  birthDateForAge,
  personalEmail,
  pickFirstName,
  pickLastName,
  randomLandlinePhone,
  randomMobilePhone,
  randomStreetAddress,
  type Generation,
  type Sex,
} from './identity';
import { addDays, formatTime } from '../../shared/local-time';
import { chance, pickWeighted, randomUuid } from './random';
import type { BeneficiaryRow, ContractRow, HouseholdRow, WorkerRow } from './rows';

/** The household of the famille@ demo account and the person it cares for. */
export const DEMO_FAMILY = {
  householdName: 'Famille Lefèvre',
  contact: { firstName: 'Sophie', lastName: 'Lefèvre' },
  beneficiary: { firstName: 'Jeannine', lastName: 'Lefèvre', age: 84, gir: 3 },
  addressLine: '41 rue du Faubourg Bannier',
  postalCode: '45000',
  communeCode: '45234',
  latitude: 47.911_4,
  longitude: 1.899_2,
  phone: '06 39 98 83 52',
  email: 'famille@proxidom.test',
} as const;

/** One-person and very small businesses: they work Monday to Saturday. */
export const SMALL_BUSINESS_MAX_WORKERS = 3;
/** Organisations this small arrange their customers' slots around their own calendar. */
const FITTED_MAX_WORKERS = 8;
/** Personal care and school pick-ups happen when the person needs them: their slots never move. */
const FIXED_TIME_SKILLS: ReadonlySet<SkillCode> = new Set([
  'aide_toilette',
  'aide_repas',
  'transfert_lit_fauteuil',
  'garde_enfants',
  'garde_bebe',
]);
/** Parts of the day inside which a small organisation may move a flexible slot (minutes after midnight). */
const FLEXIBLE_PERIODS: readonly [number, number][] = [
  [8 * 60, 12 * 60],
  [14 * 60, 17 * 60],
  [17 * 60, 20 * 60],
];
/** Minutes kept free between two visits of a small business, to travel. */
const TRAVEL_BUFFER_MIN = 20;

/** How much of an organisation's workforce must hold a skill its activities call for. */
const MIN_SKILL_SHARE: Partial<Record<SkillCode, number>> = {
  aide_toilette: 0.8,
  aide_repas: 0.8,
  transfert_lit_fauteuil: 0.45,
  alzheimer: 0.3,
  handicap: 0.3,
  menage: 0.75,
  courses: 0.4,
  garde_enfants: 0.3,
  garde_bebe: 0.4,
};

const SKILL_ORDER = new Map<string, number>(SKILL_CODES.map((c, i) => [c, i]));
const sortSkills = (skills: Iterable<SkillCode>): SkillCode[] =>
  [...new Set(skills)].sort((a, b) => SKILL_ORDER.get(a)! - SKILL_ORDER.get(b)!);

function femaleShare(org: GeneratedOrganisation): number {
  switch (org.template) {
    case 'jardin_entreprise':
      return 0.1;
    case 'soutien_entreprise':
      return 0.55;
    default:
      return 0.88;
  }
}

function workerSkills(rng: Rng, org: GeneratedOrganisation, transportMode: string): SkillCode[] {
  const offers = new Set(org.activities.map((a) => a.activityCode));
  const skills: SkillCode[] = [];
  const saad = offers.has('assistance-personnes-agees-handicapees');
  if (saad) {
    const r = rng.next();
    const qualification: SkillCode | null =
      r < 0.3 ? 'deaes' : r < 0.38 ? 'deavs' : r < 0.7 ? 'advf' : r < 0.78 ? 'bac_pro_assp' : null;
    if (qualification) skills.push(qualification);
    const q = qualification !== null;
    if (chance(rng, q ? 0.97 : 0.55)) skills.push('aide_toilette');
    if (chance(rng, q ? 0.6 : 0.15)) skills.push('transfert_lit_fauteuil');
    if (chance(rng, 0.9)) skills.push('aide_repas');
    if (chance(rng, q ? 0.4 : 0.2)) skills.push('alzheimer');
    if (chance(rng, 0.25)) skills.push('handicap');
    if (chance(rng, 0.1)) skills.push('fin_de_vie');
    if (chance(rng, 0.25)) skills.push('sst');
    if (chance(rng, 0.02)) skills.push('lsf');
  }
  if (offers.has('entretien-maison')) {
    if (chance(rng, saad ? 0.85 : 0.97)) skills.push('menage');
    if (chance(rng, 0.55)) skills.push('repassage');
  }
  if (offers.has('preparation-repas') && chance(rng, 0.7)) skills.push('aide_repas');
  if (
    (offers.has('livraison-courses') || offers.has('accompagnement-personnes-dependantes')) &&
    chance(rng, 0.6)
  )
    skills.push('courses');
  if (offers.has('garde-enfants-plus-3-ans') && chance(rng, saad ? 0.35 : 0.95)) skills.push('garde_enfants');
  if (offers.has('garde-enfants-moins-3-ans')) {
    if (chance(rng, 0.6)) skills.push('garde_bebe');
    if (chance(rng, 0.4)) skills.push('cap_aepe');
  }
  if (offers.has('soutien-scolaire-cours') && chance(rng, org.template === 'enfance_entreprise' ? 0.4 : 1))
    skills.push('soutien_scolaire');
  if (
    offers.has('petits-travaux-jardinage') &&
    chance(rng, saad || org.template === 'menage_entreprise' ? 0.15 : 0.95)
  )
    skills.push('jardinage');
  if (
    offers.has('petit-bricolage') &&
    chance(rng, saad || org.template === 'menage_entreprise' ? 0.15 : 0.75)
  )
    skills.push('bricolage');
  if (offers.has('assistance-informatique') && chance(rng, org.template === 'soutien_entreprise' ? 0.3 : 1))
    skills.push('informatique');
  if (offers.has('soins-esthetiques-personnes-dependantes') && chance(rng, saad ? 0.1 : 1))
    skills.push('soins_esthetiques');
  if (offers.has('soins-animaux-compagnie')) skills.push('soins_animaux');
  if (transportMode === 'car' || chance(rng, 0.4)) skills.push('permis_b');
  return skills;
}

function transportFor(rng: Rng, org: GeneratedOrganisation, home: GeoCommune): string {
  if (org.template === 'jardin_entreprise' || org.speciality === 'jardin_bricolage') return 'car';
  const r = rng.next();
  if (home.population > 15_000)
    return r < 0.6 ? 'car' : r < 0.78 ? 'public_transport' : r < 0.9 ? 'bike' : 'walk';
  return r < 0.85 ? 'car' : r < 0.95 ? 'bike' : 'public_transport';
}

/** The workers of every organisation, owners of one-person businesses first. */
export function generateWorkers(
  rng: Rng,
  orgs: readonly GeneratedOrganisation[],
  communesByCode: ReadonlyMap<string, GeoCommune>,
): WorkerRow[] {
  const rows: WorkerRow[] = [];
  for (const org of orgs) {
    const served = org.communes.map((c) => communesByCode.get(c.communeCode)!);
    const mine: WorkerRow[] = [];
    for (let i = 0; i < org.workerCount; i++) {
      const owner = i === 0 ? org.owner : null;
      const sex: Sex = owner ? owner.sex : chance(rng, femaleShare(org)) ? 'female' : 'male';
      const firstName = owner?.firstName ?? pickFirstName(rng, 'adult', sex);
      const lastName = owner?.lastName ?? pickLastName(rng);
      // Most live in a commune the organisation serves, a few in its home commune whatever its size.
      const home = chance(rng, 0.15)
        ? communesByCode.get(org.row.communeCode)!
        : pickWeighted(rng, served, (c) => c.population);
      const place = randomPlaceInCommune(rng, home);
      const transportMode = transportFor(rng, org, home);
      const contractHoursPerWeek = rng.pick([24, 26, 28, 30, 30, 32, 35, 35]);
      mine.push({
        id: randomUuid(rng),
        organisationId: org.row.id,
        userId: null,
        firstName,
        lastName,
        phone: randomMobilePhone(rng),
        email: chance(rng, 0.8) ? personalEmail(rng, firstName, lastName) : null,
        communeCode: home.code,
        homeLatitude: place.latitude,
        homeLongitude: place.longitude,
        transportMode,
        contractHoursPerWeek,
        maxHoursPerDay: rng.pick([8, 9, 10, 10]),
        skills: workerSkills(rng, org, transportMode),
      });
    }
    // Make sure the organisation can staff what it sells.
    const wanted = new Set(
      org.activities.flatMap((a) => ACTIVITY_SKILLS[a.activityCode as ActivityCode] ?? []),
    );
    for (const skill of sortSkills(wanted)) {
      const needed = Math.ceil((MIN_SKILL_SHARE[skill] ?? 0.5) * mine.length);
      const missing = rng.shuffle(mine.filter((w) => !w.skills.includes(skill)));
      for (let have = mine.length - missing.length, k = 0; have < needed && k < missing.length; have++, k++)
        missing[k]!.skills.push(skill);
    }
    for (const w of mine) w.skills = sortSkills(w.skills as SkillCode[]);
    rows.push(...mine);
  }
  return rows;
}

/** A contract with the slots it was planned from (the slots carry the skills its visits need). */
export interface PlannedContract {
  row: ContractRow;
  slots: SlotPlan[];
}

export interface PeopleResult {
  households: HouseholdRow[];
  beneficiaries: BeneficiaryRow[];
  contracts: PlannedContract[];
  /** Beneficiary id → worker id who should do their visits when possible (the demo family's). */
  preferredWorkers: Map<string, string>;
  /** The famille@ household and its beneficiary at the demo organisation. */
  demoFamily: { householdId: string; beneficiaryId: string };
}

interface Person {
  firstName: string;
  lastName: string;
  sex: Sex;
  birthDate: string;
  generation: Generation;
}

interface HouseholdRecord {
  row: HouseholdRow;
  people: Person[];
}

function ageOn(birthDate: string, onDate: string): number {
  const years = Number(onDate.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return onDate.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

function fillAccess(rng: Rng, template: string, name: string): string {
  return template
    .replace('{code}', `${rng.int(1000, 9999)}${chance(rng, 0.4) ? rng.pick(['A', 'B']) : ''}`)
    .replace(
      '{floor}',
      rng.pick([
        'rez-de-chaussée',
        '1er étage',
        '2e étage gauche',
        '3e étage avec ascenseur',
        '4e étage, porte de droite',
      ]),
    )
    .replace('{neighbour}', pickLastName(rng))
    .replace('{name}', name);
}

/**
 * Households, beneficiaries and contracts. Each organisation receives exactly `beneficiaryCount`
 * beneficiaries, in the communes it serves (more where more people live); a few households use two
 * providers (a home-care service and a gardener, say) and then have one file at each.
 */
export function generatePeople(
  rng: Rng,
  orgs: readonly GeneratedOrganisation[],
  communesByCode: ReadonlyMap<string, GeoCommune>,
  weekStart: string,
  territoryId: string,
  demo: { familyUserId: string; workerId: string },
): PeopleResult {
  const households: HouseholdRow[] = [];
  const beneficiaries: BeneficiaryRow[] = [];
  const contracts: PlannedContract[] = [];
  const preferredWorkers = new Map<string, string>();
  const byCommune = new Map<string, HouseholdRecord[]>();
  const remaining = new Map(orgs.map((o) => [o.row.id, o.beneficiaryCount]));

  const addHousehold = (record: HouseholdRecord): void => {
    households.push(record.row);
    const list = byCommune.get(record.row.communeCode) ?? [];
    list.push(record);
    byCommune.set(record.row.communeCode, list);
  };

  // Small organisations arrange their customers' slots so that they do not overlap.
  const calendars = new Map<string, [number, number][][]>();
  const fitSlots = (org: GeneratedOrganisation, slots: readonly SlotPlan[]): SlotPlan[] => {
    if (org.workerCount > FITTED_MAX_WORKERS || slots.length === 0) return [...slots];
    const lastDay = org.workerCount <= SMALL_BUSINESS_MAX_WORKERS ? 6 : 5;
    let calendar = calendars.get(org.row.id);
    if (!calendar) {
      calendar = Array.from({ length: 8 }, () => []);
      calendars.set(org.row.id, calendar);
    }
    const usedDays = new Set<number>();
    return slots
      .map((slot) => {
        if (slot.requiredSkills.some((skill) => FIXED_TIME_SKILLS.has(skill))) {
          calendar[slot.weekday]!.push([slot.startMin, slot.startMin + slot.durationMin]);
          return { ...slot };
        }
        const fits = (weekday: number, startMin: number): boolean =>
          !usedDays.has(weekday) &&
          calendar[weekday]!.filter(
            ([s, e]) =>
              s < startMin + slot.durationMin + TRAVEL_BUFFER_MIN && startMin < e + TRAVEL_BUFFER_MIN,
          ).length < org.workerCount;
        const days = [0, 1, -1, 2, -2, 3, -3, 4, -4, 5, -5]
          .map((k) => slot.weekday + k)
          .filter((d, i) => i === 0 || (d >= 1 && d <= lastDay));
        // Times move only inside the part of the day the slot was planned in (housework stays in the afternoon).
        const period = FLEXIBLE_PERIODS.find(
          ([from, to]) => slot.startMin >= from && slot.startMin + slot.durationMin <= to,
        );
        const shifts = period ? [0, 30, -30, 60, -60, 90, -90, 120, -120, 180, -180] : [0];
        for (const weekday of days) {
          for (const shift of shifts) {
            const startMin = slot.startMin + shift;
            if (period && (startMin < period[0] || startMin + slot.durationMin > period[1])) continue;
            if (fits(weekday, startMin)) {
              usedDays.add(weekday);
              calendar[weekday]!.push([startMin, startMin + slot.durationMin]);
              return { ...slot, weekday, startMin };
            }
          }
        }
        return { ...slot };
      })
      .sort((a, b) => a.weekday - b.weekday || a.startMin - b.startMin);
  };

  const addContracts = (
    org: GeneratedOrganisation,
    household: HouseholdRow,
    beneficiary: BeneficiaryRow,
    rawPlans: readonly ContractPlan[],
    sinceDays: number,
  ): void => {
    const plans = rawPlans.map((p) => ({ ...p, slots: fitSlots(org, p.slots) }));
    const mandataireOk = org.row.modes.includes('mandataire');
    const minStart = addDays(beneficiary.birthDate ?? weekStart, 90);
    for (const plan of plans) {
      const offered = org.activities.filter((a) => a.activityCode === plan.activityCode);
      if (offered.length === 0) continue;
      const mandataire =
        mandataireOk && plan.slots.length > 0 && chance(rng, 0.12)
          ? offered.find((a) => a.mode === 'mandataire')
          : undefined;
      const offer = mandataire ?? offered.find((a) => a.mode === 'prestataire') ?? offered[0]!;
      let startsOn = addDays(weekStart, -sinceDays - rng.int(0, 60));
      if (startsOn < minStart) startsOn = minStart > weekStart ? weekStart : minStart;
      contracts.push({
        row: {
          id: randomUuid(rng),
          organisationId: org.row.id,
          householdId: household.id,
          beneficiaryId: beneficiary.id,
          activityCode: plan.activityCode,
          mode: offer.mode,
          hourlyPriceCents: offer.hourlyPriceCents,
          recurrence: plan.slots.map((s) => ({
            weekday: s.weekday,
            start: formatTime(s.startMin),
            durationMin: s.durationMin,
            toleranceMin: s.toleranceMin,
          })),
          startsOn,
          endsOn: null,
          status: 'active',
        },
        slots: plan.slots,
      });
    }
  };

  const makeBeneficiary = (
    org: GeneratedOrganisation,
    household: HouseholdRow,
    person: Person,
    gir: number | null,
    note: string | null,
  ): BeneficiaryRow => {
    const senior = person.generation === 'senior';
    const extraNote = senior && chance(rng, 0.35) ? rng.pick(SENIOR_NOTES) : null;
    const row: BeneficiaryRow = {
      id: randomUuid(rng),
      organisationId: org.row.id,
      householdId: household.id,
      firstName: person.firstName,
      lastName: person.lastName,
      birthDate: person.birthDate,
      gir,
      addressLine: household.addressLine,
      postalCode: household.postalCode,
      communeCode: household.communeCode,
      latitude: household.latitude,
      longitude: household.longitude,
      phone: person.generation === 'child' ? null : senior ? household.phone : randomMobilePhone(rng),
      accessDetails: chance(rng, senior ? 0.7 : 0.2)
        ? fillAccess(rng, rng.pick(ACCESS_DETAILS), person.lastName)
        : null,
      notes: [note, extraNote].filter((n): n is string => n !== null).join(' ') || null,
    };
    beneficiaries.push(row);
    remaining.set(org.row.id, (remaining.get(org.row.id) ?? 0) - 1);
    return row;
  };

  const newPerson = (
    generation: Generation,
    sex: Sex,
    lastName: string,
    minAge: number,
    maxAge: number,
  ): Person => ({
    firstName: pickFirstName(rng, generation, sex),
    lastName,
    sex,
    birthDate: birthDateForAge(rng, rng.int(minAge, maxAge), weekStart),
    generation,
  });

  // The famille@ account: Jeannine Lefèvre, 84, followed by the demo organisation, and a gardener.
  const demoOrg = orgs.find((o) => o.template === 'demo')!;
  const fam = DEMO_FAMILY;
  const famHousehold: HouseholdRow = {
    id: randomUuid(rng),
    territoryId,
    userId: demo.familyUserId,
    name: fam.householdName,
    addressLine: fam.addressLine,
    postalCode: fam.postalCode,
    communeCode: fam.communeCode,
    latitude: fam.latitude,
    longitude: fam.longitude,
    phone: fam.phone,
    email: fam.email,
  };
  const jeannine: Person = {
    ...fam.beneficiary,
    sex: 'female',
    generation: 'senior',
    birthDate: birthDateForAge(rng, fam.beneficiary.age, weekStart),
  };
  addHousehold({ row: famHousehold, people: [jeannine] });
  const famBeneficiary = makeBeneficiary(demoOrg, famHousehold, jeannine, fam.beneficiary.gir, null);
  famBeneficiary.notes =
    'Plan d’aide APA : 38 h par mois (GIR 3). Vit seule ; sa fille Sophie passe le soir et gère le compte ProxiDom.';
  famBeneficiary.accessDetails = 'Digicode 4172B, 2e étage gauche. Boîte à clés dans l’entrée, code 0519.';
  const famSlots = (
    days: number[],
    startMin: number,
    durationMin: number,
    toleranceMin: number,
    requiredSkills: SkillCode[],
  ): SlotPlan[] => days.map((weekday) => ({ weekday, startMin, durationMin, toleranceMin, requiredSkills }));
  addContracts(
    { ...demoOrg, row: { ...demoOrg.row, modes: ['prestataire'] } },
    famHousehold,
    famBeneficiary,
    [
      {
        activityCode: 'assistance-personnes-agees-handicapees',
        slots: [
          ...famSlots([1, 2, 3, 4, 5, 6, 7], 8 * 60, 45, 30, ['aide_toilette']),
          ...famSlots([1, 3, 5], 12 * 60, 45, 15, ['aide_repas']),
        ].sort((a, b) => a.weekday - b.weekday || a.startMin - b.startMin),
      },
      { activityCode: 'entretien-maison', slots: famSlots([4], 14 * 60 + 30, 120, 30, ['menage']) },
      { activityCode: 'teleassistance-visioassistance', slots: [] },
    ],
    400,
  );
  preferredWorkers.set(famBeneficiary.id, demo.workerId);
  const gardener = orgs.find(
    (o) =>
      o.speciality === 'jardin_bricolage' &&
      o.communes.some((c) => c.communeCode === fam.communeCode) &&
      o.beneficiaryCount > 1,
  );
  if (gardener) {
    const b = makeBeneficiary(
      gardener,
      famHousehold,
      jeannine,
      null,
      'Petit jardin à l’arrière : tonte et taille de la haie.',
    );
    addContracts(
      gardener,
      famHousehold,
      b,
      [{ activityCode: 'petits-travaux-jardinage', slots: famSlots([6], 9 * 60, 120, 30, ['jardinage']) }],
      200,
    );
  }

  for (const org of orgs) {
    const served = org.communes.map((c) => communesByCode.get(c.communeCode)!);
    const offers = (a: ActivityCode) => org.activities.some((x) => x.activityCode === a);
    const profiles = (Object.entries(org.profileWeights) as [CareProfileKey, number][])
      .map(([key, weight]) => ({ profile: getCareProfile(key), weight }))
      .filter(({ profile }) => offers(profile.mainActivity));
    if (profiles.length === 0) throw new Error(`No care profile fits ${org.row.name}`);
    while ((remaining.get(org.row.id) ?? 0) > 0) {
      const profile: CareProfile = pickWeighted(rng, profiles, (p) => p.weight).profile;
      const plan = profile.plan(rng, offers);
      const sinceDays = rng.int(14, 5 * 365);

      // A household already followed by another provider, sometimes (not for children's care).
      if (
        profile.generation !== 'child' &&
        org.template !== 'demo' &&
        org.template !== 'ccas' &&
        chance(rng, 0.12)
      ) {
        const commune = pickWeighted(rng, served, (c) => c.population);
        const candidates = (byCommune.get(commune.code) ?? []).filter((h) =>
          h.people.some(
            (p) =>
              p.generation !== 'child' &&
              ageOn(p.birthDate, weekStart) >= profile.minAge &&
              ageOn(p.birthDate, weekStart) <= profile.maxAge,
          ),
        );
        const chosen = candidates.length > 0 ? rng.pick(candidates) : undefined;
        const alreadyHere =
          chosen !== undefined &&
          beneficiaries.some((b) => b.householdId === chosen.row.id && b.organisationId === org.row.id);
        if (chosen && !alreadyHere) {
          const person = chosen.people.find(
            (p) =>
              p.generation !== 'child' &&
              ageOn(p.birthDate, weekStart) >= profile.minAge &&
              ageOn(p.birthDate, weekStart) <= profile.maxAge,
          )!;
          const b = makeBeneficiary(org, chosen.row, person, plan.gir, plan.note);
          addContracts(org, chosen.row, b, plan.contracts, sinceDays);
          continue;
        }
      }

      const commune = pickWeighted(rng, served, (c) => c.population);
      const place: Place = randomPlaceInCommune(rng, commune);
      const lastName = pickLastName(rng);
      const people: Person[] = [];
      let name: string;
      let contact: Person;
      if (profile.generation === 'senior') {
        const main = newPerson(
          'senior',
          chance(rng, 0.68) ? 'female' : 'male',
          lastName,
          profile.minAge,
          profile.maxAge,
        );
        people.push(main);
        const couple = chance(rng, 0.22);
        if (couple) {
          const spouse = newPerson(
            'senior',
            main.sex === 'female' ? 'male' : 'female',
            lastName,
            Math.max(65, profile.minAge - 5),
            profile.maxAge,
          );
          people.push(spouse);
          const [f, m] = main.sex === 'female' ? [main, spouse] : [spouse, main];
          name = `${f.firstName} et ${m.firstName} ${lastName}`;
        } else name = `${main.firstName} ${lastName}`;
        contact = main;
      } else if (profile.generation === 'adult') {
        const main = newPerson(
          'adult',
          chance(rng, 0.6) ? 'female' : 'male',
          lastName,
          profile.minAge,
          profile.maxAge,
        );
        people.push(main);
        name = chance(rng, 0.5) ? `Famille ${lastName}` : `${main.firstName} ${lastName}`;
        contact = main;
      } else {
        const parent = newPerson('adult', chance(rng, 0.75) ? 'female' : 'male', lastName, 28, 50);
        people.push(
          parent,
          newPerson('child', chance(rng, 0.5) ? 'female' : 'male', lastName, profile.minAge, profile.maxAge),
        );
        name = `Famille ${lastName}`;
        contact = parent;
      }
      const seniorHome = profile.generation === 'senior';
      const household: HouseholdRow = {
        id: randomUuid(rng),
        territoryId,
        userId: null,
        name,
        addressLine: randomStreetAddress(rng),
        postalCode: postalCodeAt(commune, place),
        communeCode: commune.code,
        latitude: place.latitude,
        longitude: place.longitude,
        phone: seniorHome && chance(rng, 0.7) ? randomLandlinePhone(rng) : randomMobilePhone(rng),
        email: chance(rng, seniorHome ? 0.3 : 0.85)
          ? personalEmail(rng, contact.firstName, contact.lastName)
          : null,
      };
      addHousehold({ row: household, people });
      const cared = profile.generation === 'child' ? people[1]! : people[0]!;
      const b = makeBeneficiary(org, household, cared, plan.gir, plan.note);
      addContracts(org, household, b, plan.contracts, sinceDays);

      // Both spouses cared for: the second gets morning help of their own.
      const spouse = people[1];
      if (
        profile.allowsCouple &&
        spouse &&
        profile.generation === 'senior' &&
        (remaining.get(org.row.id) ?? 0) > 0 &&
        chance(rng, 0.4)
      ) {
        const spousePlan = getCareProfile('dependance').plan(
          rng,
          (a) => a === 'assistance-personnes-agees-handicapees',
        );
        const sb = makeBeneficiary(org, household, spouse, spousePlan.gir, spousePlan.note);
        addContracts(org, household, sb, spousePlan.contracts, sinceDays);
      }
    }
  }
  return {
    households,
    beneficiaries,
    contracts,
    preferredWorkers,
    demoFamily: { householdId: famHousehold.id, beneficiaryId: famBeneficiary.id },
  };
}
