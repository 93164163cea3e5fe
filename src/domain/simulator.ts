/**
 * The household cost simulator: what a set of SAP activities costs per month and per year once the APA and
 * the tax credit are applied, and what is paid at once with the Urssaf avance immédiate versus refunded
 * later. Every figure comes with a French explanation line.
 * Combines: activities.ts (§1.3), apa.ts (§6.1), tax-credit.ts (§2), avance immédiate (§4).
 */
import { getActivity, type ActivityCode } from './activities';
import {
  APA_MIN_AGE,
  APA_PLAN_USUAL_ACTIVITIES,
  computeApa,
  isApaGir,
  type ApaResult,
  type ApaYear,
  type Gir,
} from './apa';
import { formatEuros, roundCents, sumCents, type Cents, type ExplanationLine } from './money';
import { MODE_INFO, type Mode } from './organisation';
import {
  computeTaxCredit,
  type PaymentMeans,
  type TaxCreditExpense,
  type TaxCreditResult,
} from './tax-credit';

/** One activity in the simulation. */
export interface SimulatorLine {
  activityCode: ActivityCode;
  /** Hours per month (decimals allowed: 2.5 = 2 h 30). */
  hoursPerMonth: number;
  /** Price per hour TTC, in cents; in emploi direct, the hourly cost (wage + contributions). */
  hourlyPriceCents: Cents;
  mode: Mode;
  /** For offre-globale activities; default: true when the simulation also has at-home activities. */
  inOffreGlobale?: boolean;
  /** Whether the APA plan funds this line; default: the usual plan activities (`APA_PLAN_USUAL_ACTIVITIES`). */
  coveredByApa?: boolean;
  /** Longest single intervention, in minutes (petit bricolage: 2 h at most). */
  longestInterventionMinutes?: number;
}

/** The household situation. */
export interface SimulatorHousehold {
  dependentChildren: number;
  sharedResidenceChildren?: number;
  membersOver65: number;
  ascendantsOver65?: number;
  /** A member holds an invalidity card and needs a third person. */
  invalidity: boolean;
  firstYearDirectEmployment: boolean;
  /** The avance immédiate needs at least one income-tax return already filed (§4.2). Default true. */
  hasFiledTaxReturn?: boolean;
}

/** The dependent person cared for, when there is one. */
export interface SimulatorDependentPerson {
  gir: Gir;
  /** Age in years; the APA starts at 60 (below, the PCH may apply). */
  ageYears?: number;
  /** Monthly amount of the notified APA plan d'aide, in cents (when there is one). */
  apaPlanMonthlyCents?: Cents;
  /** Monthly resources as counted for the APA, in cents. */
  monthlyIncomeCents?: Cents;
}

/** Input of `simulateHouseholdCost`. */
export interface SimulatorInput {
  lines: readonly SimulatorLine[];
  household: SimulatorHousehold;
  dependentPerson?: SimulatorDependentPerson | null;
  /** Default `prelevement`. Cash loses the tax credit (D7233-3). */
  paymentMeans?: PaymentMeans;
  /** Whether the household wants the avance immédiate. Default true. */
  wantsAvanceImmediate?: boolean;
  /** Year of the APA scale. Default 2025. */
  year?: ApaYear;
}

/** Figures of one period (a month or a year), in cents. */
export interface SimulatorTotals {
  /** Price of the services before any aid. */
  grossCents: Cents;
  /** Paid by the Département (APA). */
  apaCents: Cents;
  /** What the household pays before the tax credit. */
  householdShareCents: Cents;
  taxCreditCents: Cents;
  /** Paid at each invoice (the household share, minus the credit with the avance immédiate). */
  paidNowCents: Cents;
  /** Tax credit refunded the following year (0 with the avance immédiate). */
  refundedLaterCents: Cents;
  /** What the services finally cost the household. */
  netCostCents: Cents;
}

/** One line of the result. */
export interface SimulatorLineResult {
  activityCode: ActivityCode;
  activityName: string;
  mode: Mode;
  hoursPerMonth: number;
  hourlyPriceCents: Cents;
  monthlyGrossCents: Cents;
  monthlyApaCents: Cents;
  monthlyHouseholdShareCents: Cents;
  explanation: string;
}

/** Output of `simulateHouseholdCost`. */
export interface SimulatorResult {
  lines: SimulatorLineResult[];
  monthly: SimulatorTotals;
  yearly: SimulatorTotals;
  apa: ApaResult | null;
  taxCredit: TaxCreditResult;
  avanceImmediate: { available: boolean; used: boolean; explanation: string };
  /** A French line for every figure. */
  explanations: ExplanationLine[];
  /** French warnings (rules the household should know about). */
  warnings: string[];
}

/** Splits `total` over `weights` proportionally, in whole cents, the rounding remainder going to the largest. */
function splitProportionally(total: Cents, weights: readonly Cents[]): Cents[] {
  const sum = sumCents(weights);
  if (sum <= 0 || total === 0) return weights.map(() => 0);
  const parts = weights.map((w) => Math.floor((total * w) / sum));
  let remainder = total - sumCents(parts);
  const order = weights.map((w, i) => ({ w, i })).sort((a, b) => b.w - a.w || a.i - b.i);
  for (let k = 0; remainder > 0; k = (k + 1) % order.length, remainder--) {
    const idx = order[k]!.i;
    parts[idx] = parts[idx]! + 1;
  }
  return parts;
}

/**
 * Simulates what SAP cost a household: gross price, APA share, tax credit (ceilings and sub-ceilings
 * applied), amount paid now with or without the avance immédiate, refund later, net cost — monthly and
 * yearly, each with a French explanation.
 *
 * Assumptions (stated in the explanations): the same hours every month; the APA plan funds the usual plan
 * activities up to its amount, at the provider's price; the monthly tax credit is the yearly credit / 12.
 */
export function simulateHouseholdCost(input: SimulatorInput): SimulatorResult {
  const warnings: string[] = [];
  const explanations: ExplanationLine[] = [];
  const paymentMeans = input.paymentMeans ?? 'prelevement';
  const dependent = input.dependentPerson ?? null;
  const isDependent = (dependent !== null && isApaGir(dependent.gir)) || input.household.invalidity;
  const hasAtHomeActivity = input.lines.some((l) => !getActivity(l.activityCode).offreGlobale);

  // 1. Gross monthly price per line.
  const base = input.lines.map((line) => {
    const activity = getActivity(line.activityCode);
    const gross = roundCents(Math.max(0, line.hoursPerMonth) * Math.max(0, line.hourlyPriceCents));
    const apaCovered = line.coveredByApa ?? APA_PLAN_USUAL_ACTIVITIES.includes(activity.code);
    return { line, activity, gross, apaCovered };
  });
  const monthlyGross = sumCents(base.map((b) => b.gross));

  // 2. APA (monthly), spread over the lines the plan funds.
  let apa: ApaResult | null = null;
  let apaByLine = base.map(() => 0);
  if (dependent !== null) {
    if (dependent.ageYears !== undefined && dependent.ageYears < APA_MIN_AGE) {
      warnings.push(
        `L'APA est réservée aux personnes de ${APA_MIN_AGE} ans et plus ; avant, la prestation de compensation du handicap (PCH) peut prendre le relais : elle n'est pas comptée ici.`,
      );
    } else if (!isApaGir(dependent.gir)) {
      warnings.push(
        `En GIR ${dependent.gir}, la personne n'a pas droit à l'APA ; sa caisse de retraite peut financer une aide à domicile.`,
      );
    } else if (dependent.apaPlanMonthlyCents === undefined || dependent.apaPlanMonthlyCents <= 0) {
      warnings.push(
        `En GIR ${dependent.gir}, la personne peut demander l'APA au Département : le simulateur ne l'a pas comptée faute de plan d'aide.`,
      );
    } else {
      const apaBase = sumCents(base.filter((b) => b.apaCovered).map((b) => b.gross));
      apa = computeApa({
        gir: dependent.gir,
        monthlyIncomeCents: dependent.monthlyIncomeCents ?? 0,
        planAmountCents: dependent.apaPlanMonthlyCents,
        usedAmountCents: apaBase,
        year: input.year ?? 2025,
      });
      if (dependent.monthlyIncomeCents === undefined) {
        warnings.push(
          'Sans vos ressources mensuelles, la participation APA a été calculée comme nulle : le résultat est optimiste.',
        );
      }
      apaByLine = splitProportionally(
        apa.departementShareCents,
        base.map((b) => (b.apaCovered ? b.gross : 0)),
      );
      explanations.push(...apa.explanations);
    }
  }

  // 3. Lines.
  const lines: SimulatorLineResult[] = base.map((b, i) => {
    const apaPart = apaByLine[i] ?? 0;
    const share = b.gross - apaPart;
    const apaText = apaPart > 0 ? `, dont ${formatEuros(apaPart)} payés par l'APA` : '';
    return {
      activityCode: b.activity.code,
      activityName: b.activity.name,
      mode: b.line.mode,
      hoursPerMonth: b.line.hoursPerMonth,
      hourlyPriceCents: b.line.hourlyPriceCents,
      monthlyGrossCents: b.gross,
      monthlyApaCents: apaPart,
      monthlyHouseholdShareCents: share,
      explanation: `${b.activity.name} (${MODE_INFO[b.line.mode].label.toLowerCase()}) : ${String(b.line.hoursPerMonth).replace('.', ',')} h par mois à ${formatEuros(b.line.hourlyPriceCents)} de l'heure = ${formatEuros(b.gross)} par mois${apaText}.`,
    };
  });

  for (const b of base) {
    if (b.activity.maxInterventionMinutes !== null) {
      warnings.push(
        `Petit bricolage : chaque intervention doit durer ${b.activity.maxInterventionMinutes / 60} heures au plus, et les dépenses ne comptent que jusqu'à ${formatEuros(b.activity.taxSubCeilingCents ?? 0, { wholeEuros: true })} par an pour le crédit d'impôt.`,
      );
    }
    if (b.activity.offreGlobale && b.line.inOffreGlobale === undefined && !hasAtHomeActivity) {
      warnings.push(
        `« ${b.activity.name} » n'ouvre droit au crédit d'impôt que dans une offre globale comprenant des services à domicile.`,
      );
    }
    if (b.line.mode === 'emploi_direct') {
      warnings.push(
        "En emploi direct, indiquez le coût horaire complet (salaire et cotisations) : vous êtes l'employeur.",
      );
    }
  }

  const monthlyApa = sumCents(apaByLine);
  const monthlyShare = monthlyGross - monthlyApa;

  // 4. Tax credit (yearly).
  const expenses: TaxCreditExpense[] = base.map((b, i) => ({
    activityCode: b.activity.code,
    mode: b.line.mode,
    amountCents: b.gross * 12,
    aids: { apaCents: (apaByLine[i] ?? 0) * 12 },
    paymentMeans,
    inOffreGlobale: b.line.inOffreGlobale ?? hasAtHomeActivity,
    forDependentPerson: isDependent,
    ...(b.line.longestInterventionMinutes === undefined
      ? {}
      : { longestInterventionMinutes: b.line.longestInterventionMinutes }),
  }));
  const taxCredit = computeTaxCredit(input.household, expenses);
  const yearlyCredit = taxCredit.creditCents;
  const monthlyCredit = roundCents(yearlyCredit / 12);

  // 5. Avance immédiate (§4).
  const avanceImmediate = decideAvanceImmediate(input, monthlyApa, paymentMeans, yearlyCredit);
  const used = avanceImmediate.used;

  const yearlyGross = monthlyGross * 12;
  const yearlyApa = monthlyApa * 12;
  const yearlyShare = monthlyShare * 12;
  const monthly: SimulatorTotals = {
    grossCents: monthlyGross,
    apaCents: monthlyApa,
    householdShareCents: monthlyShare,
    taxCreditCents: monthlyCredit,
    paidNowCents: used ? monthlyShare - monthlyCredit : monthlyShare,
    refundedLaterCents: used ? 0 : monthlyCredit,
    netCostCents: monthlyShare - monthlyCredit,
  };
  const yearly: SimulatorTotals = {
    grossCents: yearlyGross,
    apaCents: yearlyApa,
    householdShareCents: yearlyShare,
    taxCreditCents: yearlyCredit,
    paidNowCents: used ? yearlyShare - yearlyCredit : yearlyShare,
    refundedLaterCents: used ? 0 : yearlyCredit,
    netCostCents: yearlyShare - yearlyCredit,
  };

  explanations.push(
    {
      key: 'simulator.monthly.gross',
      label: 'Prix des services par mois',
      amountCents: monthly.grossCents,
      text: `Somme des heures par mois multipliées par le prix horaire de chaque service : ${formatEuros(monthly.grossCents)} par mois.`,
    },
    {
      key: 'simulator.yearly.gross',
      label: 'Prix des services par an',
      amountCents: yearly.grossCents,
      text: `Sur 12 mois au même rythme : ${formatEuros(yearly.grossCents)} par an.`,
    },
    {
      key: 'simulator.monthly.apa',
      label: "Part payée par l'APA par mois",
      amountCents: monthly.apaCents,
      text:
        monthly.apaCents > 0
          ? `Le Département paie ${formatEuros(monthly.apaCents)} par mois au titre de l'APA, sur les services prévus par le plan d'aide (${formatEuros(yearly.apaCents)} par an).`
          : "Aucune APA n'est comptée dans cette simulation.",
    },
    {
      key: 'simulator.monthly.householdShare',
      label: 'À votre charge avant crédit d’impôt, par mois',
      amountCents: monthly.householdShareCents,
      text: `Prix des services moins l'APA : ${formatEuros(monthly.householdShareCents)} par mois, ${formatEuros(yearly.householdShareCents)} par an.`,
    },
    ...taxCredit.explanations,
    {
      key: 'simulator.monthly.taxCredit',
      label: "Crédit d'impôt par mois (moyenne)",
      amountCents: monthly.taxCreditCents,
      text: `Le crédit d'impôt de l'année (${formatEuros(yearly.taxCreditCents)}) réparti sur 12 mois : ${formatEuros(monthly.taxCreditCents)} par mois en moyenne.`,
    },
    {
      key: 'simulator.avanceImmediate',
      label: 'Avance immédiate',
      amountCents: used ? yearly.taxCreditCents : 0,
      text: avanceImmediate.explanation,
    },
    {
      key: 'simulator.monthly.paidNow',
      label: 'Payé chaque mois',
      amountCents: monthly.paidNowCents,
      text: used
        ? `Avec l'avance immédiate, vous ne payez à chaque facture que votre part moins le crédit d'impôt : ${formatEuros(monthly.paidNowCents)} par mois en moyenne (${formatEuros(yearly.paidNowCents)} par an).`
        : `Vous payez chaque mois votre part entière : ${formatEuros(monthly.paidNowCents)} (${formatEuros(yearly.paidNowCents)} par an).`,
    },
    {
      key: 'simulator.yearly.refundedLater',
      label: "Remboursé l'année suivante",
      amountCents: yearly.refundedLaterCents,
      text: used
        ? "Rien à attendre l'année suivante : le crédit d'impôt vous a déjà été versé au fil des factures."
        : `Le crédit d'impôt de ${formatEuros(yearly.refundedLaterCents)} vous est versé l'année suivante par l'administration fiscale, après votre déclaration de revenus.`,
    },
    {
      key: 'simulator.monthly.netCost',
      label: 'Coût final par mois',
      amountCents: monthly.netCostCents,
      text: `Ce que les services vous coûtent vraiment, crédit d'impôt déduit : ${formatEuros(monthly.netCostCents)} par mois en moyenne.`,
    },
    {
      key: 'simulator.yearly.netCost',
      label: 'Coût final par an',
      amountCents: yearly.netCostCents,
      text: `Votre part (${formatEuros(yearly.householdShareCents)}) moins le crédit d'impôt (${formatEuros(yearly.taxCreditCents)}) : ${formatEuros(yearly.netCostCents)} par an.`,
    },
  );

  return {
    lines,
    monthly,
    yearly,
    apa,
    taxCredit,
    avanceImmediate,
    explanations,
    warnings: [...new Set(warnings)],
  };
}

function decideAvanceImmediate(
  input: SimulatorInput,
  monthlyApaCents: Cents,
  paymentMeans: PaymentMeans,
  yearlyCreditCents: Cents,
): { available: boolean; used: boolean; explanation: string } {
  const no = (explanation: string): { available: boolean; used: boolean; explanation: string } => ({
    available: false,
    used: false,
    explanation,
  });
  if (paymentMeans === 'especes') {
    return no(
      "Payés en espèces, les services n'ouvrent pas droit au crédit d'impôt, ni donc à l'avance immédiate.",
    );
  }
  if (yearlyCreditCents <= 0) return no("Sans crédit d'impôt, il n'y a rien à avancer.");
  if (monthlyApaCents > 0) {
    return no(
      "L'avance immédiate n'est pas encore ouverte aux bénéficiaires de l'APA ou de la PCH : le crédit d'impôt vous sera versé l'année suivante.",
    );
  }
  if (input.household.hasFiledTaxReturn === false) {
    return no(
      "L'avance immédiate demande d'avoir déjà déposé au moins une déclaration de revenus : le crédit d'impôt vous sera versé l'année suivante.",
    );
  }
  if (input.wantsAvanceImmediate === false) {
    return {
      available: true,
      used: false,
      explanation:
        "Vous avez choisi de ne pas utiliser l'avance immédiate : le crédit d'impôt vous sera versé l'année suivante.",
    };
  }
  const direct = input.lines.some((l) => l.mode === 'emploi_direct');
  return {
    available: true,
    used: true,
    explanation: `Avec l'avance immédiate de l'Urssaf${direct ? ' (via Cesu+ pour l’emploi direct)' : ''}, le crédit d'impôt est déduit à chaque facture : l'Urssaf paie le prestataire en entier et ne prélève que votre part, après votre validation (48 h, sinon validation tacite). Service gratuit, si votre prestataire le propose.`,
  };
}
