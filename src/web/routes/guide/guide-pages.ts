/**
 * The guide's pages, in reading order: path, title and a one-line summary for the index and the « dans le
 * guide » navigation. The content lives in the *.tsx page files.
 */
export interface GuidePageInfo {
  slug: string;
  title: string;
  summary: string;
  /** ISO date of the last review of the page's content against the SAP reference. */
  updatedOn: string;
}

/** Date of the last review of the guide against docs/domain.md and the SAP reference. */
const REVIEWED_ON = '2026-11-22';

export const GUIDE_PAGES = [
  {
    slug: 'services-a-la-personne',
    title: 'Les services à la personne, c’est quoi ?',
    summary: 'Les 26 services reconnus par la loi, qui les propose, et pourquoi c’est intéressant pour vous.',
    updatedOn: REVIEWED_ON,
  },
  {
    slug: 'modes',
    title: 'Prestataire, mandataire ou emploi direct',
    summary: 'Qui emploie l’intervenant·e, qui paie quoi, et ce que cela change pour vous.',
    updatedOn: REVIEWED_ON,
  },
  {
    slug: 'cesu',
    title: 'Le CESU : déclaratif et préfinancé',
    summary: 'Déclarer un salarié à domicile simplement, ou payer avec des titres CESU.',
    updatedOn: REVIEWED_ON,
  },
  {
    slug: 'credit-impot',
    title: 'Le crédit d’impôt de 50 % et l’avance immédiate',
    summary: 'Combien vous récupérez, jusqu’à quel montant, et comment ne payer que la moitié tout de suite.',
    updatedOn: REVIEWED_ON,
  },
  {
    slug: 'apa-pch',
    title: 'L’APA et la PCH : les aides pour les personnes dépendantes',
    summary:
      'Les aides du Département pour rester chez soi quand on perd en autonomie ou qu’on a un handicap.',
    updatedOn: REVIEWED_ON,
  },
  {
    slug: 'choisir',
    title: 'Bien choisir sa structure',
    summary:
      'Déclaration, agrément, autorisation, devis, prix : les points à vérifier et les questions à poser.',
    updatedOn: REVIEWED_ON,
  },
  {
    slug: 'faq',
    title: 'Questions fréquentes',
    summary: 'Les réponses courtes aux questions que l’on nous pose le plus souvent.',
    updatedOn: REVIEWED_ON,
  },
] as const satisfies readonly GuidePageInfo[];

export type GuideSlug = (typeof GUIDE_PAGES)[number]['slug'];

export function getGuidePage(slug: GuideSlug): GuidePageInfo {
  const page = GUIDE_PAGES.find((p) => p.slug === slug);
  if (!page) throw new Error(`Page du guide inconnue : ${slug}`);
  return page;
}

export { longFrenchDate as formatFrenchDate } from '../../../shared/french-dates';
