/**
 * The figures the guide shows, all read from src/domain so that the text cannot drift from the rules the
 * simulator applies. Nothing here retypes a rule's number.
 */
import { ACTIVITIES, type Activity } from '../../../domain/activities';
import { APA_PLAN_CEILINGS_CENTS, APA_YEARS, type ApaGir, type ApaYear } from '../../../domain/apa';
import { applyRate, formatEuros, formatRate, type Cents } from '../../../domain/money';
import { simulateHouseholdCost, type SimulatorResult } from '../../../domain/simulator';
import { TAX_CREDIT_CEILINGS_CENTS, TAX_CREDIT_RATE_BP } from '../../../domain/tax-credit';
import { legalPart } from './activity-list';

export { AVANCE_IMMEDIATE_VALIDATION_HOURS } from '../../../domain/tax-credit';

/** « 12 000 € » (whole euros, no cents). */
export const euros = (cents: Cents): string => formatEuros(cents, { wholeEuros: true });
/** « 50 % ». */
export const creditRate = formatRate(TAX_CREDIT_RATE_BP);
/** The largest credit a ceiling allows. */
export const maxCredit = (ceilingCents: Cents): Cents => applyRate(ceilingCents, TAX_CREDIT_RATE_BP);

export const CEILINGS = TAX_CREDIT_CEILINGS_CENTS;

export const ACTIVITY_COUNT = ACTIVITIES.length;
export const PART_I_COUNT = ACTIVITIES.filter((a) => legalPart(a) === 'I').length;
export const PART_II_COUNT = ACTIVITIES.filter((a) => legalPart(a) === 'II').length;

/** Activities with a yearly sub-ceiling (D7233-5). */
export const SUB_CEILING_ACTIVITIES: readonly (Activity & { taxSubCeilingCents: Cents })[] =
  ACTIVITIES.filter((a): a is Activity & { taxSubCeilingCents: Cents } => a.taxSubCeilingCents !== null);
/** Activities that open the credit only inside an offre globale. */
export const OFFRE_GLOBALE_ACTIVITIES: readonly Activity[] = ACTIVITIES.filter((a) => a.offreGlobale);
/** Activities that are SAP only for a dependent client. */
export const DEPENDENT_ONLY_ACTIVITIES: readonly Activity[] = ACTIVITIES.filter(
  (a) => a.requiresDependentClient,
);

/** The latest year whose APA plan ceilings are known. */
export const APA_LATEST_YEAR: ApaYear = APA_YEARS[APA_YEARS.length - 1] ?? 2025;
export const APA_CEILINGS_LATEST: Readonly<Record<ApaGir, Cents>> = APA_PLAN_CEILINGS_CENTS[APA_LATEST_YEAR];

/** The worked example of the guide: a retired couple, 10 h of housework a month at 25 € the hour. */
export const EXAMPLE = { hoursPerMonth: 10, hourlyPriceCents: 25_00 } as const;

export function exampleResult(wantsAvanceImmediate: boolean): SimulatorResult {
  return simulateHouseholdCost({
    lines: [
      {
        activityCode: 'entretien-maison',
        hoursPerMonth: EXAMPLE.hoursPerMonth,
        hourlyPriceCents: EXAMPLE.hourlyPriceCents,
        mode: 'prestataire',
      },
    ],
    household: {
      dependentChildren: 0,
      membersOver65: 2,
      invalidity: false,
      firstYearDirectEmployment: false,
    },
    wantsAvanceImmediate,
  });
}

/** Lower-cases the first letter of a label to use it inside a sentence, leaving acronyms (« CESU ») alone. */
export const lowerFirst = (label: string): string =>
  /^\p{Lu}{2}/u.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1);
