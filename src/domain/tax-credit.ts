/**
 * The household tax credit for SAP (CGI art. 199 sexdecies): 50 % of eligible spending net of aids, within an
 * annual ceiling, after the activity sub-ceilings of D7233-5 and the payment-means rule of D7233-3.
 * Source: SAP-REFERENCE §2 (✅ confirmed), §1.3 (offre globale), §2.3 (sub-ceilings), §2.4 (payment means).
 */
import { getActivity, type ActivityCode } from './activities';
import {
  applyRate,
  formatEuros,
  sumCents,
  type BasisPoints,
  type Cents,
  type ExplanationLine,
} from './money';
import type { Mode } from './organisation';

/** Hours the household has to validate or contest an avance immédiate payment request; silence validates (SAP-REFERENCE §4.3 ✅). */
export const AVANCE_IMMEDIATE_VALIDATION_HOURS = 48;

/** Rate of the credit: 50 % (CGI 199 sexdecies). */
export const TAX_CREDIT_RATE_BP: BasisPoints = 5000;

/** Annual ceilings of spending, in cents (SAP-REFERENCE §2.2 ✅). */
export const TAX_CREDIT_CEILINGS_CENTS = {
  /** General case. */
  base: 12_000_00,
  /** General case, with every increment. */
  baseMax: 15_000_00,
  /** First year of direct employment (emploi direct, box 7DQ). */
  firstYearDirect: 15_000_00,
  firstYearDirectMax: 18_000_00,
  /** A household member holds an invalidity card and needs a third person; no increments. */
  invalidity: 20_000_00,
  /** Per dependent child, per household member over 65, per ascendant over 65 eligible to APA. */
  increment: 1_500_00,
  /** Per child in shared residence (half an increment). */
  sharedResidenceIncrement: 750_00,
} as const;

/** Payment means of an invoice (D7233-3). */
export const PAYMENT_MEANS = [
  'carte_bancaire',
  'prelevement',
  'virement',
  'tip',
  'cheque',
  'cesu_declaratif',
  'cesu_prefinance',
  'avance_immediate',
  'especes',
] as const;
export type PaymentMeans = (typeof PAYMENT_MEANS)[number];

/** French labels of the payment means. */
export const PAYMENT_MEANS_LABELS: Readonly<Record<PaymentMeans, string>> = {
  carte_bancaire: 'Carte bancaire',
  prelevement: 'Prélèvement',
  virement: 'Virement',
  tip: 'Titre interbancaire de paiement (TIP)',
  cheque: 'Chèque',
  cesu_declaratif: 'CESU déclaratif',
  cesu_prefinance: 'CESU préfinancé',
  avance_immediate: 'Avance immédiate (Urssaf)',
  especes: 'Espèces',
};

/**
 * Whether an invoice paid by this means can open the tax credit (D7233-3, SAP-REFERENCE §2.4): only invoices
 * fully paid by card, direct debit, transfer, TIP, cheque or CESU are eligible — cash is not.
 */
export function isPaymentMeansEligible(means: PaymentMeans): boolean {
  return means !== 'especes';
}

/** The tax household, as far as the ceiling is concerned. */
export interface TaxHousehold {
  /** Dependent children (full residence): +1 500 € each. */
  dependentChildren: number;
  /** Children in shared residence: +750 € each. */
  sharedResidenceChildren?: number;
  /** Members of the household over 65: +1 500 € each. */
  membersOver65: number;
  /** Ascendants over 65, eligible to APA, when the spending is at their home: +1 500 € each. */
  ascendantsOver65?: number;
  /** A member holds an invalidity card (or equivalent) and needs a third person: ceiling 20 000 €. */
  invalidity: boolean;
  /** First year the household employs someone directly (emploi direct): ceiling 15 000 € (max 18 000 €). */
  firstYearDirectEmployment: boolean;
}

/** Aids received for a spending, deducted before the credit (APA, PCH, CESU préfinancé by a third party…). */
export interface TaxCreditAids {
  apaCents?: Cents;
  pchCents?: Cents;
  /** Part of CESU préfinancés funded by an employer, CSE, fund… (not the part the household funded). */
  cesuPrefinanceCents?: Cents;
  /** Other aids (CMG, pension fund, CCAS…). */
  otherCents?: Cents;
}

/** One yearly spending on one activity. */
export interface TaxCreditExpense {
  activityCode: ActivityCode;
  mode: Mode;
  /** Total invoiced (TTC) or, in emploi direct, wages + contributions, for the year, in cents. */
  amountCents: Cents;
  aids?: TaxCreditAids;
  /** Default `prelevement`. */
  paymentMeans?: PaymentMeans;
  /** For offre-globale activities: sold within a package that includes services at home. Default false. */
  inOffreGlobale?: boolean;
  /** The service is for a dependent (elderly or disabled) person (II-6, II-12; II-16 exception). */
  forDependentPerson?: boolean;
  /** Longest single intervention, in minutes (petit bricolage: 2 h at most). */
  longestInterventionMinutes?: number;
}

/** The outcome for one expense. */
export interface TaxCreditExpenseResult {
  activityCode: ActivityCode;
  amountCents: Cents;
  aidsCents: Cents;
  /** Amount net of aids. */
  netCents: Cents;
  /** Net amount that may count (0 when the expense is not eligible). */
  eligibleCents: Cents;
  /** French reasons why the expense does not count (empty when it does). */
  ineligibilityReasons: string[];
  explanation: string;
}

/** The outcome per activity, after the D7233-5 sub-ceiling. */
export interface TaxCreditActivityResult {
  activityCode: ActivityCode;
  eligibleCents: Cents;
  subCeilingCents: Cents | null;
  /** Spending retained after the sub-ceiling. */
  retainedCents: Cents;
  explanation: string;
}

export type TaxCeilingKind = 'general' | 'first_year_direct' | 'invalidity';

/** The applicable annual ceiling. */
export interface TaxCeiling {
  kind: TaxCeilingKind;
  amountCents: Cents;
  explanation: string;
}

/** The whole computation, itemised. */
export interface TaxCreditResult {
  expenses: TaxCreditExpenseResult[];
  activities: TaxCreditActivityResult[];
  /** Spending retained after sub-ceilings, before the annual ceiling. */
  eligibleSpendingCents: Cents;
  ceiling: TaxCeiling;
  /** Spending retained within the annual ceiling. */
  retainedSpendingCents: Cents;
  creditCents: Cents;
  /** A French line for every figure above. */
  explanations: ExplanationLine[];
}

function count(n: number | undefined): number {
  return Math.max(0, Math.floor(n ?? 0));
}

/**
 * The annual ceiling of spending (CGI 199 sexdecies, SAP-REFERENCE §2.2): 20 000 € with invalidity;
 * otherwise 12 000 € (15 000 € the first year of direct employment, when the household does employ someone
 * directly) + 1 500 € per dependent child, member over 65 or eligible ascendant (750 € per child in shared
 * residence), capped at 15 000 € (18 000 €). The most favourable applicable ceiling is returned.
 */
export function computeTaxCeiling(household: TaxHousehold, hasDirectEmployment: boolean): TaxCeiling {
  const c = TAX_CREDIT_CEILINGS_CENTS;
  if (household.invalidity) {
    return {
      kind: 'invalidity',
      amountCents: c.invalidity,
      explanation: `Un membre du foyer est titulaire d'une carte d'invalidité (ou équivalent) et a besoin de l'aide d'une tierce personne : le plafond est de ${formatEuros(c.invalidity, { wholeEuros: true })}, sans majoration (art. 199 sexdecies du CGI).`,
    };
  }
  const firstYear = household.firstYearDirectEmployment && hasDirectEmployment;
  const base = firstYear ? c.firstYearDirect : c.base;
  const max = firstYear ? c.firstYearDirectMax : c.baseMax;
  const full =
    count(household.dependentChildren) + count(household.membersOver65) + count(household.ascendantsOver65);
  const half = count(household.sharedResidenceChildren);
  const raised = base + full * c.increment + half * c.sharedResidenceIncrement;
  const amount = Math.min(raised, max);
  const parts: string[] = [];
  if (count(household.dependentChildren) > 0)
    parts.push(`${count(household.dependentChildren)} enfant(s) à charge`);
  if (half > 0) parts.push(`${half} enfant(s) en résidence alternée (${formatEuros(TAX_CREDIT_CEILINGS_CENTS.sharedResidenceIncrement, { wholeEuros: true })} chacun)`);
  if (count(household.membersOver65) > 0)
    parts.push(`${count(household.membersOver65)} membre(s) du foyer de plus de 65 ans`);
  if (count(household.ascendantsOver65) > 0)
    parts.push(`${count(household.ascendantsOver65)} ascendant(s) de plus de 65 ans`);
  const start = firstYear
    ? `Première année d'emploi direct d'un salarié à domicile : plafond de base de ${formatEuros(base, { wholeEuros: true })}`
    : `Plafond de base de ${formatEuros(base, { wholeEuros: true })}`;
  const raise = parts.length > 0 ? `, majoré de ${formatEuros(TAX_CREDIT_CEILINGS_CENTS.increment, { wholeEuros: true })} par personne pour ${parts.join(', ')}` : '';
  const cap = raised > max ? `, limité à ${formatEuros(max, { wholeEuros: true })}` : '';
  const note =
    household.firstYearDirectEmployment && !hasDirectEmployment
      ? " La majoration de la première année ne s'applique qu'à l'emploi direct, pas aux services achetés à un organisme."
      : '';
  return {
    kind: firstYear ? 'first_year_direct' : 'general',
    amountCents: amount,
    explanation: `${start}${raise}${cap} : ${formatEuros(amount, { wholeEuros: true })} de dépenses par an (art. 199 sexdecies du CGI).${note}`,
  };
}

function aidsTotal(aids: TaxCreditAids | undefined): Cents {
  if (aids === undefined) return 0;
  return sumCents([
    aids.apaCents ?? 0,
    aids.pchCents ?? 0,
    aids.cesuPrefinanceCents ?? 0,
    aids.otherCents ?? 0,
  ]);
}

/** Why an expense cannot open the credit, in French (empty when it can). */
export function findIneligibilityReasons(expense: TaxCreditExpense): string[] {
  const activity = getActivity(expense.activityCode);
  const reasons: string[] = [];
  const means = expense.paymentMeans ?? 'prelevement';
  if (!isPaymentMeansEligible(means)) {
    reasons.push(
      "Payée en espèces, cette dépense n'ouvre pas droit au crédit d'impôt (art. D7233-3 du code du travail).",
    );
  }
  if (activity.offreGlobale && expense.inOffreGlobale !== true) {
    const exempt = activity.code === 'teleassistance-visioassistance' && expense.forDependentPerson === true;
    if (!exempt) {
      reasons.push(
        `« ${activity.name} » n'ouvre droit au crédit d'impôt que dans une offre globale comprenant des services rendus à domicile (art. 199 sexdecies du CGI).`,
      );
    }
  }
  if (activity.requiresDependentClient && expense.forDependentPerson !== true) {
    reasons.push(`« ${activity.name} » n'est un service à la personne que pour une personne dépendante.`);
  }
  if (
    activity.maxInterventionMinutes !== null &&
    expense.longestInterventionMinutes !== undefined &&
    expense.longestInterventionMinutes > activity.maxInterventionMinutes
  ) {
    reasons.push(
      `Une intervention de petit bricolage ne doit pas dépasser ${activity.maxInterventionMinutes / 60} heures (art. D7233-5 du code du travail).`,
    );
  }
  return reasons;
}

/**
 * The tax credit of a household for a year (CGI 199 sexdecies), itemised with a French explanation per
 * figure. Steps: per expense, deduct aids and drop ineligible spending (cash, offre globale, dependent-only
 * activities, bricolage > 2 h); per activity, apply the D7233-5 sub-ceiling; then the annual ceiling; the
 * credit is 50 % of what remains.
 */
export function computeTaxCredit(
  household: TaxHousehold,
  expenses: readonly TaxCreditExpense[],
): TaxCreditResult {
  const explanations: ExplanationLine[] = [];

  const expenseResults: TaxCreditExpenseResult[] = expenses.map((expense) => {
    const activity = getActivity(expense.activityCode);
    const aids = Math.min(aidsTotal(expense.aids), expense.amountCents);
    const net = Math.max(0, expense.amountCents - aids);
    const reasons = findIneligibilityReasons(expense);
    const eligible = reasons.length === 0 ? net : 0;
    const aidsText =
      aids > 0 ? `, moins ${formatEuros(aids)} d'aides reçues (APA, PCH, CESU préfinancé…)` : '';
    const explanation =
      reasons.length === 0
        ? `${activity.name} : ${formatEuros(expense.amountCents)} payés${aidsText}, soit ${formatEuros(eligible)} retenus.`
        : `${activity.name} : ${formatEuros(expense.amountCents)} non retenus. ${reasons.join(' ')}`;
    return {
      activityCode: activity.code,
      amountCents: expense.amountCents,
      aidsCents: aids,
      netCents: net,
      eligibleCents: eligible,
      ineligibilityReasons: reasons,
      explanation,
    };
  });

  const order: ActivityCode[] = [];
  const byActivity = new Map<ActivityCode, Cents>();
  for (const e of expenseResults) {
    if (!byActivity.has(e.activityCode)) order.push(e.activityCode);
    byActivity.set(e.activityCode, (byActivity.get(e.activityCode) ?? 0) + e.eligibleCents);
  }
  const activityResults: TaxCreditActivityResult[] = order.map((code) => {
    const activity = getActivity(code);
    const eligible = byActivity.get(code) ?? 0;
    const sub = activity.taxSubCeilingCents;
    const retained = sub === null ? eligible : Math.min(eligible, sub);
    const explanation =
      sub === null
        ? `${activity.name} : ${formatEuros(retained)} de dépenses retenues.`
        : eligible > sub
          ? `${activity.name} : ${formatEuros(eligible)} de dépenses, retenues dans la limite de ${formatEuros(sub, { wholeEuros: true })} par an et par foyer (art. D7233-5 du code du travail), soit ${formatEuros(retained)}.`
          : `${activity.name} : ${formatEuros(retained)} de dépenses retenues (plafond propre à cette activité : ${formatEuros(sub, { wholeEuros: true })} par an, art. D7233-5 du code du travail).`;
    explanations.push({
      key: `taxCredit.activity.${code}`,
      label: activity.name,
      amountCents: retained,
      text: explanation,
    });
    return {
      activityCode: code,
      eligibleCents: eligible,
      subCeilingCents: sub,
      retainedCents: retained,
      explanation,
    };
  });

  const eligibleSpending = sumCents(activityResults.map((a) => a.retainedCents));
  explanations.push({
    key: 'taxCredit.eligibleSpending',
    label: 'Dépenses retenues',
    amountCents: eligibleSpending,
    text: `Total des dépenses ouvrant droit au crédit d'impôt, aides déduites et plafonds par activité appliqués : ${formatEuros(eligibleSpending)}.`,
  });

  const hasDirect = expenses.some((e) => e.mode === 'emploi_direct');
  const ceiling = computeTaxCeiling(household, hasDirect);
  explanations.push({
    key: 'taxCredit.ceiling',
    label: 'Plafond annuel des dépenses',
    amountCents: ceiling.amountCents,
    text: ceiling.explanation,
  });

  const retained = Math.min(eligibleSpending, ceiling.amountCents);
  explanations.push({
    key: 'taxCredit.retainedSpending',
    label: 'Dépenses prises en compte',
    amountCents: retained,
    text:
      eligibleSpending > ceiling.amountCents
        ? `Vos dépenses retenues (${formatEuros(eligibleSpending)}) dépassent le plafond : seuls ${formatEuros(retained)} sont pris en compte.`
        : `Vos dépenses retenues restent sous le plafond : ${formatEuros(retained)} sont pris en compte.`,
  });

  const credit = applyRate(retained, TAX_CREDIT_RATE_BP);
  explanations.push({
    key: 'taxCredit.credit',
    label: "Crédit d'impôt",
    amountCents: credit,
    text: `50 % des dépenses prises en compte : ${formatEuros(credit)} de crédit d'impôt (art. 199 sexdecies du CGI). C'est un crédit : s'il dépasse votre impôt, la différence vous est remboursée.`,
  });

  return {
    expenses: expenseResults,
    activities: activityResults,
    eligibleSpendingCents: eligibleSpending,
    ceiling,
    retainedSpendingCents: retained,
    creditCents: credit,
    explanations,
  };
}

/**
 * Boxes of form 2042-RICI where the household reports SAP spending (SAP-REFERENCE §2.5). ⚠️ Unconfirmed
 * (secondary source): show them as a hint only. The per-nature detail codes (BDF, BDG…) are ❓ and not kept.
 */
export const TAX_FORM_BOXES_UNCONFIRMED = {
  spending: '7DB',
  firstYearDirectEmployment: '7DQ',
  invalidity: '7DG',
  ascendants: '7DL',
  aidsReceived: '7DR',
} as const;
