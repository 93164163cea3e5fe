/**
 * The cost simulator's form, as pure functions: the state the page keeps (strings, as typed), presets,
 * URL prefill, the choice of a provider's hourly price, and the conversion to a `SimulatorInput` validated by
 * the domain's `simulatorInputSchema`, with French field errors keyed like the form's fields.
 */
import { isActivityCode, type ActivityCode } from '../../../domain/activities';
import { isApaGir, type Gir } from '../../../domain/apa';
import type { Cents } from '../../../domain/money';
import { MODES, type Mode } from '../../../domain/organisation';
import { simulatorInputSchema } from '../../../domain/schemas/simulator';
import type { SimulatorInput } from '../../../domain/simulator';
import type { PaymentMeans } from '../../../domain/tax-credit';
import type { FieldError } from '../../../shared/errors';

/** Where a line's hourly price comes from, when it is a provider's published price. */
export interface PriceSource {
  organisationId: string;
  organisationName: string;
}

/** One service of the form, as typed. */
export interface SimulatorLineForm {
  /** Stable key for React (not sent anywhere). */
  key: string;
  activityCode: ActivityCode;
  /** Hours per month as typed (« 10 », « 2,5 »). */
  hours: string;
  /** Hourly price in euros as typed (« 25 », « 23,50 »). */
  price: string;
  mode: Mode;
  priceSource: PriceSource | null;
}

/** The whole form, as typed; kept in sessionStorage by `useDraft`. */
export interface SimulatorFormState {
  lines: SimulatorLineForm[];
  dependentChildren: string;
  membersOver65: string;
  invalidity: boolean;
  firstYearDirectEmployment: boolean;
  hasFiledTaxReturn: boolean;
  wantsAvanceImmediate: boolean;
  paymentMeans: PaymentMeans;
  hasDependentPerson: boolean;
  /** « 1 » … « 6 ». */
  gir: string;
  ageYears: string;
  /** Monthly APA plan in euros, as typed. */
  apaPlan: string;
  /** Monthly resources in euros, as typed. */
  monthlyIncome: string;
  /** The search string of the URL whose prefill was last applied, so a reload does not apply it again. */
  appliedSearch: string;
  /** Whether the result was asked for (it is shown again after a reload). */
  isResultShown: boolean;
}

/** Payment means offered in the form (the avance immédiate has its own question). */
export const FORM_PAYMENT_MEANS: readonly PaymentMeans[] = [
  'prelevement',
  'carte_bancaire',
  'virement',
  'cheque',
  'cesu_declaratif',
  'especes',
];

export const DEFAULT_ACTIVITY: ActivityCode = 'entretien-maison';

export function newLine(key: string, activityCode: ActivityCode = DEFAULT_ACTIVITY): SimulatorLineForm {
  return { key, activityCode, hours: '', price: '', mode: 'prestataire', priceSource: null };
}

export const INITIAL_FORM: SimulatorFormState = {
  lines: [newLine('l1')],
  dependentChildren: '0',
  membersOver65: '0',
  invalidity: false,
  firstYearDirectEmployment: false,
  hasFiledTaxReturn: true,
  wantsAvanceImmediate: true,
  paymentMeans: 'prelevement',
  hasDependentPerson: false,
  gir: '4',
  ageYears: '',
  apaPlan: '',
  monthlyIncome: '',
  appliedSearch: '',
  isResultShown: false,
};

/** A ready-made household situation. */
export interface SimulatorPreset {
  id: 'couple-retraites' | 'parent-isole' | 'personne-dependante';
  label: string;
  description: string;
  situation: Pick<
    SimulatorFormState,
    | 'dependentChildren'
    | 'membersOver65'
    | 'invalidity'
    | 'firstYearDirectEmployment'
    | 'hasDependentPerson'
    | 'gir'
    | 'ageYears'
  >;
}

export const SIMULATOR_PRESETS: readonly SimulatorPreset[] = [
  {
    id: 'couple-retraites',
    label: 'Couple de retraités',
    description: 'Deux personnes de plus de 65 ans, sans enfant à charge.',
    situation: {
      dependentChildren: '0',
      membersOver65: '2',
      invalidity: false,
      firstYearDirectEmployment: false,
      hasDependentPerson: false,
      gir: '4',
      ageYears: '',
    },
  },
  {
    id: 'parent-isole',
    label: 'Parent isolé avec deux enfants',
    description: 'Un adulte et deux enfants à charge.',
    situation: {
      dependentChildren: '2',
      membersOver65: '0',
      invalidity: false,
      firstYearDirectEmployment: false,
      hasDependentPerson: false,
      gir: '4',
      ageYears: '',
    },
  },
  {
    id: 'personne-dependante',
    label: 'Personne âgée dépendante (GIR 3)',
    description: 'Une personne de plus de 65 ans, évaluée en GIR 3, qui peut avoir l’APA.',
    situation: {
      dependentChildren: '0',
      membersOver65: '1',
      invalidity: false,
      firstYearDirectEmployment: false,
      hasDependentPerson: true,
      gir: '3',
      ageYears: '82',
    },
  },
];

/** Applies a preset: only the household situation changes, the services stay as typed. */
export function applyPreset(form: SimulatorFormState, preset: SimulatorPreset): SimulatorFormState {
  return { ...form, ...preset.situation };
}

/** A French decimal number as typed: « 2,5 », « 2.5 », « 1 234,50 ». Null when blank, NaN when not a number. */
export function parseDecimalFr(text: string): number | null {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (compact === '') return null;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(compact)) return Number.NaN;
  return Number(compact);
}

/** Euros as typed to cents (rounded to the cent); null when blank, NaN when not a number. */
export function parseEurosToCents(text: string): Cents | null {
  const euros = parseDecimalFr(text);
  if (euros === null || Number.isNaN(euros)) return euros;
  return Math.round(euros * 100);
}

/** Cents to euros as one types them: 2550 → « 25,50 », 2500 → « 25 ». */
export function centsToEurosInput(cents: Cents): string {
  const euros = Math.floor(Math.abs(cents) / 100);
  const rest = Math.abs(cents) % 100;
  const sign = cents < 0 ? '-' : '';
  return rest === 0 ? `${sign}${euros}` : `${sign}${euros},${String(rest).padStart(2, '0')}`;
}

/** French labels of the form's fields, for the error summary. */
export function fieldLabels(form: SimulatorFormState): Record<string, string> {
  const labels: Record<string, string> = {
    lines: 'Services',
    'household.dependentChildren': 'Enfants à charge',
    'household.membersOver65': 'Personnes de plus de 65 ans dans le foyer',
    'dependentPerson.gir': 'GIR de la personne aidée',
    'dependentPerson.ageYears': 'Âge de la personne aidée',
    'dependentPerson.apaPlanMonthlyCents': "Montant du plan d'aide APA",
    'dependentPerson.monthlyIncomeCents': 'Ressources mensuelles de la personne aidée',
    paymentMeans: 'Moyen de paiement',
  };
  form.lines.forEach((_, i) => {
    const n = form.lines.length > 1 ? ` (service ${i + 1})` : '';
    labels[`lines.${i}.activityCode`] = `Service${n}`;
    labels[`lines.${i}.hoursPerMonth`] = `Heures par mois${n}`;
    labels[`lines.${i}.hourlyPriceCents`] = `Prix de l’heure${n}`;
    labels[`lines.${i}.mode`] = `Mode d’intervention${n}`;
  });
  return labels;
}

export type BuildResult = { ok: true; input: SimulatorInput } | { ok: false; fields: FieldError[] };

/**
 * Builds the simulator input from the form and validates it with `simulatorInputSchema`. Blank or non-numeric
 * entries get a plain French message here; everything else (negative hours, too many children…) is the
 * schema's own French message. Field names are the schema's paths joined by dots (`lines.0.hoursPerMonth`).
 */
export function buildSimulatorInput(form: SimulatorFormState): BuildResult {
  const early: FieldError[] = [];
  const numberField = (
    field: string,
    text: string,
    parse: (t: string) => number | null,
    blank: { message: string } | { value: number | undefined },
    notNumber: string,
  ): number | undefined => {
    const value = parse(text);
    if (value === null) {
      if ('message' in blank) early.push({ field, message: blank.message });
      return 'value' in blank ? blank.value : undefined;
    }
    if (Number.isNaN(value)) {
      early.push({ field, message: notNumber });
      return undefined;
    }
    return value;
  };

  const lines = form.lines.map((line, i) => ({
    activityCode: line.activityCode,
    mode: line.mode,
    hoursPerMonth: numberField(
      `lines.${i}.hoursPerMonth`,
      line.hours,
      parseDecimalFr,
      { message: "Indiquez le nombre d'heures par mois." },
      "Le nombre d'heures s'écrit en chiffres, par exemple 10 ou 2,5.",
    ),
    hourlyPriceCents: numberField(
      `lines.${i}.hourlyPriceCents`,
      line.price,
      parseEurosToCents,
      { message: "Indiquez le prix d'une heure, en euros." },
      'Le prix s’écrit en chiffres, par exemple 25 ou 23,50.',
    ),
  }));

  const count = (field: string, text: string) =>
    numberField(
      field,
      text,
      parseDecimalFr,
      { value: 0 },
      'Écrivez un nombre en chiffres, par exemple 0, 1 ou 2.',
    );

  const household = {
    dependentChildren: count('household.dependentChildren', form.dependentChildren),
    membersOver65: count('household.membersOver65', form.membersOver65),
    invalidity: form.invalidity,
    firstYearDirectEmployment: form.firstYearDirectEmployment,
    hasFiledTaxReturn: form.hasFiledTaxReturn,
  };

  let dependentPerson: Record<string, unknown> | null = null;
  if (form.hasDependentPerson) {
    const gir = Number(form.gir);
    const optional = (field: string, text: string, parse: (t: string) => number | null, notNumber: string) =>
      numberField(field, text, parse, { value: undefined }, notNumber);
    const ageYears = optional(
      'dependentPerson.ageYears',
      form.ageYears,
      parseDecimalFr,
      "L'âge s'écrit en chiffres, par exemple 82.",
    );
    const apaPlanMonthlyCents = optional(
      'dependentPerson.apaPlanMonthlyCents',
      form.apaPlan,
      parseEurosToCents,
      'Le montant s’écrit en chiffres, par exemple 600 ou 612,40.',
    );
    const monthlyIncomeCents = optional(
      'dependentPerson.monthlyIncomeCents',
      form.monthlyIncome,
      parseEurosToCents,
      'Le montant s’écrit en chiffres, par exemple 1 450.',
    );
    dependentPerson = {
      gir,
      ...(ageYears === undefined ? {} : { ageYears }),
      ...(apaPlanMonthlyCents === undefined ? {} : { apaPlanMonthlyCents }),
      ...(monthlyIncomeCents === undefined ? {} : { monthlyIncomeCents }),
    };
  }

  const candidate = {
    lines,
    household,
    dependentPerson,
    paymentMeans: form.paymentMeans,
    wantsAvanceImmediate: form.wantsAvanceImmediate,
  };
  const parsed = simulatorInputSchema.safeParse(candidate);
  const flagged = new Set(early.map((e) => e.field));
  const schemaErrors: FieldError[] = parsed.success
    ? []
    : parsed.error.issues
        .map((issue) => ({ field: issue.path.map(String).join('.'), message: plainMessage(issue) }))
        .filter((e) => !flagged.has(e.field));
  const fields = dedupe([...early, ...schemaErrors]);
  if (fields.length > 0 || !parsed.success) return { ok: false, fields };
  return { ok: true, input: parsed.data };
}

/**
 * The schema's message, except where the schema gives one message for every check of a field: the age's
 * bounds then read « must be a whole number », which would puzzle someone who typed 200.
 */
function plainMessage(issue: { path: PropertyKey[]; code: string; message: string }): string {
  if (issue.path.join('.') === 'dependentPerson.ageYears') {
    if (issue.code === 'too_big') return 'Cet âge est trop élevé : vérifiez-le.';
    if (issue.code === 'too_small') return "L'âge ne peut pas être négatif.";
  }
  return issue.message;
}

function dedupe(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    if (seen.has(e.field)) return false;
    seen.add(e.field);
    return true;
  });
}

/** The prefill a URL asks for: `?activite=<code>&organisation=<id>&prix=<cents>&mode=<mode>`. */
export interface SimulatorPrefill {
  activityCode: ActivityCode | null;
  organisationId: string | null;
  priceCents: Cents | null;
  mode: Mode | null;
}

export function readPrefill(params: URLSearchParams): SimulatorPrefill {
  const activity = params.get('activite');
  const price = params.get('prix');
  const mode = params.get('mode');
  const organisation = params.get('organisation');
  const priceCents = price !== null && /^\d{1,6}$/.test(price) ? Number(price) : null;
  return {
    activityCode: activity !== null && isActivityCode(activity) ? activity : null,
    organisationId: organisation !== null && /^[\w-]{1,100}$/.test(organisation) ? organisation : null,
    priceCents,
    mode: mode !== null && (MODES as readonly string[]).includes(mode) ? (mode as Mode) : null,
  };
}

/** True when the URL asks for any prefill. */
export function hasPrefill(prefill: SimulatorPrefill): boolean {
  return (
    prefill.activityCode !== null ||
    prefill.organisationId !== null ||
    prefill.priceCents !== null ||
    prefill.mode !== null
  );
}

/**
 * Applies a URL prefill to the first service of the form (the others stay). The price, when given, replaces
 * what was typed; `source` names the provider whose price it is.
 */
export function applyPrefill(
  form: SimulatorFormState,
  prefill: SimulatorPrefill,
  search: string,
  source: PriceSource | null = null,
): SimulatorFormState {
  const [first, ...rest] = form.lines;
  const base = first ?? newLine('l1');
  const line: SimulatorLineForm = {
    ...base,
    activityCode: prefill.activityCode ?? base.activityCode,
    mode: prefill.mode ?? base.mode,
    price: prefill.priceCents === null ? base.price : centsToEurosInput(prefill.priceCents),
    priceSource: prefill.priceCents === null ? base.priceSource : source,
  };
  return { ...form, lines: [line, ...rest], appliedSearch: search };
}

/** A provider as `GET /api/directory/organisations/:id` describes it (the parts the simulator reads). */
export interface OrganisationPrices {
  name: string;
  activities: {
    code: string;
    name?: string;
    modes?: string[];
    prices: { mode: string; unit: string; priceTtcCents: number }[];
  }[];
}

/**
 * A provider's hourly price TTC for an activity and a mode. Without a mode, the prestataire price is preferred,
 * then any hourly price. Without an activity, the provider's first activity with an hourly price is used.
 * Null when the provider publishes no hourly price that fits.
 */
export function pickOrganisationPrice(
  organisation: OrganisationPrices,
  activityCode: ActivityCode | null,
  mode: Mode | null,
): { activityCode: ActivityCode; mode: Mode; priceCents: Cents } | null {
  const isHourly = (unit: string) => /^(heure|hour|h|horaire)$/i.test(unit);
  const candidates = organisation.activities.filter(
    (a) => isActivityCode(a.code) && (activityCode === null || a.code === activityCode),
  );
  for (const activity of candidates) {
    const hourly = activity.prices.filter(
      (p) =>
        isHourly(p.unit) &&
        (MODES as readonly string[]).includes(p.mode) &&
        Number.isInteger(p.priceTtcCents),
    );
    const chosen =
      mode !== null
        ? hourly.find((p) => p.mode === mode)
        : (hourly.find((p) => p.mode === 'prestataire') ?? hourly[0]);
    if (chosen !== undefined) {
      return {
        activityCode: activity.code as ActivityCode,
        mode: chosen.mode as Mode,
        priceCents: chosen.priceTtcCents,
      };
    }
  }
  return null;
}

/**
 * What a result depends on, as a string: two forms with the same snapshot give the same result (the React
 * keys, the price's provider and the bookkeeping fields are left out). Used to tell when a result is stale.
 */
export function formSnapshot(form: SimulatorFormState): string {
  const { appliedSearch: _search, isResultShown: _shown, lines, ...rest } = form;
  return JSON.stringify({
    ...rest,
    lines: lines.map(({ key: _key, priceSource: _source, ...line }) => line),
  });
}

/** The GIR of the form as a number 1–6 (4 when it is not one). */
export function formGir(form: SimulatorFormState): Gir {
  const gir = Number(form.gir);
  return ([1, 2, 3, 4, 5, 6] as const).find((g) => g === gir) ?? 4;
}

/** Whether the person's GIR can open the APA (1 to 4). */
export function isFormGirApa(form: SimulatorFormState): boolean {
  return isApaGir(formGir(form));
}
