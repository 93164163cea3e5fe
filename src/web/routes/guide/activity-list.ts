/**
 * Pure helpers of the activities pages: the text filter (accents and case ignored), the grouping by domain,
 * and the small table of regimes by public and mode built from `requiredRegime`.
 */
import {
  ACTIVITIES,
  ACTIVITY_DOMAINS,
  ACTIVITY_DOMAIN_LABELS,
  type Activity,
  type ActivityDomain,
} from '../../../domain/activities';
import { formatRate } from '../../../domain/money';
import {
  MODES,
  PUBLICS,
  PUBLIC_LABELS,
  requiredRegime,
  type Mode,
  type Public,
  type RegimeType,
} from '../../../domain/organisation';
import { foldAccents } from '../../../shared/text';

/** The words of a search, folded (no accents, lower case), apostrophes unified. */
function searchWords(query: string): string[] {
  return foldAccents(query)
    .replace(/[’']/g, ' ')
    .split(/[\s,;.]+/)
    .filter((w) => w.length > 0);
}

/** Everything a search looks into for an activity, folded. */
function haystack(activity: Activity): string {
  return foldAccents(
    [
      activity.name,
      activity.description,
      ...activity.keywords,
      ...activity.domains.map((d) => ACTIVITY_DOMAIN_LABELS[d]),
    ].join(' '),
  ).replace(/[’']/g, ' ');
}

/**
 * The activities whose name, description, keywords or domain contain every word of the query, accents and
 * case ignored (« menage » finds « ménage »). An empty query keeps them all, in the legal order.
 */
export function filterActivities(query: string, activities: readonly Activity[] = ACTIVITIES): Activity[] {
  const words = searchWords(query);
  if (words.length === 0) return [...activities];
  return activities.filter((activity) => {
    const text = haystack(activity);
    return words.every((w) => text.includes(w));
  });
}

/** Activities grouped by their main domain (the first listed), in the domains' order; empty groups dropped. */
export function groupActivitiesByDomain(
  activities: readonly Activity[],
): { domain: ActivityDomain; label: string; activities: Activity[] }[] {
  return ACTIVITY_DOMAINS.map((domain) => ({
    domain,
    label: ACTIVITY_DOMAIN_LABELS[domain],
    activities: activities.filter((a) => a.domains[0] === domain),
  })).filter((group) => group.activities.length > 0);
}

/** French names of the modes in the regime table's header. */
export const MODE_COLUMN_LABELS: Readonly<Record<Mode, string>> = {
  prestataire: 'Prestataire',
  mandataire: 'Mandataire (ou mise à disposition)',
  emploi_direct: 'Emploi direct',
};

/** One cell of the regime table. */
export interface RegimeCell {
  mode: Mode;
  /** Short French text: « Déclaration », « Agrément de l'État »… */
  text: string;
}

/** One row of the regime table: a public and, per mode, what the provider needs. */
export interface RegimeRow {
  public: Public;
  label: string;
  cells: RegimeCell[];
  /** French note when, for this public, the activity is in fact another one (child under 3). */
  note: string | null;
}

function cellText(activity: Activity, publicServed: Public, mode: Mode): string {
  const req = requiredRegime(activity, publicServed, mode);
  if (mode === 'emploi_direct') return 'Aucune démarche de structure : vous êtes l’employeur';
  const [mandatory] = req.mandatory;
  if (mandatory === undefined) return 'Déclaration (facultative, elle ouvre le crédit d’impôt)';
  return mandatory === 'agrement'
    ? 'Agrément de l’État obligatoire'
    : 'Autorisation du Département obligatoire';
}

/**
 * The rows of the table « who may provide this activity, in which mode, under which regime »: one row per
 * public the activity is meant for, plus the publics for which the activity becomes another one (a child under
 * 3 or a disabled child makes « garde d'enfants de plus de 3 ans » the agrément activity).
 */
export function buildRegimeRows(activity: Activity): RegimeRow[] {
  const upgraded = PUBLICS.filter(
    (p) =>
      !activity.publics.includes(p) &&
      requiredRegime(activity, p, 'prestataire').activityCode !== activity.code,
  );
  const publics = [...activity.publics, ...upgraded];
  return publics.map((p) => {
    const other = requiredRegime(activity, p, 'prestataire').activityCode;
    const otherActivity = ACTIVITIES.find((a) => a.code === other);
    return {
      public: p,
      label: PUBLIC_LABELS[p],
      cells: MODES.map((mode) => ({ mode, text: cellText(activity, p, mode) })),
      note:
        other !== activity.code && otherActivity !== undefined
          ? `Pour ce public, le service relève de l’activité « ${otherActivity.name} ».`
          : null,
    };
  });
}

/** The caveats `requiredRegime` gives for an activity (rules the reference marks as unconfirmed), without repeats. */
export function regimeCaveats(activity: Activity): string[] {
  const caveats = new Set<string>();
  for (const row of buildRegimeRows(activity)) {
    for (const mode of MODES)
      for (const c of requiredRegime(activity, row.public, mode).caveats) caveats.add(c);
  }
  return [...caveats];
}

/** The usual VAT rate in French, or « taux à vérifier » when the reference does not confirm it. */
export function vatText(activity: Activity): string {
  if (activity.vatRateBp === null) return 'taux à vérifier';
  const main = formatRate(activity.vatRateBp);
  return activity.vatAlternative === null
    ? main
    : `${main} ; ${formatRate(activity.vatAlternative.rateBp)} pour : ${activity.vatAlternative.when.toLowerCase()}`;
}

/** « Partie I » activities need an agrément or an autorisation in some mode; « partie II » only a déclaration. */
export function legalPart(activity: Activity): 'I' | 'II' {
  return activity.article.startsWith('II-') ? 'II' : 'I';
}

/** The regimes that appear in an activity's table, for the explanations under it. */
export function regimesUsed(activity: Activity): RegimeType[] {
  const used = new Set<RegimeType>(['declaration']);
  for (const row of buildRegimeRows(activity)) {
    for (const mode of ['prestataire', 'mandataire'] as const) {
      for (const regime of requiredRegime(activity, row.public, mode).mandatory) used.add(regime);
    }
  }
  return (['declaration', 'agrement', 'autorisation'] as const).filter((r) => used.has(r));
}
