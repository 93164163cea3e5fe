import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { usePageTitle } from '../../ui/form';
import { formatFrenchDate, GUIDE_PAGES, getGuidePage, type GuideSlug } from './guide-pages';

/** One part of a guide page: an h2 with an anchor, listed in « Sur cette page ». */
export interface GuideSection {
  id: string;
  title: string;
  content: ReactNode;
}

/** A legal text or official page the content relies on. */
export interface GuideSource {
  label: string;
  href?: string;
}

/** The breadcrumb of the public guide and activities pages (RGAA 12.x: a secondary way to find pages). */
export function Breadcrumb({ items }: { items: { label: string; to?: string }[] }) {
  return (
    <nav aria-label="Fil d’Ariane" className="guide-breadcrumb">
      <ol>
        {items.map((item, i) => (
          <li key={item.label}>
            {item.to !== undefined && i < items.length - 1 ? (
              <Link to={item.to}>{item.label}</Link>
            ) : (
              <span aria-current="page">{item.label}</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** « Mis à jour le 22 novembre 2026 ». */
export function UpdatedOn({ isoDate }: { isoDate: string }) {
  return (
    <p className="guide-updated">
      Mis à jour le <time dateTime={isoDate}>{formatFrenchDate(isoDate)}</time>
    </p>
  );
}

/** « Sur cette page »: the table of contents of a page. */
export function TableOfContents({ sections }: { sections: { id: string; title: string }[] }) {
  return (
    <nav aria-labelledby="sur-cette-page" className="guide-toc">
      <h2 id="sur-cette-page">Sur cette page</h2>
      <ol>
        {sections.map((s) => (
          <li key={s.id}>
            <a href={`#${s.id}`}>{s.title}</a>
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** The list of sources at the end of a page. */
export function SourcesList({ sources }: { sources: GuideSource[] }) {
  return (
    <ul className="guide-sources">
      {sources.map((s) => (
        <li key={s.label}>{s.href ? <a href={s.href}>{s.label}</a> : s.label}</li>
      ))}
    </ul>
  );
}

/**
 * A guide page: breadcrumb, one h1, introduction, last-updated date, « Sur cette page », the sections (h2,
 * then h3 inside), « Sources », and the way to the previous and next pages.
 */
export function GuideArticle({
  slug,
  intro,
  sections,
  sources,
}: {
  slug: GuideSlug;
  intro: ReactNode;
  sections: GuideSection[];
  sources: GuideSource[];
}) {
  const page = getGuidePage(slug);
  usePageTitle(`${page.title} — Guide`);
  const index = GUIDE_PAGES.findIndex((p) => p.slug === slug);
  const previous = index > 0 ? GUIDE_PAGES[index - 1] : undefined;
  const next = GUIDE_PAGES[index + 1];
  const toc = [...sections.map(({ id, title }) => ({ id, title })), { id: 'sources', title: 'Sources' }];
  return (
    <article className="guide-article">
      <Breadcrumb
        items={[{ label: 'Accueil', to: '/' }, { label: 'Guide', to: '/guide' }, { label: page.title }]}
      />
      <h1>{page.title}</h1>
      <div className="lead guide-intro">{intro}</div>
      <UpdatedOn isoDate={page.updatedOn} />
      <TableOfContents sections={toc} />
      {sections.map((s) => (
        <section key={s.id} aria-labelledby={s.id} className="guide-section">
          <h2 id={s.id}>{s.title}</h2>
          {s.content}
        </section>
      ))}
      <section aria-labelledby="sources" className="guide-section">
        <h2 id="sources">Sources</h2>
        <p>Les règles de cette page viennent de ces textes :</p>
        <SourcesList sources={sources} />
        <p className="hint">
          Ce guide résume la loi en mots simples ; en cas de doute, le texte officiel et votre centre des
          impôts, votre Département ou l’Urssaf font foi.
        </p>
      </section>
      <nav aria-label="Dans le guide" className="guide-pager">
        <ul>
          {previous && (
            <li>
              <Link to={`/guide/${previous.slug}`}>
                <span className="hint">Page précédente</span> {previous.title}
              </Link>
            </li>
          )}
          <li>
            <Link to="/guide">Toutes les pages du guide</Link>
          </li>
          {next && (
            <li>
              <Link to={`/guide/${next.slug}`}>
                <span className="hint">Page suivante</span> {next.title}
              </Link>
            </li>
          )}
        </ul>
      </nav>
    </article>
  );
}

/** Sources named in the SAP reference, with an official or reference link where it gives one. */
export const SOURCES = {
  l7231_1: { label: 'Code du travail, article L7231-1 (définition des services à la personne)' },
  d7231_1: {
    label: 'Code du travail, article D7231-1 (la liste des 26 activités)',
    href: 'https://www.servicesalapersonne.gouv.fr/tout-savoir-sur-les-services-la-personne/les-26-activites-de-services-la-personne',
  },
  l7232_1: {
    label: 'Code du travail, articles L7232-1 et L7232-1-1 (agrément et déclaration)',
    href: 'https://www.legifrance.gouv.fr/codes/section_lc/LEGITEXT000006072050/LEGISCTA000006178245/',
  },
  r7232_17: { label: 'Code du travail, article R7232-17 (contenu de la déclaration)' },
  l7232_6: { label: 'Code du travail, article L7232-6 (prestataire, mandataire, mise à disposition)' },
  l7221_1: { label: 'Code du travail, article L7221-1 (employés de maison : l’emploi direct)' },
  circulaire2025: { label: 'Circulaire de la DGE du 3 janvier 2025 sur le périmètre des activités' },
  cgi199: {
    label: 'Code général des impôts, article 199 sexdecies (crédit d’impôt, plafonds, offre globale)',
    href: 'https://www.doctrine.fr/l/texts/codes/LEGITEXT000006069577/articles/LEGIARTI000006303298',
  },
  d7233_5: {
    label: 'Code du travail, article D7233-5 (plafonds par activité)',
    href: 'https://code.travail.gouv.fr/code-du-travail/d7233-5',
  },
  d7233_3: { label: 'Code du travail, article D7233-3 (moyens de paiement : pas d’espèces)' },
  d7233_4: {
    label: 'Code du travail, article D7233-4 (attestation fiscale annuelle)',
    href: 'https://www.servicesalapersonne.gouv.fr/espace-pro/obligations-reglementaires/l-attestation-fiscale-annuelle',
  },
  d7233_1: { label: 'Code du travail, article D7233-1 (mentions obligatoires de la facture)' },
  lf2017: { label: 'Loi de finances pour 2017, article 82 (crédit d’impôt pour tous les foyers)' },
  avanceImmediate: {
    label: 'Urssaf et DGFiP : service d’avance immédiate du crédit d’impôt (API Tiers de prestation)',
    href: 'https://data.gouv.fr/es/dataservices/api-tiers-de-prestation',
  },
  arrete2015: {
    label: 'Arrêté du 17 mars 2015 (information du consommateur, devis)',
    href: 'https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000030395494/',
  },
  arrete2023: { label: 'Arrêté du 24 novembre 2023 (cahier des charges de l’agrément)' },
  casfApa: { label: 'Code de l’action sociale et des familles, articles L232-1 et suivants (APA)' },
  casfL313: {
    label: 'Code de l’action sociale et des familles, article L313-1 (autorisation du Département)',
  },
  decret2023: { label: 'Décret n° 2023-608 du 13 juillet 2023 (services autonomie à domicile)' },
  cesu: {
    label: 'Service-public.fr, fiche F13607 (chèque emploi service universel)',
  },
  pch: {
    label: 'Code de l’action sociale et des familles : prestation de compensation du handicap (MDPH, CDAPH)',
  },
} as const satisfies Record<string, GuideSource>;
