import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { roleLabels } from '../../domain/access';
import { api } from '../api/client';
import { areaDescriptions, navigationOf, upcomingAreas } from '../app/navigation';
import { useSession } from '../app/session';
import { usePageTitle } from '../ui/form';
import { PageHeader } from '../ui/Layout';

export function PublicHomePage() {
  usePageTitle('Accueil');
  return (
    <>
      <section className="hero">
        <h1>Les services à la personne d’Orléans Métropole, au même endroit</h1>
        <p>
          Aide à domicile, ménage, garde d’enfants, jardinage, soutien scolaire… Trouvez une structure près de
          chez vous, comprenez ce que vous paierez vraiment après crédit d’impôt et APA, et suivez vos
          interventions.
        </p>
        <p className="hero-actions">
          <Link className="button" to="/annuaire">
            Trouver une structure
          </Link>
          <Link className="button button-secondary" to="/inscription">
            Créer un compte
          </Link>
        </p>
      </section>
      <section aria-labelledby="who" className="cards">
        <h2 id="who">Pour qui ?</h2>
        <ul className="card-list">
          <li className="card">
            <h3>Les familles et les personnes aidées</h3>
            <p>
              Demandez un service, comparez les devis, suivez les passages, retrouvez factures et attestations
              fiscales.
            </p>
          </li>
          <li className="card">
            <h3>Les structures d’aide à domicile</h3>
            <p>
              Bénéficiaires, intervenant·es, planning optimisé, télégestion, facturation et avance immédiate.
            </p>
          </li>
          <li className="card">
            <h3>Les intervenant·es</h3>
            <p>
              Votre journée sur votre téléphone, vos heures, des offres d’emploi et des formations près de
              chez vous.
            </p>
          </li>
          <li className="card">
            <h3>Le territoire</h3>
            <p>Couverture par commune, emplois, besoins de recrutement et un lab d’innovation ouvert.</p>
          </li>
        </ul>
      </section>
    </>
  );
}

const greetings: Record<string, string> = {
  household: 'Votre espace foyer : vos demandes, vos interventions, vos factures.',
  provider_admin: 'L’espace de votre structure : équipe, bénéficiaires, planning et facturation.',
  coordinator: 'Votre espace de coordination : bénéficiaires, planning et interventions.',
  worker: 'Votre journée, votre planning, les offres d’emploi et les formations.',
  territory_admin: 'Le pilotage du territoire : structures, tableaux de bord et lab d’innovation.',
  innovator: 'Le lab d’innovation : besoins du territoire, idées et projets.',
};

/** The landing page of a signed-in role, with the areas it works in. */
export function RoleHomePage() {
  const { me } = useSession();
  const title = me ? `Bonjour ${me.displayName}` : 'Accueil';
  usePageTitle(me ? `Accueil ${roleLabels[me.role]}` : 'Accueil');
  const [beneficiaryCount, setBeneficiaryCount] = useState<number | null>(null);
  const isProviderStaff = me?.role === 'provider_admin' || me?.role === 'coordinator';

  useEffect(() => {
    if (!isProviderStaff) return;
    api<{ total: number }>('/api/beneficiaries?pageSize=1')
      .then((result) => setBeneficiaryCount(result.total))
      .catch(() => setBeneficiaryCount(null));
  }, [isProviderStaff]);

  if (!me) return null;
  return (
    <>
      <PageHeader title={title}>
        <p className="lead" data-testid="role-home">
          {roleLabels[me.role]}
          {me.organisationName ? ` — ${me.organisationName}` : ''}. {greetings[me.role]}
        </p>
      </PageHeader>
      {isProviderStaff && beneficiaryCount !== null && (
        <p className="stat">
          <strong>{beneficiaryCount.toLocaleString('fr-FR')}</strong> bénéficiaires suivis par votre
          structure.
        </p>
      )}
      <nav aria-label="Vos rubriques" className="cards">
        <ul className="card-list">
          {navigationOf[me.role].slice(1).map((item) => (
            <li className="card" key={item.to}>
              <h2 className="card-title">
                <Link to={item.to}>{item.label}</Link>
              </h2>
              <p>{areaDescriptions[item.to] ?? upcomingAreas[item.to.replace('/espace/', '')]?.description ?? ''}</p>
            </li>
          ))}
        </ul>
      </nav>
    </>
  );
}

/** An area that later work fills: it says so, rather than pretending. */
export function UpcomingAreaPage() {
  const { slug = '' } = useParams();
  const area = upcomingAreas[slug];
  usePageTitle(area?.title ?? 'Rubrique');
  if (!area) return <NotFoundPage />;
  return (
    <>
      <PageHeader title={area.title} />
      <p>{area.description}</p>
      <p className="alert alert-info">Cette rubrique ouvre prochainement sur ProxiDom.</p>
    </>
  );
}

export function NotFoundPage() {
  usePageTitle('Page introuvable');
  return (
    <>
      <PageHeader title="Page introuvable" />
      <p>
        Cette page n’existe pas ou a été déplacée. <Link to="/">Revenir à l’accueil</Link>
      </p>
    </>
  );
}

export function AccessibilityPage() {
  usePageTitle('Accessibilité');
  return (
    <>
      <PageHeader title="Déclaration d’accessibilité" />
      <p>
        ProxiDom s’engage à rendre ses services accessibles conformément à l’article 47 de la loi n° 2005-102
        du 11 février 2005 et au référentiel général d’amélioration de l’accessibilité (RGAA 4.1).
      </p>
      <h2>État de conformité</h2>
      <p>
        Le site est <strong>partiellement conforme</strong> au RGAA 4.1 : les pages publiques sont vérifiées
        automatiquement (axe-core) à chaque modification ; un audit complet reste à conduire.
      </p>
      <h2>Signaler un problème</h2>
      <p>
        Si vous ne parvenez pas à accéder à un contenu ou à un service, écrivez à l’administrateur de votre
        territoire.
      </p>
    </>
  );
}

export function DirectoryComingPage() {
  usePageTitle('Annuaire');
  return (
    <>
      <PageHeader title="Annuaire des services à la personne" />
      <p>
        Toutes les structures du territoire, leurs activités et leurs tarifs, avec une recherche par commune.
      </p>
      <p className="alert alert-info">L’annuaire ouvre prochainement sur ProxiDom.</p>
    </>
  );
}
