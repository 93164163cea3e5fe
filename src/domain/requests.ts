/**
 * Households ask, providers answer: which providers a household's request goes to (and why, in French),
 * what a provider's quote must contain and what it costs per month, and the rows the household compares
 * (price per hour and per month, cost after the APA and the tax credit through the simulator).
 * Pure: no clock (today's date and year are passed), no I/O. See docs/requests.md.
 */
import { getActivity, type ActivityCode } from './activities';
import { isApaGir, type Gir } from './apa';
import {
  missingQuoteContents,
  quoteMonthlyTtcCents,
  type MissingQuoteContent,
  type Quote,
  type QuoteLine,
} from './invoice';
import { formatEuros, roundCents, sumCents, type Cents } from './money';
import {
  REGIME_INFO,
  requiredRegime,
  type Mode,
  type OrganisationMode,
  type Public,
  type RegimeType,
} from './organisation';
import { simulateHouseholdCost } from './simulator';

export const REQUEST_STATUSES = ['open', 'accepted', 'cancelled', 'expired'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const REQUEST_STATUS_LABELS: Readonly<Record<RequestStatus, string>> = {
  open: 'En attente de réponses',
  accepted: 'Proposition acceptée',
  cancelled: 'Annulée',
  expired: 'Expirée',
};

export const ROUTING_STATUSES = ['pending', 'quoted', 'declined', 'closed', 'won'] as const;
export type RoutingStatus = (typeof ROUTING_STATUSES)[number];
export const ROUTING_STATUS_LABELS: Readonly<Record<RoutingStatus, string>> = {
  pending: 'En attente de réponse',
  quoted: 'Devis envoyé',
  declined: 'Déclinée',
  closed: 'Clôturée',
  won: 'Retenue',
};

export const QUOTE_STATUSES = ['sent', 'accepted', 'rejected', 'withdrawn'] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];
export const QUOTE_STATUS_LABELS: Readonly<Record<QuoteStatus, string>> = {
  sent: 'Envoyé',
  accepted: 'Accepté',
  rejected: 'Non retenu',
  withdrawn: 'Retiré',
};

/** For whom the help is: a child, an elderly or a disabled person, or another adult. */
export const PERSON_KINDS = ['child', 'elderly', 'disabled', 'adult'] as const;
export type PersonKind = (typeof PERSON_KINDS)[number];
export const PERSON_KIND_LABELS: Readonly<Record<PersonKind, string>> = {
  child: 'Un enfant',
  elderly: 'Une personne âgée',
  disabled: 'Une personne en situation de handicap',
  adult: 'Un adulte (moi ou un proche)',
};

/** The radius around the request's commune within which a provider's workers count as "near" (km). */
export const NEARBY_WORKER_RADIUS_KM = 10;

/** Weeks per month, to turn weekly hours into monthly ones (52 / 12). */
export const WEEKS_PER_MONTH = 52 / 12;

/** The person the help is for, as the request describes them. */
export interface RequestPerson {
  kind: PersonKind;
  firstName: string;
  birthYear: number | null;
  gir: Gir | null;
  apa: { hasPlan: boolean; monthlyAmountCents: Cents | null } | null;
}

/** Age in whole years reached during `year` (null without a birth year). */
export function ageIn(birthYear: number | null, year: number): number | null {
  return birthYear === null ? null : Math.max(0, year - birthYear);
}

/** The age bracket shown to providers before acceptance instead of the exact birth year. */
export function ageBracket(birthYear: number | null, year: number): string {
  const age = ageIn(birthYear, year);
  if (age === null) return 'âge non précisé';
  if (age < 3) return 'moins de 3 ans';
  if (age < 18) return '3 à 17 ans';
  if (age < 60) return '18 à 59 ans';
  if (age < 75) return '60 à 74 ans';
  if (age < 85) return '75 à 84 ans';
  return '85 ans et plus';
}

/**
 * The public of SAP-REFERENCE §1.2 that the person belongs to: a child under 3 or a disabled child under 18
 * needs an agrément, an elderly or disabled adult an autorisation (prestataire) or agrément (mandataire).
 * An elderly person is one of 60 or more, or declared as such; a GIR 1–4 adult of 60+ counts as elderly too.
 */
export function publicOfPerson(
  person: Pick<RequestPerson, 'kind' | 'birthYear' | 'gir'>,
  year: number,
): Public {
  const age = ageIn(person.birthYear, year);
  switch (person.kind) {
    case 'child':
      return age !== null && age < 3 ? 'enfants_moins_3_ans' : 'tout_public';
    case 'disabled':
      return age !== null && age < 18 ? 'enfants_handicapes' : 'personnes_handicapees';
    case 'elderly':
      return 'personnes_agees';
    case 'adult':
      return age !== null && age >= 60 && person.gir !== null && isApaGir(person.gir)
        ? 'personnes_agees'
        : 'tout_public';
  }
}

/** A weekly slot of the household's wishes (local time, Europe/Paris). */
export interface WishedSlot {
  weekdays: number[];
  start: string;
  durationMin: number;
  toleranceMin: number;
}

/** Minutes per week the wished slots add up to. */
export function weeklyMinutesOf(slots: readonly WishedSlot[]): number {
  return slots.reduce((sum, s) => sum + s.weekdays.length * s.durationMin, 0);
}

/** Hours per month of the wished slots (weekly × 52 / 12), to two decimals. */
export function hoursPerMonthOf(slots: readonly WishedSlot[]): number {
  return Math.round((weeklyMinutesOf(slots) / 60) * WEEKS_PER_MONTH * 100) / 100;
}

// ---------------------------------------------------------------- routing

/** What the routing needs to know of a request. */
export interface RoutingNeed {
  activityCodes: readonly ActivityCode[];
  mode: OrganisationMode;
  communeCode: string;
  communeName: string;
  public: Public;
  /** ISO date: regimes must be valid on it. */
  today: string;
}

/** What the routing needs to know of a provider. */
export interface RoutingCandidate {
  organisationId: string;
  name: string;
  isAcceptingClients: boolean;
  activities: readonly { activityCode: string; mode: string }[];
  communeCodes: readonly string[];
  regimes: readonly { kind: string; startsOn: string | null; endsOn: string | null }[];
  /**
   * Hours a week the provider's workers near the place have left this week (computed from the schedule);
   * null when not computed (the candidate failed an earlier rule).
   */
  roomHoursPerWeek: number | null;
}

export const NOT_ROUTED_CODES = [
  'activity_mode',
  'commune',
  'regime',
  'not_accepting',
  'no_capacity',
] as const;
export type NotRoutedCode = (typeof NOT_ROUTED_CODES)[number];
export const NOT_ROUTED_LABELS: Readonly<Record<NotRoutedCode, string>> = {
  activity_mode: "Ne propose pas ces activités dans ce mode d'intervention",
  commune: 'Ne dessert pas cette commune',
  regime: "N'a pas l'agrément ou l'autorisation exigé pour ce public",
  not_accepting: "N'accepte pas de nouveaux clients",
  no_capacity: 'Aucune disponibilité estimée près de chez vous cette semaine',
};

export interface RoutingDecision {
  organisationId: string;
  isRouted: boolean;
  /** The first rule failed, when not routed. */
  code: NotRoutedCode | null;
  /** French sentence: why it was (or was not) sent to this provider. */
  reason: string;
}

const MODE_PHRASE: Readonly<Record<Mode, string>> = {
  prestataire: 'en mode prestataire',
  mandataire: 'en mode mandataire',
  emploi_direct: 'en emploi direct',
};

const PUBLIC_PHRASE: Readonly<Record<Public, string>> = {
  tout_public: 'tout public',
  enfants_moins_3_ans: 'un enfant de moins de 3 ans',
  enfants_handicapes: 'un enfant handicapé',
  personnes_agees: 'une personne âgée',
  personnes_handicapees: 'une personne handicapée',
  personnes_pathologies_chroniques: 'une personne atteinte de pathologie chronique',
};

/** The agrément / autorisation the request's activities need for its public and mode (§1.2), deduplicated. */
export function regimesRequired(
  need: Pick<RoutingNeed, 'activityCodes' | 'mode' | 'public'>,
): Exclude<RegimeType, 'declaration'>[] {
  const out = new Set<Exclude<RegimeType, 'declaration'>>();
  for (const code of need.activityCodes)
    for (const r of requiredRegime(code, need.public, need.mode).mandatory) out.add(r);
  return [...out];
}

/** Activities as the provider must offer them: the §1.2 upgrade (II-4 → I-1 for a young child) applied. */
function offeredCodes(need: Pick<RoutingNeed, 'activityCodes' | 'mode' | 'public'>): ActivityCode[] {
  return need.activityCodes.map((code) => requiredRegime(code, need.public, need.mode).activityCode);
}

const isValidOn = (r: { startsOn: string | null; endsOn: string | null }, day: string) =>
  (r.startsOn === null || r.startsOn <= day) && (r.endsOn === null || r.endsOn >= day);

const formatHours = (hours: number) => `${Math.round(hours * 10) / 10}`.replace('.', ',');

/**
 * Whether a request goes to a provider, and why. The rules, in this order (the first failed one is the
 * reason): offers every activity asked in the mode asked; serves the commune; holds, valid today, each
 * agrément / autorisation the public requires in that mode (`requiredRegime`); accepts new clients; has room
 * (> 0 h this week) among its workers near the place.
 */
export function decideRouting(need: RoutingNeed, candidate: RoutingCandidate): RoutingDecision {
  const refuse = (code: NotRoutedCode, reason: string): RoutingDecision => ({
    organisationId: candidate.organisationId,
    isRouted: false,
    code,
    reason,
  });
  const wanted = offeredCodes(need);
  const missing = wanted.filter(
    (code) => !candidate.activities.some((a) => a.activityCode === code && a.mode === need.mode),
  );
  if (missing.length > 0) {
    return refuse(
      'activity_mode',
      `Ne propose pas « ${missing.map((c) => getActivity(c).name).join(' », « ')} » ${MODE_PHRASE[need.mode]}.`,
    );
  }
  if (!candidate.communeCodes.includes(need.communeCode))
    return refuse('commune', `Ne dessert pas ${need.communeName}.`);
  const regimes = regimesRequired(need);
  const lacking = regimes.filter(
    (kind) => !candidate.regimes.some((r) => r.kind === kind && isValidOn(r, need.today)),
  );
  if (lacking.length > 0) {
    return refuse(
      'regime',
      `N'a pas ${lacking.map((k) => `l'${REGIME_INFO[k].label.toLowerCase()}`).join(' ni ')} (valide) exigé pour ${PUBLIC_PHRASE[need.public]} ${MODE_PHRASE[need.mode]}.`,
    );
  }
  if (!candidate.isAcceptingClients)
    return refuse('not_accepting', "N'accepte pas de nouveaux clients pour le moment.");
  if (candidate.roomHoursPerWeek === null || candidate.roomHoursPerWeek <= 0) {
    return refuse(
      'no_capacity',
      `Aucune disponibilité estimée cette semaine parmi ses intervenant·es proches de ${need.communeName}.`,
    );
  }
  const activities = wanted.map((c) => getActivity(c).name).join(', ');
  const regimePart =
    regimes.length > 0
      ? `, détient ${regimes.map((k) => `l'${REGIME_INFO[k].label.toLowerCase()}`).join(' et ')} exigé pour ${PUBLIC_PHRASE[need.public]}`
      : '';
  return {
    organisationId: candidate.organisationId,
    isRouted: true,
    code: null,
    reason: `Propose ${activities} ${MODE_PHRASE[need.mode]}, dessert ${need.communeName}${regimePart}, accepte de nouveaux clients et a environ ${formatHours(candidate.roomHoursPerWeek)} h disponibles par semaine près de chez vous.`,
  };
}

/**
 * Whether a candidate passes every rule that needs no schedule (all but capacity): the capacity, which reads
 * the provider's week, is computed only for these.
 */
export function passesStaticRules(
  need: RoutingNeed,
  candidate: Omit<RoutingCandidate, 'roomHoursPerWeek'>,
): boolean {
  const decision = decideRouting(need, { ...candidate, roomHoursPerWeek: 1 });
  return decision.isRouted;
}

/** Counts of the providers not routed, by reason, for the household (no names: only counts). */
export function summariseNotRouted(
  decisions: readonly RoutingDecision[],
): { code: NotRoutedCode; label: string; count: number }[] {
  return NOT_ROUTED_CODES.map((code) => ({
    code,
    label: NOT_ROUTED_LABELS[code],
    count: decisions.filter((d) => !d.isRouted && d.code === code).length,
  })).filter((s) => s.count > 0);
}

// ---------------------------------------------------------------- capacity and fit

/** Skills any of which lets a worker do an activity (used for the fit shown to providers). */
export const ACTIVITY_SKILLS: Readonly<Partial<Record<ActivityCode, readonly string[]>>> = {
  'garde-enfants-moins-3-ans': ['garde_bebe', 'cap_aepe'],
  'accompagnement-enfants-moins-3-ans': ['garde_bebe', 'cap_aepe'],
  'assistance-personnes-agees-handicapees': [
    'aide_toilette',
    'deaes',
    'deavs',
    'advf',
    'bac_pro_assp',
    'transfert_lit_fauteuil',
  ],
  'conduite-vehicule-personnes-dependantes': ['permis_b'],
  'accompagnement-personnes-dependantes': ['courses', 'deaes', 'deavs', 'advf'],
  'entretien-maison': ['menage', 'advf'],
  'petits-travaux-jardinage': ['jardinage'],
  'petit-bricolage': ['bricolage'],
  'garde-enfants-plus-3-ans': ['garde_enfants', 'cap_aepe'],
  'soutien-scolaire-cours': ['soutien_scolaire'],
  'soins-esthetiques-personnes-dependantes': ['soins_esthetiques'],
  'preparation-repas': ['aide_repas', 'advf'],
  'collecte-livraison-linge': ['repassage'],
  'livraison-courses': ['courses'],
  'assistance-informatique': ['informatique'],
  'soins-animaux-compagnie': ['soins_animaux'],
  'accompagnement-enfants-plus-3-ans': ['garde_enfants'],
  'interprete-lsf-codeur-lpc': ['lsf'],
};

/** Whether a worker's skills cover an activity (activities without a listed skill need none). */
export function hasSkillFor(activityCode: ActivityCode, skills: readonly string[]): boolean {
  const needed = ACTIVITY_SKILLS[activityCode];
  return !needed || needed.length === 0 || needed.some((s) => skills.includes(s));
}

/** What the capacity computation needs of a worker. */
export interface CapacityWorker {
  id: string;
  skills: readonly string[];
  latitude: number | null;
  longitude: number | null;
  communeCode: string | null;
  contractHoursPerWeek: number;
  /** Hours already planned this week. */
  plannedHours: number;
}

export interface ProviderFit {
  /** Workers near the place (≤ NEARBY_WORKER_RADIUS_KM, or living in the commune when not located). */
  nearbyWorkers: number;
  /** Among them, those whose skills cover every activity of the request. */
  skilledWorkers: number;
  /** Contract hours minus planned hours this week, summed over the skilled nearby workers (never below 0 each). */
  roomHoursPerWeek: number;
}

/**
 * The room a provider has near a place this week, from its workers and their planned hours: only the
 * workers near the place whose skills cover the activities count.
 */
export function computeFit(
  workers: readonly CapacityWorker[],
  place: { latitude: number; longitude: number; communeCode: string },
  activityCodes: readonly ActivityCode[],
): ProviderFit {
  const near = workers.filter((w) =>
    w.latitude !== null && w.longitude !== null
      ? distanceBetween(w, place) <= NEARBY_WORKER_RADIUS_KM
      : w.communeCode === place.communeCode,
  );
  const skilled = near.filter((w) => activityCodes.every((a) => hasSkillFor(a, w.skills)));
  const room = skilled.reduce((sum, w) => sum + Math.max(0, w.contractHoursPerWeek - w.plannedHours), 0);
  return {
    nearbyWorkers: near.length,
    skilledWorkers: skilled.length,
    roomHoursPerWeek: Math.round(room * 10) / 10,
  };
}

/** Great-circle distance in km (haversine), both points located. */
export function distanceBetween(
  a: { latitude: number | null; longitude: number | null },
  b: { latitude: number; longitude: number },
): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude!) * rad;
  const dLon = (b.longitude - a.longitude!) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.latitude! * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

// ---------------------------------------------------------------- quotes

/** A line of a provider's quote, as typed. */
export interface QuoteLineInput {
  activityCode: ActivityCode;
  mode: OrganisationMode;
  description: string | null;
  hourlyPriceTtcCents: Cents;
  hourlyPriceHtCents: Cents;
  hoursPerMonth: number;
}

/** Monthly totals of a quote's lines and annex fees, TTC and HT, to the cent. */
export function quoteTotals(
  lines: readonly QuoteLineInput[],
  annexFees: readonly { label: string; amountTtcCents: Cents; amountHtCents?: Cents | null }[],
): { monthlyTtcCents: Cents; monthlyHtCents: Cents; hourlyPriceTtcCents: Cents } {
  const quote: Quote = { organisation: {}, client: {}, lines: lines.map(toQuoteLine), annexFees };
  const monthlyTtcCents = quoteMonthlyTtcCents(quote);
  const monthlyHtCents =
    sumCents(lines.map((l) => roundCents(l.hourlyPriceHtCents * l.hoursPerMonth))) +
    sumCents(annexFees.map((f) => f.amountHtCents ?? f.amountTtcCents));
  // The hourly price shown in the comparison: the hours-weighted mean of the lines.
  const hours = lines.reduce((s, l) => s + l.hoursPerMonth, 0);
  const hourlyPriceTtcCents =
    hours > 0
      ? roundCents(lines.reduce((s, l) => s + l.hourlyPriceTtcCents * l.hoursPerMonth, 0) / hours)
      : (lines[0]?.hourlyPriceTtcCents ?? 0);
  return { monthlyTtcCents, monthlyHtCents, hourlyPriceTtcCents };
}

function toQuoteLine(l: QuoteLineInput): QuoteLine {
  return {
    activityCode: l.activityCode,
    mode: l.mode,
    description: l.description,
    hourlyPriceHtCents: l.hourlyPriceHtCents,
    hourlyPriceTtcCents: l.hourlyPriceTtcCents,
    hoursPerMonth: l.hoursPerMonth,
  };
}

/** What a quote check needs beyond the provider's input. */
export interface QuoteContext {
  issuedOn: string;
  organisation: {
    name: string;
    address: string | null;
    declarationNumber: string | null;
    agrementNumber: string | null;
  };
  client: { name: string; address: string };
  /** Texts the PDF prints (the mandataire warning is added by the caller when a line is mandataire). */
  mentions: readonly string[];
}

/**
 * The contents a provider's quote lacks (arrêté du 17 mars 2015, §5.2), through `missingQuoteContents`. The
 * quote we print is always free and shows tax advantages apart, in smaller type.
 */
export function checkQuote(
  lines: readonly QuoteLineInput[],
  annexFees: readonly { label: string; amountTtcCents: Cents }[],
  context: QuoteContext,
): MissingQuoteContent[] {
  return missingQuoteContents({
    issuedOn: context.issuedOn,
    organisation: {
      name: context.organisation.name,
      address: context.organisation.address,
      declaration: context.organisation.declarationNumber
        ? { number: context.organisation.declarationNumber }
        : null,
      agrement: context.organisation.agrementNumber ? { number: context.organisation.agrementNumber } : null,
    },
    client: context.client,
    lines: lines.map(toQuoteLine),
    annexFees,
    isFree: true,
    taxAdvantageShownSeparately: true,
    mentions: context.mentions,
  });
}

/** Quote numbers `D-2026-000012`: one unbroken series per organisation and year. */
export function formatQuoteNumber(year: number, sequence: number): string {
  return `D-${year}-${String(sequence).padStart(6, '0')}`;
}

// ---------------------------------------------------------------- comparison

/** What the household compares of one quote. */
export interface ComparableQuote {
  quoteId: string;
  organisationId: string;
  organisationName: string;
  qualityLabels: readonly string[];
  lines: readonly QuoteLineInput[];
  monthlyTtcCents: Cents;
  hourlyPriceTtcCents: Cents;
  firstAvailableOn: string;
  validUntil: string;
  workerProfile: { skills: readonly string[]; experienceYears: number | null; description: string | null };
  status: QuoteStatus;
}

export interface ComparisonRow {
  quoteId: string;
  organisationId: string;
  organisationName: string;
  qualityLabels: string[];
  hourlyPriceTtcCents: Cents;
  monthlyTtcCents: Cents;
  /** Paid by the Département each month (APA), per the simulator. */
  monthlyApaCents: Cents;
  /** Monthly tax credit (yearly / 12). */
  monthlyTaxCreditCents: Cents;
  /** What the services finally cost the household per month. */
  monthlyNetCostCents: Cents;
  firstAvailableOn: string;
  validUntil: string;
  workerProfile: { skills: string[]; experienceYears: number | null; description: string | null };
  status: QuoteStatus;
  /** French one-liner of the figures (« 520,00 € par mois, 130,00 € après APA et crédit d'impôt »). */
  summary: string;
  /** Whether it is the cheapest after aids among the quotes compared. */
  isCheapest: boolean;
}

/**
 * One row per quote, cheapest after aids first: the simulator (`simulateHouseholdCost`) computes the APA
 * share (GIR 1–4, 60+, with a plan) and the tax credit of each quote's lines.
 */
export function compareQuotes(
  quotes: readonly ComparableQuote[],
  person: RequestPerson,
  year: number,
): ComparisonRow[] {
  const age = ageIn(person.birthYear, year);
  const planCents = person.apa?.hasPlan ? (person.apa.monthlyAmountCents ?? undefined) : undefined;
  const rows = quotes.map((q): Omit<ComparisonRow, 'isCheapest'> => {
    const result = simulateHouseholdCost({
      lines: q.lines.map((l) => ({
        activityCode: l.activityCode,
        hoursPerMonth: l.hoursPerMonth,
        hourlyPriceCents: l.hourlyPriceTtcCents,
        mode: l.mode,
      })),
      household: {
        dependentChildren: 0,
        membersOver65: 0,
        invalidity: false,
        firstYearDirectEmployment: false,
      },
      dependentPerson:
        person.gir !== null
          ? {
              gir: person.gir,
              ...(age === null ? {} : { ageYears: age }),
              ...(planCents === undefined ? {} : { apaPlanMonthlyCents: planCents }),
            }
          : null,
    });
    // Annex fees are not in the simulator's lines: they are paid in full and count for the credit like the rest.
    const annex = q.monthlyTtcCents - result.monthly.grossCents;
    const net = result.monthly.netCostCents + Math.max(0, annex);
    return {
      quoteId: q.quoteId,
      organisationId: q.organisationId,
      organisationName: q.organisationName,
      qualityLabels: [...q.qualityLabels],
      hourlyPriceTtcCents: q.hourlyPriceTtcCents,
      monthlyTtcCents: q.monthlyTtcCents,
      monthlyApaCents: result.monthly.apaCents,
      monthlyTaxCreditCents: result.monthly.taxCreditCents,
      monthlyNetCostCents: net,
      firstAvailableOn: q.firstAvailableOn,
      validUntil: q.validUntil,
      workerProfile: {
        skills: [...q.workerProfile.skills],
        experienceYears: q.workerProfile.experienceYears,
        description: q.workerProfile.description,
      },
      status: q.status,
      summary: `${formatEuros(q.monthlyTtcCents)} par mois, ${formatEuros(net)} après APA et crédit d'impôt`,
    };
  });
  rows.sort(
    (a, b) =>
      a.monthlyNetCostCents - b.monthlyNetCostCents ||
      a.organisationName.localeCompare(b.organisationName, 'fr'),
  );
  const cheapest = rows[0]?.monthlyNetCostCents;
  return rows.map((r) => ({ ...r, isCheapest: rows.length > 1 && r.monthlyNetCostCents === cheapest }));
}
