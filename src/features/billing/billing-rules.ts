/**
 * Pure billing rules (no I/O): amounts of a visit, the APA/PCH share of a month, totals of an invoice,
 * payment status, département of a commune. Money in integer cents, rates in basis points (src/domain/money.ts).
 */
import { APA_PLAN_USUAL_ACTIVITIES, isPchAideHumaineActivity } from '../../domain/apa';
import { getActivity, isActivityCode, type ActivityCode } from '../../domain/activities';
import { getVatRateBp, splitTtc } from '../../domain/invoice';
import { roundCents, type Cents } from '../../domain/money';
import { isPaymentMeansEligible, type PaymentMeans } from '../../domain/tax-credit';
import { addDays, localFields, localToInstant, PARIS_TIME_ZONE } from '../../shared/local-time';

export { frenchDate, monthLabel, previousMonth } from '../../shared/french-dates';

/** Standard VAT rate, used when the reference leaves an activity's rate open (téléassistance…): the safe side. */
export const STANDARD_VAT_RATE_BP = 2000;

export const PAYMENT_MEANS_CODES = [
  'transfer',
  'card',
  'cesu_prefinance',
  'cash',
  'cheque',
  'avance_immediate',
] as const;
export type PaymentMeansCode = (typeof PAYMENT_MEANS_CODES)[number];

/** Our API's payment means → the domain's (D7233-3). */
export const DOMAIN_PAYMENT_MEANS: Readonly<Record<PaymentMeansCode, PaymentMeans>> = {
  transfer: 'virement',
  card: 'carte_bancaire',
  cesu_prefinance: 'cesu_prefinance',
  cash: 'especes',
  cheque: 'cheque',
  avance_immediate: 'avance_immediate',
};

export const PAYMENT_MEANS_FR: Readonly<Record<PaymentMeansCode, string>> = {
  transfer: 'Virement',
  card: 'Carte bancaire',
  cesu_prefinance: 'CESU préfinancé',
  cash: 'Espèces',
  cheque: 'Chèque',
  avance_immediate: 'Avance immédiate (Urssaf)',
};

/** Printed on an invoice paid in cash: cash does not open the tax credit (D7233-3, SAP-REFERENCE §2.4). */
export const CASH_PAYMENT_STATEMENT =
  "Facture réglée en espèces : ce paiement n'ouvre pas droit au crédit d'impôt pour l'emploi d'un salarié à domicile (art. D7233-3 du code du travail).";

export const INVOICE_STATUS_FR: Readonly<Record<string, string>> = {
  issued: 'Émise',
  paid: 'Payée',
  partially_paid: 'Partiellement payée',
  cancelled_by_credit_note: 'Annulée par avoir',
};

export function isCashEligible(means: PaymentMeansCode): boolean {
  return isPaymentMeansEligible(DOMAIN_PAYMENT_MEANS[means]);
}

// ——— months and local time ———

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(value: string): boolean {
  return MONTH_RE.test(value);
}

/** The instants [from, to) of a local month in Paris. */
export function monthBounds(month: string): { from: Date; to: Date; firstDay: string; lastDay: string } {
  const m = MONTH_RE.exec(month);
  if (!m) throw new RangeError(`Not a month (YYYY-MM): ${month}`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const firstDay = `${month}-01`;
  const next = mo === 12 ? `${y + 1}-01-01` : `${y}-${String(mo + 1).padStart(2, '0')}-01`;
  return {
    from: localToInstant(firstDay, '00:00', PARIS_TIME_ZONE),
    to: localToInstant(next, '00:00', PARIS_TIME_ZONE),
    firstDay,
    lastDay: addDays(next, -1),
  };
}

/** The local month `YYYY-MM` of an instant. */
export function monthOf(instant: Date): string {
  const f = localFields(instant, PARIS_TIME_ZONE);
  return `${f.year}-${String(f.month).padStart(2, '0')}`;
}

/** Local date and « HH:MM » of an instant in Paris. */
export function localDateTime(instant: Date): { date: string; time: string } {
  const f = localFields(instant, PARIS_TIME_ZONE);
  const p = (n: number) => String(n).padStart(2, '0');
  return { date: `${f.year}-${p(f.month)}-${p(f.day)}`, time: `${p(f.hour)}:${p(f.minute)}` };
}

/** « 1 h 30 » from minutes. */
export function formatDuration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} h` : `${h} h ${String(m).padStart(2, '0')}`;
}

// ——— people and places ———

/** The intervenant's identification number in the staff register, as printed (stable, from the worker's id). */
export function workerRef(workerId: string): string {
  return `INT-${workerId.replace(/-/g, '').slice(0, 8).toUpperCase()}`;
}

/** The département of an INSEE commune code (« 45234 » → « 45 », « 2A004 » → « 2A », « 97411 » → « 974 »). */
export function departementOf(communeCode: string | null | undefined): string | null {
  if (!communeCode || communeCode.length < 2) return null;
  return communeCode.startsWith('97') ? communeCode.slice(0, 3) : communeCode.slice(0, 2);
}

const DEPARTEMENTS: Record<string, string> = {
  '01': 'Ain',
  '02': 'Aisne',
  '03': 'Allier',
  '04': 'Alpes-de-Haute-Provence',
  '05': 'Hautes-Alpes',
  '06': 'Alpes-Maritimes',
  '07': 'Ardèche',
  '08': 'Ardennes',
  '09': 'Ariège',
  '10': 'Aube',
  '11': 'Aude',
  '12': 'Aveyron',
  '13': 'Bouches-du-Rhône',
  '14': 'Calvados',
  '15': 'Cantal',
  '16': 'Charente',
  '17': 'Charente-Maritime',
  '18': 'Cher',
  '19': 'Corrèze',
  '2A': 'Corse-du-Sud',
  '2B': 'Haute-Corse',
  '21': "Côte-d'Or",
  '22': "Côtes-d'Armor",
  '23': 'Creuse',
  '24': 'Dordogne',
  '25': 'Doubs',
  '26': 'Drôme',
  '27': 'Eure',
  '28': 'Eure-et-Loir',
  '29': 'Finistère',
  '30': 'Gard',
  '31': 'Haute-Garonne',
  '32': 'Gers',
  '33': 'Gironde',
  '34': 'Hérault',
  '35': 'Ille-et-Vilaine',
  '36': 'Indre',
  '37': 'Indre-et-Loire',
  '38': 'Isère',
  '39': 'Jura',
  '40': 'Landes',
  '41': 'Loir-et-Cher',
  '42': 'Loire',
  '43': 'Haute-Loire',
  '44': 'Loire-Atlantique',
  '45': 'Loiret',
  '46': 'Lot',
  '47': 'Lot-et-Garonne',
  '48': 'Lozère',
  '49': 'Maine-et-Loire',
  '50': 'Manche',
  '51': 'Marne',
  '52': 'Haute-Marne',
  '53': 'Mayenne',
  '54': 'Meurthe-et-Moselle',
  '55': 'Meuse',
  '56': 'Morbihan',
  '57': 'Moselle',
  '58': 'Nièvre',
  '59': 'Nord',
  '60': 'Oise',
  '61': 'Orne',
  '62': 'Pas-de-Calais',
  '63': 'Puy-de-Dôme',
  '64': 'Pyrénées-Atlantiques',
  '65': 'Hautes-Pyrénées',
  '66': 'Pyrénées-Orientales',
  '67': 'Bas-Rhin',
  '68': 'Haut-Rhin',
  '69': 'Rhône',
  '70': 'Haute-Saône',
  '71': 'Saône-et-Loire',
  '72': 'Sarthe',
  '73': 'Savoie',
  '74': 'Haute-Savoie',
  '75': 'Paris',
  '76': 'Seine-Maritime',
  '77': 'Seine-et-Marne',
  '78': 'Yvelines',
  '79': 'Deux-Sèvres',
  '80': 'Somme',
  '81': 'Tarn',
  '82': 'Tarn-et-Garonne',
  '83': 'Var',
  '84': 'Vaucluse',
  '85': 'Vendée',
  '86': 'Vienne',
  '87': 'Haute-Vienne',
  '88': 'Vosges',
  '89': 'Yonne',
  '90': 'Territoire de Belfort',
  '91': 'Essonne',
  '92': 'Hauts-de-Seine',
  '93': 'Seine-Saint-Denis',
  '94': 'Val-de-Marne',
  '95': "Val-d'Oise",
  '971': 'Guadeloupe',
  '972': 'Martinique',
  '973': 'Guyane',
  '974': 'La Réunion',
  '976': 'Mayotte',
};

/** « Département du Loiret (45) »-style name, or the code alone when unknown. */
export function departementName(code: string): string {
  const name = DEPARTEMENTS[code];
  return name ? `${name} (${code})` : `Département ${code}`;
}

// ——— amounts ———

/** Whether an organisation invoices without VAT (franchise en base, art. 293 B du CGI): individual entrepreneurs. */
export function isVatFranchise(legalForm: string): boolean {
  return legalForm === 'micro_entrepreneur' || legalForm === 'entreprise_individuelle';
}

/** The VAT rate of a line: 0 under the franchise, else the activity's rate (the standard rate when unconfirmed). */
export function vatRateFor(activityCode: string, franchise: boolean): number {
  if (franchise) return 0;
  if (!isActivityCode(activityCode)) return STANDARD_VAT_RATE_BP;
  return getVatRateBp(activityCode) ?? STANDARD_VAT_RATE_BP;
}

export function activityLabel(activityCode: string): string {
  return isActivityCode(activityCode) ? getActivity(activityCode).name : activityCode;
}

/** Amount TTC of a visit: duration × hourly price TTC, to the cent (half away from zero). */
export function visitAmountCents(durationMin: number, hourlyPriceCents: Cents): Cents {
  return roundCents((durationMin * hourlyPriceCents) / 60);
}

/** A funded care plan (APA or PCH) as billing reads it. */
export interface FundingPlan {
  beneficiaryId: string;
  funder: 'apa' | 'pch';
  hoursPerMonth: number;
  /** The funder's share of each hour (basis points) … */
  funderShareBp: number | null;
  /** … or its valuation of one hour, in cents. */
  hourlyAmountCents: number | null;
}

/** Whether a plan of this funder pays for this activity (APA: the usual plan activities; PCH: aide humaine). */
export function isFundedActivity(funder: 'apa' | 'pch', activityCode: string): boolean {
  if (!isActivityCode(activityCode)) return false;
  return funder === 'apa'
    ? APA_PLAN_USUAL_ACTIVITIES.includes(activityCode as ActivityCode)
    : isPchAideHumaineActivity(activityCode as ActivityCode);
}

export interface BillableVisit {
  visitId: string;
  beneficiaryId: string;
  beneficiaryName: string;
  startsAt: Date;
  durationMin: number;
  workerId: string | null;
  workerName: string | null;
  activityCode: string;
  mode: string;
  hourlyPriceCents: number;
}

export interface DraftLine {
  visitId: string;
  beneficiaryId: string;
  beneficiaryName: string;
  serviceDate: string;
  startTime: string;
  workerId: string | null;
  workerRef: string;
  workerName: string;
  activityCode: string;
  activityLabel: string;
  mode: string;
  durationMin: number;
  hourlyPriceTtcCents: number;
  amountTtcCents: number;
  amountHtCents: number;
  vatRateBp: number;
  vatCents: number;
  funder: 'apa' | 'pch' | null;
  funderCents: number;
}

export interface DraftInvoice {
  lines: DraftLine[];
  totalTtcCents: number;
  totalHtCents: number;
  totalVatCents: number;
  apaCents: number;
  pchCents: number;
  householdShareCents: number;
}

/**
 * The lines and totals of one household's invoice for a month. The APA/PCH share is spread over the funded
 * visits in time order until the plan's monthly hours are used: per hour, the plan's hourly amount (capped by
 * the price) or its share of the price; never more than the line itself.
 */
export function draftInvoice(
  visits: readonly BillableVisit[],
  plans: readonly FundingPlan[],
  options: { vatFranchise: boolean },
): DraftInvoice {
  const sorted = [...visits].sort(
    (a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.visitId.localeCompare(b.visitId),
  );
  const remainingMin = new Map<FundingPlan, number>(plans.map((p) => [p, Math.round(p.hoursPerMonth * 60)]));
  const lines = sorted.map((v): DraftLine => {
    const amount = visitAmountCents(v.durationMin, v.hourlyPriceCents);
    const rate = vatRateFor(v.activityCode, options.vatFranchise);
    const { htCents, vatCents } = splitTtc(amount, rate);
    const at = localDateTime(v.startsAt);
    let funder: 'apa' | 'pch' | null = null;
    let funderCents = 0;
    const plan = plans.find(
      (p) =>
        p.beneficiaryId === v.beneficiaryId &&
        isFundedActivity(p.funder, v.activityCode) &&
        (remainingMin.get(p) ?? 0) > 0,
    );
    if (plan) {
      const minutes = Math.min(v.durationMin, remainingMin.get(plan)!);
      remainingMin.set(plan, remainingMin.get(plan)! - minutes);
      const perHour =
        plan.hourlyAmountCents !== null
          ? Math.min(plan.hourlyAmountCents, v.hourlyPriceCents)
          : roundCents((v.hourlyPriceCents * (plan.funderShareBp ?? 0)) / 10_000);
      funderCents = Math.min(amount, roundCents((perHour * minutes) / 60));
      if (funderCents > 0) funder = plan.funder;
    }
    return {
      visitId: v.visitId,
      beneficiaryId: v.beneficiaryId,
      beneficiaryName: v.beneficiaryName,
      serviceDate: at.date,
      startTime: at.time,
      workerId: v.workerId,
      workerRef: v.workerId ? workerRef(v.workerId) : 'non affecté',
      workerName: v.workerName ?? 'Intervenant·e non affecté·e',
      activityCode: v.activityCode,
      activityLabel: activityLabel(v.activityCode),
      mode: v.mode,
      durationMin: v.durationMin,
      hourlyPriceTtcCents: v.hourlyPriceCents,
      amountTtcCents: amount,
      amountHtCents: htCents,
      vatRateBp: rate,
      vatCents,
      funder,
      funderCents,
    };
  });
  const sum = (f: (l: DraftLine) => number) => lines.reduce((s, l) => s + f(l), 0);
  const totalTtcCents = sum((l) => l.amountTtcCents);
  const apaCents = sum((l) => (l.funder === 'apa' ? l.funderCents : 0));
  const pchCents = sum((l) => (l.funder === 'pch' ? l.funderCents : 0));
  return {
    lines,
    totalTtcCents,
    totalHtCents: sum((l) => l.amountHtCents),
    totalVatCents: sum((l) => l.vatCents),
    apaCents,
    pchCents,
    householdShareCents: totalTtcCents - apaCents - pchCents,
  };
}

/** The status of an invoice from the payments received against what the household owes. */
export function paymentStatus(
  householdShareCents: number,
  paidCents: number,
): 'issued' | 'paid' | 'partially_paid' {
  if (paidCents <= 0) return householdShareCents === 0 ? 'paid' : 'issued';
  return paidCents >= householdShareCents ? 'paid' : 'partially_paid';
}

/** With the avance immédiate the household pays half of its share now; the Urssaf advances the other half (the tax credit). */
export function avanceImmediateSplit(householdShareCents: number): {
  householdPartCents: number;
  advanceCents: number;
} {
  const advance = Math.floor(householdShareCents / 2);
  return { householdPartCents: householdShareCents - advance, advanceCents: advance };
}

// ——— CSV ———

/** One CSV field for a French spreadsheet: `;`-separated, quoted when needed. */
export function csvField(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** « 1234,56 » (decimal comma, no thousands separator: what spreadsheets read as a number). */
export function csvAmount(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

/** A CSV document with a UTF-8 BOM (Excel reads the accents), CRLF line ends. */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | null)[])[],
): string {
  return '\uFEFF' + [header, ...rows].map((r) => r.map(csvField).join(';')).join('\r\n') + '\r\n';
}
