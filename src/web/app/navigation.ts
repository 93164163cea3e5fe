import type { Role } from '../../domain/access';

export interface NavItem {
  to: string;
  label: string;
}

/** What each area is for, shown on the role's home page. */
export const areaDescriptions: Record<string, string> = {
  '/annuaire': 'Toutes les structures du territoire, leurs activités, leurs tarifs et leur carte.',
  '/foyer/demandes': 'Décrivez votre besoin, recevez des devis et comparez-les.',
  '/foyer/releve': 'Mois par mois, les heures de votre plan d’aide : financées, prévues, réalisées.',
  '/foyer/factures': 'Vos factures mensuelles, ce que vous payez maintenant et votre attestation fiscale.',
  '/structure/equipe': 'Inviter responsables de secteur et intervenant·es.',
  '/structure/beneficiaires': 'Dossiers, plans d’aide, contrats et visites récurrentes.',
  '/structure/intervenants': 'Compétences, qualifications à renouveler, disponibilités et absences.',
  '/structure/planning': 'La semaine de chaque intervenant·e, optimisée et vérifiée au glisser-déposer.',
  '/structure/secteurs': 'Les secteurs de la structure : communes couvertes et responsables de secteur.',
  '/structure/demandes': 'Les demandes des foyers de votre secteur, vos devis et les échanges.',
  '/structure/profil': 'Ce que l’annuaire public montre de votre structure.',
  '/structure/telegestion': 'Prévu et réalisé, anomalies de pointage à valider.',
  '/structure/facturation': 'Factures, avance immédiate, relevés APA, export comptable, attestations.',
  '/boite-envoi': 'Les e-mails de la démonstration.',
  '/intervenant/semaine': 'Votre semaine : adresses, horaires et trajets.',
  '/intervenant/tournee': 'Pointer vos passages, même sans réseau.',
  '/intervenant/activite': 'Tout ce que votre employeur voit de votre activité.',
  '/territoire/structures': 'Ouvrir une structure et inviter son administrateur.',
  '/territoire/import': 'Importer la liste nationale des organismes déclarés.',
};

const area = (slug: string, label: string): NavItem => ({ to: `/espace/${slug}`, label });

/** The areas each role works in; later issues fill the pages behind them. */
export const navigationOf: Record<Role, NavItem[]> = {
  household: [
    { to: '/foyer', label: 'Accueil' },
    { to: '/annuaire', label: 'Annuaire' },
    { to: '/foyer/demandes', label: 'Mes demandes' },
    { to: '/foyer/releve', label: 'Relevé du plan d’aide' },
    { to: '/foyer/factures', label: 'Factures et attestations' },
    area('maison-connectee', 'Maison connectée'),
  ],
  provider_admin: [
    { to: '/structure', label: 'Accueil' },
    { to: '/structure/equipe', label: 'Équipe' },
    { to: '/structure/beneficiaires', label: 'Bénéficiaires' },
    { to: '/structure/intervenants', label: 'Intervenant·es' },
    { to: '/structure/planning', label: 'Planning' },
    { to: '/structure/secteurs', label: 'Secteurs' },
    { to: '/structure/demandes', label: 'Demandes' },
    { to: '/structure/profil', label: 'Profil de la structure' },
    { to: '/structure/telegestion', label: 'Télégestion' },
    { to: '/structure/facturation', label: 'Facturation' },
    area('emplois', 'Offres d’emploi'),
    { to: '/boite-envoi', label: 'Boîte d’envoi' },
  ],
  coordinator: [
    { to: '/coordination', label: 'Accueil' },
    { to: '/structure/beneficiaires', label: 'Bénéficiaires' },
    { to: '/structure/intervenants', label: 'Intervenant·es' },
    { to: '/structure/planning', label: 'Planning' },
    { to: '/structure/secteurs', label: 'Secteurs' },
    { to: '/structure/demandes', label: 'Demandes' },
    { to: '/structure/profil', label: 'Profil de la structure' },
    { to: '/structure/telegestion', label: 'Télégestion' },
    { to: '/structure/facturation', label: 'Facturation' },
  ],
  worker: [
    { to: '/intervenant', label: 'Ma journée' },
    { to: '/intervenant/semaine', label: 'Mon planning' },
    { to: '/intervenant/tournee', label: 'Ma tournée' },
    { to: '/intervenant/activite', label: 'Mon activité' },
    area('emplois', 'Offres d’emploi'),
    area('formations', 'Formations'),
  ],
  territory_admin: [
    { to: '/territoire', label: 'Accueil' },
    { to: '/territoire/structures', label: 'Structures' },
    { to: '/territoire/import', label: 'Import des structures' },
    area('tableaux-de-bord', 'Tableaux de bord'),
    { to: '/annuaire', label: 'Annuaire' },
    area('lab', 'Lab d’innovation'),
    { to: '/boite-envoi', label: 'Boîte d’envoi' },
  ],
  innovator: [
    { to: '/lab', label: 'Accueil' },
    area('besoins', 'Besoins'),
    area('idees', 'Idées et projets'),
  ],
};

/** Areas that later work fills: their page says so plainly. */
export const upcomingAreas: Record<string, { title: string; description: string }> = {
  demandes: { title: 'Mes demandes', description: 'Décrivez votre besoin, recevez des devis et comparez-les.' },
  interventions: { title: 'Interventions', description: 'Les passages prévus et réalisés, avec leurs pointages.' },
  factures: { title: 'Factures et attestations', description: 'Vos factures mensuelles et votre attestation fiscale annuelle.' },
  'maison-connectee': { title: 'Maison connectée', description: 'Les capteurs du domicile et les alertes.' },
  planning: { title: 'Planning', description: 'La semaine de chaque intervenant·e, optimisée et vérifiée.' },
  facturation: { title: 'Facturation', description: 'Factures, avance immédiate et facturation APA au département.' },
  emplois: { title: 'Offres d’emploi', description: 'Les offres par métier et les candidatures.' },
  'mon-planning': { title: 'Mon planning', description: 'Votre semaine : adresses, horaires et trajets.' },
  formations: { title: 'Formations', description: 'Les formations du secteur près de chez vous.' },
  'tableaux-de-bord': { title: 'Tableaux de bord', description: 'Couverture par commune, emplois et besoins de recrutement.' },
  lab: { title: 'Lab d’innovation', description: 'Besoins, idées, projets et groupes de travail.' },
  besoins: { title: 'Besoins', description: 'Les besoins remontés par les acteurs du territoire.' },
  idees: { title: 'Idées et projets', description: 'Proposez une idée et suivez les projets.' },
};
