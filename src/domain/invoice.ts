/**
 * SAP invoices, quotes and the yearly tax certificate.
 * Sources: SAP-REFERENCE §5.1 (D7233-1 invoice mentions ✅, general invoice rules), §5.2 (devis, arrêté du
 * 17 mars 2015 ✅), §5.4 (VAT), §2.5 (attestation fiscale, D7233-4 ✅).
 */
import { getActivity, type ActivityCode } from './activities';
import { applyRate, roundCents, sumCents, type BasisPoints, type Cents } from './money';
import type { Mode, OrganisationMode } from './organisation';

// ——— Invoice numbers ———

/** Default prefix of invoice numbers. */
export const DEFAULT_INVOICE_PREFIX = 'F';
/** Digits of the sequence part of an invoice number. */
export const INVOICE_SEQUENCE_DIGITS = 6;

/** The parts of an invoice number `PREFIX-YYYY-NNNNNN`. */
export interface InvoiceNumberParts {
  prefix: string;
  year: number;
  sequence: number;
}

const INVOICE_NUMBER_RE = /^([A-Z][A-Z0-9]{0,9})-(\d{4})-(\d{6,})$/;

/**
 * Formats an invoice number: `formatInvoiceNumber(2026, 123)` → `F-2026-000123`. The prefix (1–10 upper-case
 * letters or digits, starting with a letter) lets an organisation keep separate series (e.g. `A` for credit
 * notes); each series must have no gap.
 */
export function formatInvoiceNumber(
  year: number,
  sequence: number,
  prefix: string = DEFAULT_INVOICE_PREFIX,
): string {
  if (!/^[A-Z][A-Z0-9]{0,9}$/.test(prefix)) throw new RangeError(`Préfixe de facture invalide : ${prefix}`);
  if (!Number.isInteger(year) || year < 2000 || year > 9999) throw new RangeError(`Année invalide : ${year}`);
  if (!Number.isInteger(sequence) || sequence < 1)
    throw new RangeError(`Numéro d'ordre invalide : ${sequence}`);
  return `${prefix}-${year}-${String(sequence).padStart(INVOICE_SEQUENCE_DIGITS, '0')}`;
}

/** Parses an invoice number made by `formatInvoiceNumber`, or returns null. */
export function parseInvoiceNumber(value: string): InvoiceNumberParts | null {
  const m = INVOICE_NUMBER_RE.exec(value.trim());
  if (m === null) return null;
  const sequence = Number(m[3]);
  if (sequence < 1) return null;
  return { prefix: m[1]!, year: Number(m[2]), sequence };
}

/**
 * The number that follows `previous` in an unbroken series: the next sequence in the same year, or 1 when
 * the year changes (the year is part of the number, so each year's series starts again). `previous` null
 * means the series is empty.
 */
export function nextInvoiceNumber(
  previous: string | null,
  year: number,
  prefix: string = DEFAULT_INVOICE_PREFIX,
): string {
  if (previous === null) return formatInvoiceNumber(year, 1, prefix);
  const parts = parseInvoiceNumber(previous);
  if (parts === null) throw new RangeError(`Numéro de facture illisible : ${previous}`);
  if (parts.prefix !== prefix)
    throw new RangeError(`Le numéro ${previous} n'appartient pas à la série ${prefix}.`);
  if (year < parts.year)
    throw new RangeError(`La facture ${previous} est datée d'une année postérieure à ${year}.`);
  return formatInvoiceNumber(year, year === parts.year ? parts.sequence + 1 : 1, prefix);
}

/** Problems found in a list of invoice numbers of one organisation. */
export interface InvoiceSequenceReport {
  /** Numbers missing inside each series (prefix and year). */
  gaps: string[];
  duplicates: string[];
  invalid: string[];
}

/**
 * Checks that invoice numbers form unbroken series (per prefix and year, starting at 1), with no duplicate.
 */
export function checkInvoiceSequence(numbers: readonly string[]): InvoiceSequenceReport {
  const seen = new Set<string>();
  const duplicates: string[] = [];
  const invalid: string[] = [];
  const series = new Map<string, { prefix: string; year: number; seqs: Set<number> }>();
  for (const n of numbers) {
    const parts = parseInvoiceNumber(n);
    if (parts === null) {
      invalid.push(n);
      continue;
    }
    const canonical = formatInvoiceNumber(parts.year, parts.sequence, parts.prefix);
    if (seen.has(canonical)) duplicates.push(canonical);
    seen.add(canonical);
    const key = `${parts.prefix}-${parts.year}`;
    const s = series.get(key) ?? { prefix: parts.prefix, year: parts.year, seqs: new Set<number>() };
    s.seqs.add(parts.sequence);
    series.set(key, s);
  }
  const gaps: string[] = [];
  for (const s of series.values()) {
    const max = Math.max(...s.seqs);
    for (let i = 1; i <= max; i++) if (!s.seqs.has(i)) gaps.push(formatInvoiceNumber(s.year, i, s.prefix));
  }
  return { gaps, duplicates, invalid };
}

// ——— VAT ———

/** The mention for organisations under the VAT franchise (associations, micro-entrepreneurs…). */
export const VAT_FRANCHISE_MENTION = 'TVA non applicable, art. 293 B du CGI';

/**
 * The usual VAT rate of an activity for a VAT-liable declared organisation, in basis points (§5.4), or null
 * when the reference does not confirm it (téléassistance, temporary-invalidity services ❓) — ask the
 * organisation. `otherLessons` picks 20 % for cours à domicile other than soutien scolaire.
 */
export function getVatRateBp(
  activityCode: ActivityCode,
  options: { otherLessons?: boolean } = {},
): BasisPoints | null {
  const activity = getActivity(activityCode);
  if (options.otherLessons === true && activity.vatAlternative !== null)
    return activity.vatAlternative.rateBp;
  return activity.vatRateBp;
}

/** Splits a price including VAT into price before VAT and VAT, in cents (VAT = TTC − HT, HT rounded). */
export function splitTtc(ttcCents: Cents, rateBp: BasisPoints): { htCents: Cents; vatCents: Cents } {
  const ht = roundCents((ttcCents * 10_000) / (10_000 + rateBp));
  return { htCents: ht, vatCents: ttcCents - ht };
}

/** Price including VAT from a price before VAT, in cents. */
export function addVat(htCents: Cents, rateBp: BasisPoints): Cents {
  return htCents + applyRate(htCents, rateBp);
}

// ——— Invoice mentions (D7233-1) ———

/** A registration (déclaration or agrément) as printed on documents. */
export interface RegistrationRef {
  number?: string | null;
  /** ISO date. */
  date?: string | null;
}

/** One line of an SAP invoice. */
export interface SapInvoiceLine {
  activityCode?: ActivityCode | null;
  /** Exact nature of the service in words (defaults to the activity name when the code is given). */
  nature?: string | null;
  mode?: OrganisationMode | null;
  /** Identification number of the intervenant in the staff register. */
  workerId?: string | null;
  /** Hourly rate TTC, or… */
  hourlyRateTtcCents?: Cents | null;
  /** …the flat price TTC. */
  flatPriceTtcCents?: Cents | null;
  /** Time spent (the décompte du temps passé), in minutes. */
  durationMinutes?: number | null;
  /** Price of this service TTC. */
  priceTtcCents?: Cents | null;
  vatRateBp?: BasisPoints | null;
}

/** An SAP invoice as far as the mandatory mentions go; missing fields are reported, not guessed. */
export interface SapInvoice {
  number?: string | null;
  /** ISO date. */
  issuedOn?: string | null;
  organisation: {
    name?: string | null;
    address?: string | null;
    siret?: string | null;
    declaration?: RegistrationRef | null;
    agrement?: RegistrationRef | null;
    /** Under the VAT franchise: the invoice must then carry `VAT_FRANCHISE_MENTION`. */
    vatFranchise?: boolean;
  };
  beneficiary: { name?: string | null; address?: string | null };
  lines: readonly SapInvoiceLine[];
  /** Travel costs invoiced, if any (0 or null when none). */
  travelCostsCents?: Cents | null;
  /** Whether the service involved travel costs that must be shown. */
  hasTravelCosts?: boolean;
  /** Amount actually paid for the service (D7233-1 5°). */
  amountPaidCents?: Cents | null;
  /** Free-text mentions printed on the invoice (franchise mention, "no tax advantage" statement…). */
  mentions?: readonly string[];
}

export const INVOICE_MENTION_CODES = [
  'organisation_identity',
  'declaration_number',
  'agrement_number',
  'beneficiary_identity',
  'service_nature',
  'amount_paid',
  'worker_id',
  'hourly_rate_or_flat_price',
  'time_breakdown',
  'service_price',
  'travel_costs',
  'no_tax_advantage_statement',
  'invoice_number',
  'issue_date',
  'siret',
  'vat',
] as const;
export type InvoiceMentionCode = (typeof INVOICE_MENTION_CODES)[number];

/** French label and legal source of each mention. */
export const INVOICE_MENTIONS: Readonly<Record<InvoiceMentionCode, { label: string; source: string }>> = {
  organisation_identity: {
    label: "Nom et adresse de l'organisme",
    source: 'art. D7233-1 1° du code du travail',
  },
  declaration_number: {
    label: 'Numéro et date de la déclaration',
    source: 'art. D7233-1 2° du code du travail',
  },
  agrement_number: { label: "Numéro et date de l'agrément", source: 'art. D7233-1 2° du code du travail' },
  beneficiary_identity: {
    label: 'Nom et adresse du bénéficiaire',
    source: 'art. D7233-1 3° du code du travail',
  },
  service_nature: {
    label: 'Nature exacte des services fournis',
    source: 'art. D7233-1 4° du code du travail',
  },
  amount_paid: { label: 'Montant effectivement acquitté', source: 'art. D7233-1 5° du code du travail' },
  worker_id: {
    label: "Numéro d'identification de l'intervenant·e",
    source: 'art. D7233-1 6° du code du travail',
  },
  hourly_rate_or_flat_price: {
    label: 'Prix horaire TTC ou prix forfaitaire',
    source: 'art. D7233-1 7° du code du travail',
  },
  time_breakdown: { label: 'Décompte du temps passé', source: 'art. D7233-1 8° du code du travail' },
  service_price: { label: 'Prix de chaque prestation', source: 'art. D7233-1 9° du code du travail' },
  travel_costs: { label: 'Frais de déplacement', source: 'art. D7233-1 10° du code du travail' },
  no_tax_advantage_statement: {
    label:
      "Mention que les prestations n'ouvrent pas droit aux avantages fiscaux (organisme agréé non déclaré)",
    source: 'art. D7233-1 11° du code du travail',
  },
  invoice_number: {
    label: 'Numéro de facture unique, dans une série continue',
    source: 'règles générales de facturation',
  },
  issue_date: { label: "Date d'émission", source: 'règles générales de facturation' },
  siret: { label: 'Numéro SIREN ou SIRET', source: 'règles générales de facturation' },
  vat: {
    label: 'Taux et montant de TVA, ou mention « TVA non applicable, art. 293 B du CGI »',
    source: 'règles générales de facturation',
  },
};

/** The sentence for an organisation agréée but not declared (D7233-1 11°). */
export const NO_TAX_ADVANTAGE_STATEMENT =
  "Les prestations de cet organisme n'ouvrent pas droit aux avantages fiscaux prévus pour les services à la personne.";

/** One missing mention, with its French label and source. */
export interface MissingMention {
  code: InvoiceMentionCode;
  label: string;
  source: string;
  /** Index of the invoice line at fault, when the mention is per line. */
  lineIndex?: number;
}

const present = (v: string | null | undefined): boolean => typeof v === 'string' && v.trim().length > 0;
const given = (v: number | null | undefined): boolean => typeof v === 'number' && Number.isFinite(v);

function missing(code: InvoiceMentionCode, lineIndex?: number): MissingMention {
  return { code, ...INVOICE_MENTIONS[code], ...(lineIndex === undefined ? {} : { lineIndex }) };
}

function lineNeedsAgrement(line: SapInvoiceLine): boolean {
  if (line.activityCode === undefined || line.activityCode === null) return false;
  const activity = getActivity(line.activityCode);
  const modes: OrganisationMode[] =
    line.mode === undefined || line.mode === null ? ['prestataire', 'mandataire'] : [line.mode];
  // Without a mode, an activity that needs an agrément in every mode (I-1, I-2) is flagged.
  return modes.every((m) => activity.regimeByMode[m] === 'agrement');
}

/**
 * The mandatory mentions an SAP invoice lacks (D7233-1 1° to 11°, plus the general invoice rules: number,
 * date, SIRET, VAT). Per-line mentions (nature, intervenant, rate, time, price) are reported per line.
 * An empty list means the invoice is complete.
 */
export function missingInvoiceMentions(invoice: SapInvoice): MissingMention[] {
  const out: MissingMention[] = [];
  const org = invoice.organisation;
  const declared = present(org.declaration?.number) && present(org.declaration?.date);
  const agreed = present(org.agrement?.number) && present(org.agrement?.date);
  const mentions = (invoice.mentions ?? []).map((m) => m.toLowerCase());

  if (!present(org.name) || !present(org.address)) out.push(missing('organisation_identity'));
  if (!declared && !agreed) out.push(missing('declaration_number'));
  if (invoice.lines.some(lineNeedsAgrement) && !agreed) out.push(missing('agrement_number'));
  if (!present(invoice.beneficiary.name) || !present(invoice.beneficiary.address))
    out.push(missing('beneficiary_identity'));
  if (!given(invoice.amountPaidCents)) out.push(missing('amount_paid'));
  if (invoice.lines.length === 0) out.push(missing('service_nature'));

  invoice.lines.forEach((line, i) => {
    const hasNature = present(line.nature) || (line.activityCode !== undefined && line.activityCode !== null);
    if (!hasNature) out.push(missing('service_nature', i));
    if (!present(line.workerId)) out.push(missing('worker_id', i));
    if (!given(line.hourlyRateTtcCents) && !given(line.flatPriceTtcCents))
      out.push(missing('hourly_rate_or_flat_price', i));
    if (!given(line.durationMinutes)) out.push(missing('time_breakdown', i));
    if (!given(line.priceTtcCents)) out.push(missing('service_price', i));
    if (org.vatFranchise !== true && !given(line.vatRateBp)) out.push(missing('vat', i));
  });

  if (invoice.hasTravelCosts === true && !given(invoice.travelCostsCents)) out.push(missing('travel_costs'));
  if (
    agreed &&
    !declared &&
    !mentions.some((m) => m.includes("n'ouvrent pas droit") || m.includes('n’ouvrent pas droit'))
  ) {
    out.push(missing('no_tax_advantage_statement'));
  }
  if (!present(invoice.number) || parseInvoiceNumber(invoice.number ?? '') === null)
    out.push(missing('invoice_number'));
  if (!present(invoice.issuedOn)) out.push(missing('issue_date'));
  if (!present(org.siret)) out.push(missing('siret'));
  if (org.vatFranchise === true && !mentions.some((m) => m.includes('293 b'))) out.push(missing('vat'));
  return out;
}

/** A *note* must be handed to a consumer for any service of 25 € TTC or more, before payment (§5.1). */
export const NOTE_THRESHOLD_TTC_CENTS: Cents = 25_00;

/** Whether a note is due for a service of this price TTC (§5.1). */
export function isNoteRequired(priceTtcCents: Cents): boolean {
  return priceTtcCents >= NOTE_THRESHOLD_TTC_CENTS;
}

// ——— Devis (arrêté du 17 mars 2015) ———

/** A free personalised quote is mandatory from this monthly price TTC (§5.2 ✅). */
export const QUOTE_THRESHOLD_MONTHLY_TTC_CENTS: Cents = 100_00;
/** The provider keeps a copy of each quote for at least this long (§5.2). */
export const QUOTE_RETENTION_YEARS = 1;

/**
 * The sentence to display on premises and in distance offers (§5.2). Our wording of the arrêté's requirement;
 * the arrêté's exact text was not checked.
 */
export const QUOTE_STANDARD_SENTENCE =
  'Un devis gratuit et personnalisé vous est remis pour toute prestation dont le prix total mensuel est égal ou supérieur à 100 € TTC, ou à votre demande.';

/** The warning required in mandataire mode on price information, quotes and the contract's first page (§5.2). */
export const MANDATAIRE_EMPLOYER_WARNING =
  "Attention : en mode mandataire, vous êtes l'employeur de l'intervenant·e et vous assumez les obligations de l'employeur (contrat de travail, salaire, déclarations, fin du contrat).";

/** Whether a quote is mandatory: monthly price ≥ 100 € TTC, or the consumer asks for one (§5.2). */
export function isQuoteRequired(monthlyPriceTtcCents: Cents, requestedByClient = false): boolean {
  return requestedByClient || monthlyPriceTtcCents >= QUOTE_THRESHOLD_MONTHLY_TTC_CENTS;
}

/** One service on a quote. */
export interface QuoteLine {
  activityCode?: ActivityCode | null;
  mode?: Mode | null;
  description?: string | null;
  hourlyPriceHtCents?: Cents | null;
  hourlyPriceTtcCents?: Cents | null;
  flatPriceHtCents?: Cents | null;
  flatPriceTtcCents?: Cents | null;
  /** Planned hours per month, when hourly. */
  hoursPerMonth?: number | null;
}

/** A quote (devis) as far as the arrêté's contents go. */
export interface Quote {
  /** ISO date. */
  issuedOn?: string | null;
  organisation: {
    name?: string | null;
    address?: string | null;
    declaration?: RegistrationRef | null;
    agrement?: RegistrationRef | null;
  };
  client: { name?: string | null; address?: string | null };
  lines: readonly QuoteLine[];
  /** Annex fees (dossier, management, travel), each with its amount TTC; an empty list says there are none. */
  annexFees?: readonly { label: string; amountTtcCents: Cents }[] | null;
  /** The quote is free of charge (it must be). */
  isFree?: boolean;
  /** Tax and social advantages are shown apart from the price, in smaller type. */
  taxAdvantageShownSeparately?: boolean;
  /** Texts printed on the quote (e.g. the mandataire warning). */
  mentions?: readonly string[];
}

export const QUOTE_REQUIREMENT_CODES = [
  'issue_date',
  'organisation_identity',
  'registration_number',
  'client_identity',
  'service_activity',
  'service_mode',
  'price_ht_ttc',
  'annex_fees',
  'free_of_charge',
  'tax_advantage_separate',
  'mandataire_warning',
] as const;
export type QuoteRequirementCode = (typeof QUOTE_REQUIREMENT_CODES)[number];

/** French labels of the quote contents (§5.2). */
export const QUOTE_REQUIREMENTS: Readonly<Record<QuoteRequirementCode, string>> = {
  issue_date: 'Date du devis',
  organisation_identity: "Nom et adresse de l'organisme",
  registration_number: "Numéro de déclaration ou d'agrément",
  client_identity: 'Nom et adresse du client',
  service_activity: 'Activité de services à la personne (art. D7231-1) de chaque prestation',
  service_mode: "Mode d'intervention de chaque prestation (prestataire, mandataire, mise à disposition)",
  price_ht_ttc: 'Prix horaire ou forfaitaire HT et TTC de chaque prestation',
  annex_fees: 'Frais annexes (dossier, gestion, déplacement), même nuls',
  free_of_charge: 'Devis gratuit',
  tax_advantage_separate: 'Avantages fiscaux et sociaux présentés à part du prix, en plus petits caractères',
  mandataire_warning: "En mode mandataire, avertissement que le client est l'employeur",
};

/** One missing quote content. */
export interface MissingQuoteContent {
  code: QuoteRequirementCode;
  label: string;
  lineIndex?: number;
}

/** The contents a quote lacks under the arrêté du 17 mars 2015 (§5.2). Empty when complete. */
export function missingQuoteContents(quote: Quote): MissingQuoteContent[] {
  const out: MissingQuoteContent[] = [];
  const add = (code: QuoteRequirementCode, lineIndex?: number): void => {
    out.push({ code, label: QUOTE_REQUIREMENTS[code], ...(lineIndex === undefined ? {} : { lineIndex }) });
  };
  if (!present(quote.issuedOn)) add('issue_date');
  if (!present(quote.organisation.name) || !present(quote.organisation.address)) add('organisation_identity');
  if (!present(quote.organisation.declaration?.number) && !present(quote.organisation.agrement?.number))
    add('registration_number');
  if (!present(quote.client.name) || !present(quote.client.address)) add('client_identity');
  quote.lines.forEach((line, i) => {
    if (line.activityCode === undefined || line.activityCode === null) add('service_activity', i);
    if (line.mode === undefined || line.mode === null) add('service_mode', i);
    const hourly = given(line.hourlyPriceHtCents) && given(line.hourlyPriceTtcCents);
    const flat = given(line.flatPriceHtCents) && given(line.flatPriceTtcCents);
    if (!hourly && !flat) add('price_ht_ttc', i);
  });
  if (quote.lines.length === 0) add('service_activity');
  if (quote.annexFees === undefined || quote.annexFees === null) add('annex_fees');
  if (quote.isFree !== true) add('free_of_charge');
  if (quote.taxAdvantageShownSeparately !== true) add('tax_advantage_separate');
  const hasMandataire = quote.lines.some((l) => l.mode === 'mandataire');
  const mentions = (quote.mentions ?? []).join(' ').toLowerCase();
  if (hasMandataire && !mentions.includes('employeur')) add('mandataire_warning');
  return out;
}

/** Monthly price TTC of a quote (hourly lines × hours per month, plus flat prices and annex fees). */
export function quoteMonthlyTtcCents(quote: Quote): Cents {
  const lines = quote.lines.map((l) =>
    given(l.hourlyPriceTtcCents)
      ? roundCents((l.hourlyPriceTtcCents ?? 0) * (l.hoursPerMonth ?? 0))
      : (l.flatPriceTtcCents ?? 0),
  );
  return sumCents(lines) + sumCents((quote.annexFees ?? []).map((f) => f.amountTtcCents));
}

// ——— Attestation fiscale (D7233-4) ———

/** The yearly tax certificate an organisation sends each client (§2.5). */
export interface TaxCertificate {
  /** Year of the services. */
  year: number;
  /** ISO date of issue; must be on or before 31 March of year + 1. */
  issuedOn: string;
  /** 1. Name, address and identification number (SIRET) of the organisation. */
  organisation: {
    name: string;
    address: string;
    siret: string;
    /** 2. Number and date of the déclaration; agrément number and date when relevant. */
    declaration: { number: string; date: string };
    agrement?: { number: string; date: string } | null;
  };
  /** 3. Name and address of the beneficiary, and the debited account when relevant. */
  beneficiary: { name: string; address: string; debitedAccount?: string | null };
  /**
   * 4. Interventions: name and identification number of each intervenant, dates and durations (grouping by
   * month allowed for daily or periodic services), with the hourly or flat price (older lists ask for it).
   */
  interventions: readonly {
    workerName: string;
    workerId: string;
    activityCode: ActivityCode;
    /** ISO date, or ISO month `YYYY-MM` when grouped by month. */
    period: string;
    durationMinutes: number;
    hourlyRateTtcCents?: Cents | null;
    flatPriceTtcCents?: Cents | null;
  }[];
  /** 5. Amounts, see `computeTaxCertificateAmounts`. */
  amounts: TaxCertificateAmounts;
  /** 6. Warning when CESU préfinancés were used (`CESU_PREFINANCE_WARNING`), else null. */
  cesuPrefinanceWarning: string | null;
}

/** The amounts of a tax certificate, in cents. */
export interface TaxCertificateAmounts {
  /** Total invoiced for the year. */
  totalInvoicedCents: Cents;
  /** Direct aids of the Département paid to the organisation. */
  apaCents: Cents;
  pchCents: Cents;
  /** CESU préfinancés received (amount paid with them). */
  cesuPrefinanceCents: Cents;
  /** Spending borne by the client, net of aids: the base of the tax credit. */
  spendingNetOfAidsCents: Cents;
  /** Tax credit already advanced through the Urssaf avance immédiate. */
  avanceImmediateCents: Cents;
  /** Amount actually paid by the client out of pocket (net of aids and of the avance immédiate). */
  amountPaidByClientCents: Cents;
}

/** The warning item 6 of D7233-4 asks for when CESU préfinancés were used. */
export const CESU_PREFINANCE_WARNING =
  "Vous avez payé une partie de ces services avec des CESU préfinancés : ne déclarez que la part que vous avez financée vous-même. L'émetteur de vos CESU vous adresse son propre relevé annuel.";

/**
 * The amounts of a tax certificate (§2.5 item 5): spending net of APA, PCH and CESU préfinancés, and what the
 * client paid out of pocket once the avance immédiate is also deducted. Both are given because the reference
 * asks to deduct the avance immédiate while the tax credit is computed on spending net of aids (see
 * docs/domain.md).
 */
export function computeTaxCertificateAmounts(input: {
  totalInvoicedCents: Cents;
  apaCents?: Cents;
  pchCents?: Cents;
  cesuPrefinanceCents?: Cents;
  avanceImmediateCents?: Cents;
}): TaxCertificateAmounts {
  const apa = input.apaCents ?? 0;
  const pch = input.pchCents ?? 0;
  const cesu = input.cesuPrefinanceCents ?? 0;
  const ai = input.avanceImmediateCents ?? 0;
  const net = Math.max(0, input.totalInvoicedCents - apa - pch - cesu);
  return {
    totalInvoicedCents: input.totalInvoicedCents,
    apaCents: apa,
    pchCents: pch,
    cesuPrefinanceCents: cesu,
    spendingNetOfAidsCents: net,
    avanceImmediateCents: ai,
    amountPaidByClientCents: Math.max(0, net - ai),
  };
}

/** Last day to send the certificate for the services of `year`: 31 March of the next year (ISO date). */
export function taxCertificateDeadline(year: number): string {
  return `${year + 1}-03-31`;
}

/** Whether a certificate issued on `issuedOn` (ISO date) for `year` is on time (§2.5). */
export function isTaxCertificateOnTime(year: number, issuedOn: string): boolean {
  const day = issuedOn.slice(0, 10);
  return day <= taxCertificateDeadline(year);
}
