/**
 * Who provides SAP and under which regime: legal forms, modes of intervention, publics, regimes, and the
 * rule that tells which regime an activity needs for a public and a mode.
 * Sources: SAP-REFERENCE §1.2 (regimes by public and mode), §1.4 (authorities, durations), §3 (modes).
 */
import { getActivity, type Activity, type ActivityCode } from './activities';

/** Mode d'intervention (DESIGN.md). « Mise à disposition » is handled like `mandataire` for regimes. */
export const MODES = ['prestataire', 'mandataire', 'emploi_direct'] as const;
export type Mode = (typeof MODES)[number];

/** The modes in which an organisation (not the household) is involved. */
export type OrganisationMode = Exclude<Mode, 'emploi_direct'>;

/** French label and explanation of each mode (SAP-REFERENCE §3). */
export const MODE_INFO: Readonly<Record<Mode, { label: string; employer: string; explanation: string }>> = {
  prestataire: {
    label: 'Prestataire',
    employer: "L'organisme",
    explanation:
      "L'organisme emploie l'intervenant·e et vous facture le service, à l'heure ou au forfait. Vous n'avez aucune démarche d'employeur (art. L7232-6 3° du code du travail).",
  },
  mandataire: {
    label: 'Mandataire',
    employer: 'Vous (particulier employeur)',
    explanation:
      "Vous êtes l'employeur de l'intervenant·e ; l'organisme recrute et fait les démarches pour vous (déclarations, bulletins de salaire) et vous facture des frais de gestion. Vous payez le salaire et les cotisations, par exemple via le CESU (art. L7232-6 1°).",
  },
  emploi_direct: {
    label: 'Emploi direct',
    employer: 'Vous (particulier employeur)',
    explanation:
      "Vous recrutez et employez vous-même l'intervenant·e et le déclarez avec le CESU déclaratif (ou Pajemploi pour la garde d'enfants de moins de 6 ans avec le CMG).",
  },
};

/** Publics served. Disabled children under 18 are treated like children under 3 for the agrément (§1.1). */
export const PUBLICS = [
  'tout_public',
  'enfants_moins_3_ans',
  'enfants_handicapes',
  'personnes_agees',
  'personnes_handicapees',
  'personnes_pathologies_chroniques',
] as const;
export type Public = (typeof PUBLICS)[number];

/** French labels of the publics. */
export const PUBLIC_LABELS: Readonly<Record<Public, string>> = {
  tout_public: 'Tout public',
  enfants_moins_3_ans: 'Enfants de moins de 3 ans',
  enfants_handicapes: 'Enfants handicapés de moins de 18 ans',
  personnes_agees: 'Personnes âgées',
  personnes_handicapees: 'Personnes handicapées',
  personnes_pathologies_chroniques: 'Personnes atteintes de pathologies chroniques',
};

/** Publics whose care needs an agrément or an autorisation (the "fragile" publics of L7232-1). */
export function isFragilePublic(p: Public): boolean {
  return p !== 'tout_public';
}

/** The three regimes of §1.2–1.4. */
export const REGIME_TYPES = ['declaration', 'agrement', 'autorisation'] as const;
export type RegimeType = (typeof REGIME_TYPES)[number];

/**
 * Validity of an agrément, in years. ⚠️ Unconfirmed (SAP-REFERENCE §1.4 marks "5 years ⚠️").
 */
export const AGREMENT_DURATION_YEARS_UNCONFIRMED = 5;

/**
 * Validity of a departmental autorisation (ESSMS rule), in years. ⚠️ Unconfirmed (SAP-REFERENCE §1.4 and §9.4
 * mark "15 years ⚠️").
 */
export const AUTORISATION_DURATION_YEARS_UNCONFIRMED = 15;

/** French label, authority and explanation of each regime (SAP-REFERENCE §1.4). */
export const REGIME_INFO: Readonly<
  Record<RegimeType, { label: string; authority: string; durationYears: number | null; explanation: string }>
> = {
  declaration: {
    label: 'Déclaration',
    authority: 'Préfet du département (DDETS/DREETS, extranet NOVA)',
    durationYears: null,
    explanation:
      "Facultative, elle ouvre droit aux avantages fiscaux et sociaux (crédit d'impôt de 50 % pour les clients, TVA réduite, exonérations). Elle vaut sans limite de durée tant que les obligations sont respectées (art. L7232-1-1 et R7232-17 du code du travail).",
  },
  agrement: {
    label: 'Agrément',
    authority: "L'État (préfet, DDETS/DREETS)",
    durationYears: AGREMENT_DURATION_YEARS_UNCONFIRMED,
    explanation:
      "Obligatoire pour la garde et l'accompagnement des enfants de moins de 3 ans (ou handicapés de moins de 18 ans), et pour l'aide aux personnes âgées ou handicapées en mode mandataire ou mise à disposition (art. L7232-1 du code du travail, cahier des charges de l'arrêté du 24 novembre 2023).",
  },
  autorisation: {
    label: 'Autorisation',
    authority: 'Président du conseil départemental',
    durationYears: AUTORISATION_DURATION_YEARS_UNCONFIRMED,
    explanation:
      "Obligatoire pour l'aide aux personnes âgées ou handicapées en mode prestataire : le service est alors un service autonomie à domicile (SAD), soumis au cahier des charges national (décret 2023-608).",
  },
};

/** Legal forms of SAP providers. */
export const LEGAL_FORMS = [
  'association',
  'micro_entrepreneur',
  'entreprise_individuelle',
  'societe',
  'cooperative',
  'ccas_cias',
  'collectivite',
] as const;
export type LegalForm = (typeof LEGAL_FORMS)[number];

/**
 * French label of each legal form, and whether the body is exempt from the condition of exclusive activity
 * (CAE) by L7232-1-2 (CCAS/CIAS and other public or social bodies). Micro-entrepreneurs and firms < 11
 * employees may be exempt under conditions since 2025 (accessory turnover ≤ 30 %): see `isCaeExemptBySize`.
 */
export const LEGAL_FORM_INFO: Readonly<Record<LegalForm, { label: string; caeExempt: boolean }>> = {
  association: { label: 'Association (loi 1901)', caeExempt: false },
  micro_entrepreneur: { label: 'Micro-entrepreneur', caeExempt: false },
  entreprise_individuelle: { label: 'Entreprise individuelle', caeExempt: false },
  societe: { label: 'Société (SARL, SAS, SA…)', caeExempt: false },
  cooperative: { label: 'Coopérative (SCOP, SCIC)', caeExempt: false },
  ccas_cias: { label: 'CCAS / CIAS', caeExempt: true },
  collectivite: { label: 'Collectivité territoriale ou établissement public', caeExempt: true },
};

/** Share of accessory (non-SAP) turnover allowed for the CAE exemption since 1 Jan 2025, in basis points. */
export const CAE_ACCESSORY_TURNOVER_MAX_BP = 3000;

/**
 * Whether a micro-entrepreneur or a firm with fewer than 11 employees, whose main activity is SAP, is exempt
 * from the condition of exclusive activity (décret 2024-851, since 1 Jan 2025, SAP-REFERENCE §1.4): accessory
 * turnover ≤ 30 % of the previous year's total and separate accounts for SAP.
 */
export function isCaeExemptBySize(input: {
  employees: number;
  previousYearTurnoverCents: number;
  previousYearAccessoryTurnoverCents: number;
  keepsSeparateAccounts: boolean;
}): boolean {
  if (input.employees >= 11 || !input.keepsSeparateAccounts) return false;
  if (input.previousYearTurnoverCents <= 0) return input.previousYearAccessoryTurnoverCents <= 0;
  return (
    input.previousYearAccessoryTurnoverCents * 10_000 <=
    input.previousYearTurnoverCents * CAE_ACCESSORY_TURNOVER_MAX_BP
  );
}

/** What an organisation needs to carry an activity for a public in a mode. */
export interface RegimeRequirement {
  /** Regimes without which the activity may not be carried at all (agrément, autorisation), in that order. */
  mandatory: readonly Exclude<RegimeType, 'declaration'>[];
  /**
   * Whether a déclaration is needed for the clients' tax credit and reduced VAT. False only in emploi direct,
   * where the household itself is the employer.
   */
  declarationForTaxAdvantages: boolean;
  /** The D7231-1 activity that actually applies (e.g. childcare for a child under 3 is I-1, not II-4). */
  activityCode: ActivityCode;
  /** French explanation, for the UI. */
  explanation: string;
  /** French caveats about rules the reference marks as unconfirmed. */
  caveats: readonly string[];
}

const CHILD_UNDER_THRESHOLD: Readonly<Partial<Record<ActivityCode, ActivityCode>>> = {
  'garde-enfants-plus-3-ans': 'garde-enfants-moins-3-ans',
  'accompagnement-enfants-plus-3-ans': 'accompagnement-enfants-moins-3-ans',
};

/**
 * Which regime an activity needs for a public and a mode (SAP-REFERENCE §1.2):
 * - emploi direct: none (the household is the employer);
 * - childcare / child accompaniment for a child under 3 or a disabled child under 18: agrément in every mode
 *   (a II-4 / II-15 activity for such a child is in fact I-1 / I-2);
 * - assistance, driving and accompaniment of elderly / disabled people (I-3 to I-5): autorisation of the
 *   Département in prestataire mode, agrément in mandataire / mise à disposition;
 * - everything else: déclaration only, optional but needed for the tax advantages.
 */
export function requiredRegime(
  activity: Activity | ActivityCode,
  publicServed: Public,
  mode: Mode,
): RegimeRequirement {
  let act = typeof activity === 'string' ? getActivity(activity) : activity;
  const caveats: string[] = [];

  if (mode === 'emploi_direct') {
    return {
      mandatory: [],
      declarationForTaxAdvantages: false,
      activityCode: act.code,
      explanation:
        "En emploi direct, le particulier est lui-même l'employeur : aucun agrément ni autorisation n'est exigé. Il déclare son salarié avec le CESU déclaratif (ou Pajemploi) pour bénéficier du crédit d'impôt.",
      caveats,
    };
  }

  const youngChild = publicServed === 'enfants_moins_3_ans' || publicServed === 'enfants_handicapes';
  const upgraded = youngChild ? CHILD_UNDER_THRESHOLD[act.code] : undefined;
  if (upgraded !== undefined) act = getActivity(upgraded);

  const regime = act.regimeByMode[mode];
  const modeLabel =
    mode === 'prestataire' ? 'en mode prestataire' : 'en mode mandataire ou mise à disposition';
  const mandatory: Exclude<RegimeType, 'declaration'>[] = regime === 'declaration' ? [] : [regime];

  if (
    publicServed === 'enfants_handicapes' &&
    mode === 'prestataire' &&
    act.code === 'garde-enfants-moins-3-ans'
  ) {
    caveats.push(
      "Pour un enfant handicapé de moins de 18 ans accompagné vers l'autonomie à domicile, une autorisation du Département peut s'ajouter à l'agrément (règle à vérifier dans la circulaire du 3 janvier 2025).",
    );
  }

  let explanation: string;
  if (regime === 'declaration') {
    explanation = `« ${act.name} » relève de la simple déclaration ${modeLabel} : elle est facultative, mais sans elle vos clients n'ont pas droit au crédit d'impôt de 50 % (art. D7231-1 II du code du travail).`;
  } else {
    const label = REGIME_INFO[regime].label.toLowerCase();
    explanation = `« ${act.name} » (art. D7231-1 ${act.article}) exige l'${label} ${modeLabel} (${REGIME_INFO[regime].authority}). La déclaration reste nécessaire pour ouvrir droit au crédit d'impôt.`;
    if (upgraded !== undefined) {
      explanation += ` Pour un enfant de moins de 3 ans ou un enfant handicapé, l'activité est celle de l'article D7231-1 ${act.article}.`;
    }
  }

  return { mandatory, declarationForTaxAdvantages: true, activityCode: act.code, explanation, caveats };
}
