/**
 * APA at home (allocation personnalisée d'autonomie, CASF L232-1 ff.) and PCH basics.
 * Source: SAP-REFERENCE §6.1 (GIR ceilings ✅, participation thresholds ✅ as ratios of the MTP), §6.2
 * (national floor tariff ⚠️), §6.3 (PCH ⚠️/❓).
 *
 * Every figure the reference does not confirm (⚠️/❓) lives in the one constant `APA_UNCONFIRMED` below, and
 * is listed in docs/domain.md.
 */
import type { ActivityCode } from './activities';
import {
  formatEuros,
  formatRate,
  roundCents,
  type BasisPoints,
  type Cents,
  type ExplanationLine,
} from './money';

/** AGGIR levels: 1 = most dependent. APA needs GIR 1 to 4. */
export const GIR_LEVELS = [1, 2, 3, 4, 5, 6] as const;
export type Gir = (typeof GIR_LEVELS)[number];
export type ApaGir = 1 | 2 | 3 | 4;

/** Years for which the plan ceilings are known. */
export const APA_YEARS = [2024, 2025] as const;
export type ApaYear = (typeof APA_YEARS)[number];

/** Monthly ceilings of the plan d'aide by GIR, in cents (SAP-REFERENCE §6.1 ✅). */
export const APA_PLAN_CEILINGS_CENTS: Readonly<Record<ApaYear, Readonly<Record<ApaGir, Cents>>>> = {
  2024: { 1: 1_955_60, 2: 1_581_44, 3: 1_143_09, 4: 762_87 },
  2025: { 1: 2_045_56, 2: 1_654_18, 3: 1_195_67, 4: 797_96 },
};

/** Participation thresholds as ratios of the MTP (SAP-REFERENCE §6.1 ✅) and the top rate (90 % ✅). */
export const APA_PARTICIPATION_RULES = {
  /** No participation at or below 0.725 × MTP of monthly resources. */
  lowerThresholdMtpRatio: 0.725,
  /** 90 % of the plan above 2.67 × MTP. */
  upperThresholdMtpRatio: 2.67,
  maxRateBp: 9000 as BasisPoints,
} as const;

/** 2023 thresholds read in a source (SAP-REFERENCE §6.1 ✅), used to check the formula. */
export const APA_THRESHOLDS_2023_CENTS = { lower: 864_60, upper: 3_184_11 } as const;

/**
 * Values the reference does NOT confirm. Keep them here, and only here (docs/domain.md lists them).
 * - `mtpCents`: the MTP (majoration pour tierce personne) by year. 2025 is derived by the reference from the
 *   GIR 1 ceiling (2 045.56 / 1.615 ≈ 1 266.60 €) ⚠️; 2024 derived the same way (1 955.60 / 1.615 ≈ 1 210.90) ⚠️;
 *   2023 derived from the confirmed 2023 thresholds (864.60 / 0.725 = 1 192.55) ⚠️.
 * - `planTranches`: the ASV reform (2016) lowers the rate on the parts of large plans; the reference says so
 *   without the figures. The split at 0.317 and 0.498 × MTP, with reductions of 60 % and 80 % that shrink to 0
 *   as resources reach 2.67 × MTP, is CASF R232-11 as we know it (decree 2016-210), cross-checked with a
 *   Département's published rule (plans < 350 €, 350–550 € −60 %, > 550 € −80 %, 2016 MTP) ❓.
 * - `planCeilingToMtpRatios`: derived by the reference ⚠️ (only checked against the confirmed tables).
 * - `tarifNationalSocleCents`: national floor valuation of an APA/PCH hour by a SAAD (§6.2 ⚠️ federation source).
 * - `pchHourlyTariffCents`: PCH "aide humaine" hourly tariffs by mode (§6.3): only the emploi-direct figure is
 *   quoted (2024 service-public page ⚠️); mandataire, prestataire and family-carer tariffs are unknown (❓, null).
 * - `participationProRataOfUsedPlan`: applying the participation rate to the part of the plan actually used is
 *   the usual practice of Départements, not a rule read in the reference ⚠️.
 */
export const APA_UNCONFIRMED = {
  mtpCents: { 2023: 1_192_55, 2024: 1_210_90, 2025: 1_266_60 } as Readonly<Record<number, Cents>>,
  planTranches: {
    firstLimitMtpRatio: 0.317,
    secondLimitMtpRatio: 0.498,
    secondTrancheReductionBp: 6000 as BasisPoints,
    thirdTrancheReductionBp: 8000 as BasisPoints,
  },
  planCeilingToMtpRatios: { 1: 1.615, 2: 1.306, 3: 0.944, 4: 0.63 } as Readonly<Record<ApaGir, number>>,
  tarifNationalSocleCents: { 2022: 22_00, 2024: 23_50, 2025: 24_58 } as Readonly<Record<number, Cents>>,
  pchHourlyTariffCents: {
    year: 2024,
    emploi_direct: 18_96 as Cents | null,
    mandataire: null as Cents | null,
    prestataire: null as Cents | null,
    aidant_familial: null as Cents | null,
  },
  participationProRataOfUsedPlan: true,
} as const;

/** Minimum age for the APA. */
export const APA_MIN_AGE = 60;

/** True when a GIR level opens the APA (1 to 4). */
export function isApaGir(gir: number): gir is ApaGir {
  return gir === 1 || gir === 2 || gir === 3 || gir === 4;
}

/** Whether a person can get the APA: aged 60 or more and assessed GIR 1 to 4 (§6.1). */
export function isApaEligible(ageYears: number, gir: Gir): boolean {
  return ageYears >= APA_MIN_AGE && isApaGir(gir);
}

/**
 * Monthly ceiling of the plan d'aide for a GIR and a year (§6.1).
 * @throws RangeError for GIR 5–6 (no APA) or a year without a table.
 */
export function getApaPlanCeilingCents(gir: Gir, year: ApaYear = 2025): Cents {
  if (!isApaGir(gir)) throw new RangeError(`Pas d'APA en GIR ${gir} : seuls les GIR 1 à 4 y ouvrent droit.`);
  return APA_PLAN_CEILINGS_CENTS[year][gir];
}

/** The MTP used for a year (⚠️ derived, see `APA_UNCONFIRMED`). */
export function getMtpCents(year: number): Cents {
  const mtp = APA_UNCONFIRMED.mtpCents[year];
  if (mtp === undefined) throw new RangeError(`Montant de la MTP inconnu pour ${year}.`);
  return mtp;
}

/** Monthly resource thresholds of the participation scale for an MTP, rounded to the cent. */
export function apaParticipationThresholds(mtpCents: Cents): { lowerCents: Cents; upperCents: Cents } {
  return {
    lowerCents: roundCents(mtpCents * APA_PARTICIPATION_RULES.lowerThresholdMtpRatio),
    upperCents: roundCents(mtpCents * APA_PARTICIPATION_RULES.upperThresholdMtpRatio),
  };
}

/** Input of `computeApa`. */
export interface ApaInput {
  gir: Gir;
  /** Monthly resources as the Département counts them (household income + notional income of assets). */
  monthlyIncomeCents: Cents;
  /** Monthly amount of the notified plan d'aide (valued at the Département's tariffs). */
  planAmountCents: Cents;
  /** Part of the plan actually used this month; defaults to the whole plan. */
  usedAmountCents?: Cents;
  year?: ApaYear;
}

/** APA for one month, itemised. */
export interface ApaResult {
  /** Plan amount after the GIR ceiling. */
  planCents: Cents;
  /** Beneficiary's participation (ticket modérateur) on the whole plan. */
  participationOnPlanCents: Cents;
  /** Effective participation rate, in basis points of the plan. */
  participationRateBp: BasisPoints;
  /** Part of the plan used. */
  usedCents: Cents;
  /** Beneficiary's participation on the used part (rate applied to it). */
  participationCents: Cents;
  /** Amount paid by the Département (APA proper): used part minus participation. */
  departementShareCents: Cents;
  thresholds: { lowerCents: Cents; upperCents: Cents };
  explanations: ExplanationLine[];
}

/**
 * Beneficiary's monthly participation on a plan, before rounding, per CASF R232-11 as implemented here:
 * 0 at or below 0.725 × MTP; 90 % of the plan above 2.67 × MTP; in between, 90 % × x of the first tranche of
 * the plan, with lighter rates on the upper tranches, where x = (R − S1)/(S2 − S1) ⚠️ (see `APA_UNCONFIRMED`).
 */
export function apaParticipationCents(monthlyIncomeCents: Cents, planCents: Cents, mtpCents: Cents): Cents {
  const { lowerCents, upperCents } = apaParticipationThresholds(mtpCents);
  const max = APA_PARTICIPATION_RULES.maxRateBp / 10_000;
  if (monthlyIncomeCents <= lowerCents || planCents <= 0) return 0;
  if (monthlyIncomeCents >= upperCents) return roundCents(planCents * max);
  const x = (monthlyIncomeCents - lowerCents) / (upperCents - lowerCents);
  const t = APA_UNCONFIRMED.planTranches;
  const limit1 = roundCents(mtpCents * t.firstLimitMtpRatio);
  const limit2 = roundCents(mtpCents * t.secondLimitMtpRatio);
  const a1 = Math.min(planCents, limit1);
  const a2 = Math.max(0, Math.min(planCents, limit2) - limit1);
  const a3 = Math.max(0, planCents - limit2);
  const r2 = 1 - (t.secondTrancheReductionBp / 10_000) * (1 - x);
  const r3 = 1 - (t.thirdTrancheReductionBp / 10_000) * (1 - x);
  return roundCents(max * x * (a1 + a2 * r2 + a3 * r3));
}

/**
 * The APA of a month: the plan (capped at the GIR ceiling), the beneficiary's participation by the national
 * scale, and the Département's share, with a French line per figure (§6.1). When only part of the plan is
 * used, the same participation rate applies to the used part (the usual practice of the Départements ⚠️).
 */
export function computeApa(input: ApaInput): ApaResult {
  const year = input.year ?? 2025;
  const ceiling = getApaPlanCeilingCents(input.gir, year);
  const mtp = getMtpCents(year);
  const plan = Math.max(0, Math.min(input.planAmountCents, ceiling));
  const thresholds = apaParticipationThresholds(mtp);
  const participationOnPlan = apaParticipationCents(input.monthlyIncomeCents, plan, mtp);
  const rateBp = plan === 0 ? 0 : Math.round((participationOnPlan * 10_000) / plan);
  const used = Math.max(0, Math.min(input.usedAmountCents ?? plan, plan));
  const participation =
    used === plan ? participationOnPlan : roundCents((participationOnPlan * used) / Math.max(plan, 1));
  const departement = used - participation;

  const explanations: ExplanationLine[] = [
    {
      key: 'apa.plan',
      label: "Plan d'aide APA",
      amountCents: plan,
      text:
        input.planAmountCents > ceiling
          ? `Le plan d'aide demandé (${formatEuros(input.planAmountCents)}) dépasse le plafond du GIR ${input.gir} en ${year} : il est ramené à ${formatEuros(ceiling)} par mois.`
          : `Plan d'aide de ${formatEuros(plan)} par mois (plafond du GIR ${input.gir} en ${year} : ${formatEuros(ceiling)}).`,
    },
    {
      key: 'apa.participation',
      label: 'Votre participation (ticket modérateur)',
      amountCents: participation,
      text:
        input.monthlyIncomeCents <= thresholds.lowerCents
          ? `Avec des ressources de ${formatEuros(input.monthlyIncomeCents)} par mois, au plus ${formatEuros(thresholds.lowerCents)} (0,725 fois la MTP), vous ne payez aucune participation.`
          : input.monthlyIncomeCents >= thresholds.upperCents
            ? `Avec des ressources de ${formatEuros(input.monthlyIncomeCents)} par mois, au-delà de ${formatEuros(thresholds.upperCents)} (2,67 fois la MTP), votre participation est de 90 % du plan utilisé : ${formatEuros(participation)}.`
            : `Avec des ressources de ${formatEuros(input.monthlyIncomeCents)} par mois, entre ${formatEuros(thresholds.lowerCents)} et ${formatEuros(thresholds.upperCents)}, votre participation est progressive : ${formatRate(rateBp)} du plan, soit ${formatEuros(participation)} (barème national, art. R232-11 du CASF, calcul indicatif).`,
    },
    {
      key: 'apa.departement',
      label: 'Part payée par le Département (APA)',
      amountCents: departement,
      text: `Le Département verse ${formatEuros(departement)} par mois : le plan utilisé (${formatEuros(used)}) moins votre participation.`,
    },
  ];

  return {
    planCents: plan,
    participationOnPlanCents: participationOnPlan,
    participationRateBp: rateBp,
    usedCents: used,
    participationCents: participation,
    departementShareCents: departement,
    thresholds,
    explanations,
  };
}

/**
 * Activities a plan d'aide usually funds at home (help with daily acts, housework, meals, accompaniment,
 * téléassistance). A product default for the simulator, not a legal list ⚠️: the Département's plan decides.
 */
export const APA_PLAN_USUAL_ACTIVITIES: readonly ActivityCode[] = [
  'assistance-personnes-agees-handicapees',
  'accompagnement-personnes-dependantes',
  'entretien-maison',
  'preparation-repas',
  'livraison-repas',
  'teleassistance-visioassistance',
];

// ——— PCH (prestation de compensation du handicap), basics only ———

/**
 * Activities the PCH "aide humaine" never funds: housework, cooking, shopping (SAP-REFERENCE §6.3 ✅). It funds
 * essential acts (washing, dressing, eating, toileting, mobility), supervision and social participation.
 */
export const PCH_AIDE_HUMAINE_EXCLUDED_ACTIVITIES: readonly ActivityCode[] = [
  'entretien-maison',
  'preparation-repas',
  'livraison-repas',
  'livraison-courses',
  'collecte-livraison-linge',
  'petits-travaux-jardinage',
  'petit-bricolage',
];

/** Whether the PCH "aide humaine" can fund an activity (§6.3). */
export function isPchAideHumaineActivity(code: ActivityCode): boolean {
  return !PCH_AIDE_HUMAINE_EXCLUDED_ACTIVITIES.includes(code);
}
