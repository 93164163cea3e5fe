import { Link } from 'react-router';
import { ACTIVITIES, getActivity } from '../../../domain/activities';
import { MANDATAIRE_EMPLOYER_WARNING, CESU_PREFINANCE_WARNING } from '../../../domain/invoice';
import { MODE_INFO, REGIME_INFO } from '../../../domain/organisation';
import { usePageTitle } from '../../ui/form';
import { groupActivitiesByDomain } from './activity-list';
import { Breadcrumb, GuideArticle, SOURCES, SourcesList, TableOfContents, UpdatedOn } from './GuideArticle';
import { ACTIVITY_COUNT, CEILINGS, PART_I_COUNT, PART_II_COUNT, creditRate, euros } from './guide-figures';
import { GUIDE_PAGES } from './guide-pages';

const INDEX_UPDATED_ON = GUIDE_PAGES[0].updatedOn;

/** /guide: the index of the guide. */
export function GuideIndexPage() {
  usePageTitle('Guide des services à la personne');
  const sections = [
    { id: 'les-pages', title: 'Les pages du guide' },
    { id: 'outils', title: 'Deux outils pour aller plus loin' },
    { id: 'sources', title: 'Sources' },
  ];
  return (
    <article className="guide-article">
      <Breadcrumb items={[{ label: 'Accueil', to: '/' }, { label: 'Guide' }]} />
      <h1>Le guide des services à la personne</h1>
      <p className="lead">
        Ménage, aide à domicile, garde d’enfants, jardinage, soutien scolaire… Ce guide explique en mots
        simples comment ces services fonctionnent, combien ils coûtent vraiment et quelles aides existent.
      </p>
      <UpdatedOn isoDate={INDEX_UPDATED_ON} />
      <TableOfContents sections={sections} />
      <section aria-labelledby="les-pages" className="guide-section">
        <h2 id="les-pages">Les pages du guide</h2>
        <ol className="card-list guide-cards">
          {GUIDE_PAGES.map((page) => (
            <li className="card" key={page.slug}>
              <h3 className="card-title">
                <Link to={`/guide/${page.slug}`}>{page.title}</Link>
              </h3>
              <p>{page.summary}</p>
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="outils" className="guide-section">
        <h2 id="outils">Deux outils pour aller plus loin</h2>
        <ul className="card-list">
          <li className="card">
            <h3 className="card-title">
              <Link to="/activites">Les {ACTIVITY_COUNT} activités de services à la personne</Link>
            </h3>
            <p>
              Chaque activité reconnue par la loi, expliquée : qui peut la proposer, et quelle aide fiscale
              elle ouvre.
            </p>
          </li>
          <li className="card">
            <h3 className="card-title">
              <Link to="/simulateur">Le simulateur de coût</Link>
            </h3>
            <p>
              Calculez ce que vous paierez chaque mois, après le crédit d’impôt de {creditRate} et l’APA. Sans
              compte, rien n’est envoyé.
            </p>
          </li>
        </ul>
      </section>
      <section aria-labelledby="sources" className="guide-section">
        <h2 id="sources">Sources</h2>
        <SourcesList sources={[SOURCES.l7231_1, SOURCES.d7231_1, SOURCES.cgi199, SOURCES.casfApa]} />
      </section>
    </article>
  );
}

/** /guide/services-a-la-personne */
export function GuideSapPage() {
  const groups = groupActivitiesByDomain(ACTIVITIES);
  return (
    <GuideArticle
      slug="services-a-la-personne"
      intro={
        <p>
          Les services à la personne sont des services rendus chez vous (ou autour de chez vous) pour vous
          faciliter la vie : ménage, repas, garde d’enfants, aide aux personnes âgées… La loi en reconnaît{' '}
          {ACTIVITY_COUNT}. Pour ces services, vous avez droit à un crédit d’impôt de {creditRate} de ce que
          vous payez.
        </p>
      }
      sections={[
        {
          id: 'definition',
          title: 'Ce que la loi appelle « services à la personne »',
          content: (
            <>
              <p>La loi regroupe ces services en trois familles :</p>
              <ul className="plain-list">
                <li>la garde et l’accompagnement des enfants ;</li>
                <li>
                  l’aide aux personnes âgées, handicapées ou qui ont besoin d’aide chez elles ou pour se
                  déplacer près de chez elles ;
                </li>
                <li>les tâches de la maison et de la vie de famille, chez vous.</li>
              </ul>
              <p>
                Un décret donne la liste exacte : {ACTIVITY_COUNT} activités, dont {PART_I_COUNT} demandent un
                agrément ou une autorisation parce qu’elles concernent des personnes fragiles (jeunes enfants,
                personnes âgées ou handicapées), et {PART_II_COUNT} pour lesquelles une simple déclaration
                suffit.
              </p>
            </>
          ),
        },
        {
          id: 'les-activites',
          title: `Les ${ACTIVITY_COUNT} activités, en trois groupes`,
          content: (
            <>
              <p>
                On les classe souvent en trois groupes. Ce classement sert à s’y retrouver ; ce n’est pas une
                catégorie de la loi.
              </p>
              {groups.map((g) => (
                <section key={g.domain} aria-labelledby={`groupe-${g.domain}`}>
                  <h3 id={`groupe-${g.domain}`}>{g.label}</h3>
                  <ul className="plain-list">
                    {g.activities.map((a) => (
                      <li key={a.code}>
                        <Link to={`/activites/${a.code}`}>{a.name}</Link>
                      </li>
                    ))}
                  </ul>
                </section>
              ))}
              <p>
                <Link to="/activites">Voir toutes les activités et chercher la vôtre</Link>
              </p>
            </>
          ),
        },
        {
          id: 'qui-les-propose',
          title: 'Qui rend ces services ?',
          content: (
            <>
              <p>Vous avez trois façons de faire, appelées « modes » :</p>
              <ul className="plain-list">
                <li>
                  <strong>{MODE_INFO.prestataire.label}</strong> : une structure (entreprise, association,
                  CCAS) emploie l’intervenant·e et vous facture le service.
                </li>
                <li>
                  <strong>{MODE_INFO.mandataire.label}</strong> : une structure trouve l’intervenant·e et fait
                  les papiers pour vous, mais c’est vous l’employeur.
                </li>
                <li>
                  <strong>{MODE_INFO.emploi_direct.label}</strong> : vous employez vous-même une personne, et
                  vous la déclarez avec le CESU.
                </li>
              </ul>
              <p>
                <Link to="/guide/modes">Comparer les trois modes</Link>
              </p>
            </>
          ),
        },
        {
          id: 'pourquoi',
          title: 'Ce que vous y gagnez',
          content: (
            <ul className="plain-list">
              <li>
                Un <strong>crédit d’impôt de {creditRate}</strong> de ce que vous payez, jusqu’à{' '}
                {euros(CEILINGS.base)} de dépenses par an dans le cas général. Même si vous ne payez pas
                d’impôt, l’argent vous est versé.{' '}
                <Link to="/guide/credit-impot">Tout sur le crédit d’impôt</Link>
              </li>
              <li>
                Avec l’<strong>avance immédiate</strong>, ce crédit est déduit tout de suite : vous ne payez
                que la moitié.
              </li>
              <li>
                Pour une personne âgée dépendante, l’<strong>APA</strong> du Département peut payer une partie
                de l’aide à domicile. <Link to="/guide/apa-pch">L’APA et la PCH</Link>
              </li>
            </ul>
          ),
        },
        {
          id: 'a-verifier',
          title: 'La condition : une structure déclarée',
          content: (
            <p>
              Pour avoir le crédit d’impôt, la structure doit être <strong>déclarée</strong> comme organisme
              de services à la personne. Pour garder ou accompagner un enfant de moins de 3 ans, ou pour aider
              une personne âgée ou handicapée dans les gestes de la vie quotidienne, elle doit aussi avoir un{' '}
              <strong>agrément</strong> de l’État ou une <strong>autorisation</strong> du Département, selon
              le mode. <Link to="/guide/choisir">Comment le vérifier</Link>
            </p>
          ),
        },
      ]}
      sources={[SOURCES.l7231_1, SOURCES.d7231_1, SOURCES.l7232_1, SOURCES.circulaire2025, SOURCES.cgi199]}
    />
  );
}

/** /guide/modes */
export function GuideModesPage() {
  const rows: { label: string; prestataire: string; mandataire: string; emploi_direct: string }[] = [
    {
      label: 'Qui est l’employeur ?',
      prestataire: MODE_INFO.prestataire.employer,
      mandataire: MODE_INFO.mandataire.employer,
      emploi_direct: MODE_INFO.emploi_direct.employer,
    },
    {
      label: 'Qui recrute ?',
      prestataire: 'La structure',
      mandataire: 'La structure vous propose quelqu’un ; vous décidez',
      emploi_direct: 'Vous',
    },
    {
      label: 'Ce que vous payez',
      prestataire: 'Une facture de la structure, à l’heure ou au forfait',
      mandataire: 'Le salaire et les cotisations (par le CESU), plus des frais de gestion à la structure',
      emploi_direct: 'Le salaire et les cotisations, par le CESU',
    },
    {
      label: 'Vos démarches',
      prestataire: 'Aucune démarche d’employeur',
      mandataire: 'La structure les fait pour vous, mais vous restez responsable',
      emploi_direct: 'Toutes : contrat, déclarations, congés, fin du contrat',
    },
    {
      label: 'Si l’intervenant·e est absent·e',
      prestataire: 'La structure cherche en général un remplacement',
      mandataire: 'La structure peut vous aider à trouver quelqu’un',
      emploi_direct: 'À vous de vous organiser',
    },
    {
      label: `Crédit d’impôt de ${creditRate}`,
      prestataire: 'Oui, si la structure est déclarée',
      mandataire: 'Oui, si la structure est déclarée',
      emploi_direct: 'Oui, si vous déclarez votre salarié (CESU)',
    },
  ];
  return (
    <GuideArticle
      slug="modes"
      intro={
        <p>
          Il y a trois façons de faire appel à un service à la personne. La grande différence :{' '}
          <strong>qui est l’employeur</strong> de la personne qui vient chez vous. Cela change ce que vous
          payez et ce que vous avez à faire.
        </p>
      }
      sections={[
        {
          id: 'prestataire',
          title: 'Prestataire : la structure s’occupe de tout',
          content: (
            <>
              <p>{MODE_INFO.prestataire.explanation}</p>
              <h3>Les avantages</h3>
              <ul className="plain-list">
                <li>Vous n’êtes pas employeur : pas de contrat de travail, pas de bulletin de salaire.</li>
                <li>La structure organise les plannings et, en général, les remplacements.</li>
                <li>Une seule facture par mois.</li>
              </ul>
              <h3>Les inconvénients</h3>
              <ul className="plain-list">
                <li>Le prix de l’heure est souvent plus élevé, car il comprend tout.</li>
                <li>Vous ne choisissez pas toujours la personne qui vient.</li>
              </ul>
            </>
          ),
        },
        {
          id: 'mandataire',
          title: 'Mandataire : vous êtes l’employeur, la structure vous aide',
          content: (
            <>
              <p>{MODE_INFO.mandataire.explanation}</p>
              <p className="alert alert-info">{MANDATAIRE_EMPLOYER_WARNING}</p>
              <h3>Les avantages</h3>
              <ul className="plain-list">
                <li>Vous choisissez la personne, et la structure fait les papiers.</li>
                <li>Le coût total est souvent moins élevé qu’en prestataire : comparez les devis.</li>
              </ul>
              <h3>Les inconvénients</h3>
              <ul className="plain-list">
                <li>
                  Vous avez les responsabilités d’un employeur, par exemple si le contrat doit s’arrêter.
                </li>
                <li>Vous payez deux choses : le salaire (et les cotisations) et les frais de gestion.</li>
              </ul>
              <p>
                Une variante existe : la <strong>mise à disposition</strong>. La structure emploie la personne
                et la met à votre disposition ; vous payez une facture, comme en prestataire.
              </p>
            </>
          ),
        },
        {
          id: 'emploi-direct',
          title: 'Emploi direct : vous employez vous-même',
          content: (
            <>
              <p>{MODE_INFO.emploi_direct.explanation}</p>
              <h3>Les avantages</h3>
              <ul className="plain-list">
                <li>Vous choisissez la personne et vous fixez ensemble les horaires.</li>
                <li>Pas de frais de structure.</li>
                <li>
                  La première année où vous employez quelqu’un directement, le plafond du crédit d’impôt passe
                  de {euros(CEILINGS.base)} à {euros(CEILINGS.firstYearDirect)}.
                </li>
              </ul>
              <h3>Les inconvénients</h3>
              <ul className="plain-list">
                <li>
                  Toutes les obligations de l’employeur sont pour vous : contrat, salaire, congés, fin du
                  contrat.
                </li>
                <li>Si la personne est malade ou en congé, c’est à vous de trouver une solution.</li>
              </ul>
              <p>
                <Link to="/guide/cesu">Comment déclarer avec le CESU</Link>
              </p>
            </>
          ),
        },
        {
          id: 'comparer',
          title: 'Les trois modes côte à côte',
          content: (
            <div className="table-scroll" role="region" aria-labelledby="comparer-caption" tabIndex={0}>
              <table className="guide-table">
                <caption id="comparer-caption">Comparaison des trois modes d’intervention</caption>
                <thead>
                  <tr>
                    <td />
                    <th scope="col">{MODE_INFO.prestataire.label}</th>
                    <th scope="col">{MODE_INFO.mandataire.label}</th>
                    <th scope="col">{MODE_INFO.emploi_direct.label}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.label}>
                      <th scope="row">{r.label}</th>
                      <td>{r.prestataire}</td>
                      <td>{r.mandataire}</td>
                      <td>{r.emploi_direct}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ),
        },
        {
          id: 'personnes-fragiles',
          title: 'Pour un jeune enfant ou une personne âgée ou handicapée',
          content: (
            <>
              <p>
                Pour protéger les personnes fragiles, certains services demandent à la structure une
                permission en plus de la déclaration :
              </p>
              <ul className="plain-list">
                <li>
                  <strong>
                    Garde ou accompagnement d’enfants de moins de 3 ans (ou d’enfants handicapés)
                  </strong>{' '}
                  : un {REGIME_INFO.agrement.label.toLowerCase()} de l’État, en prestataire comme en
                  mandataire.
                </li>
                <li>
                  <strong>
                    Aide aux personnes âgées ou handicapées dans la vie quotidienne, conduite de leur voiture,
                    accompagnement hors du domicile
                  </strong>{' '}
                  : une {REGIME_INFO.autorisation.label.toLowerCase()} du Département en prestataire ; un{' '}
                  {REGIME_INFO.agrement.label.toLowerCase()} de l’État en mandataire.
                </li>
              </ul>
              <p>
                Le ménage, les repas ou le jardinage chez une personne âgée ne demandent qu’une déclaration.
                En emploi direct, aucune permission n’est demandée : c’est vous l’employeur.
              </p>
            </>
          ),
        },
        {
          id: 'quel-mode',
          title: 'Quel mode choisir ?',
          content: (
            <ul className="plain-list">
              <li>Vous ne voulez aucune démarche : choisissez le mode prestataire.</li>
              <li>
                Vous voulez choisir la personne sans faire les papiers : le mode mandataire peut vous
                convenir.
              </li>
              <li>
                Vous connaissez déjà quelqu’un de confiance : l’emploi direct avec le CESU est le plus simple.
              </li>
              <li>
                Dans tous les cas, <Link to="/simulateur">comparez le coût avec le simulateur</Link>.
              </li>
            </ul>
          ),
        },
      ]}
      sources={[SOURCES.l7232_6, SOURCES.l7221_1, SOURCES.l7232_1, SOURCES.arrete2015, SOURCES.cgi199]}
    />
  );
}

/** /guide/cesu */
export function GuideCesuPage() {
  const childcare = getActivity('garde-enfants-plus-3-ans');
  return (
    <GuideArticle
      slug="cesu"
      intro={
        <p>
          Le CESU (chèque emploi service universel) est un service de l’Urssaf. Il existe sous deux formes qui
          n’ont pas grand-chose à voir : le <strong>CESU déclaratif</strong>, pour déclarer la personne que
          vous employez, et le <strong>CESU préfinancé</strong>, un titre de paiement souvent offert par un
          employeur.
        </p>
      }
      sections={[
        {
          id: 'cesu-declaratif',
          title: 'Le CESU déclaratif : pour déclarer votre salarié',
          content: (
            <>
              <p>
                Si vous employez vous-même quelqu’un chez vous (emploi direct, ou mandataire), le CESU
                déclaratif est votre outil d’employeur. Chaque mois, vous déclarez en ligne les heures et le
                salaire. L’Urssaf :
              </p>
              <ul className="plain-list">
                <li>calcule les cotisations sociales ;</li>
                <li>envoie le bulletin de salaire à votre salarié ;</li>
                <li>vous donne chaque année le relevé des sommes à reporter pour le crédit d’impôt.</li>
              </ul>
              <p>Déclarer votre salarié est obligatoire pour avoir le crédit d’impôt.</p>
              <h3>L’option Cesu+</h3>
              <p>
                Avec Cesu+, l’Urssaf verse aussi le salaire pour vous, et peut déduire tout de suite le crédit
                d’impôt : c’est l’<Link to="/guide/credit-impot#avance-immediate">avance immédiate</Link>.
              </p>
            </>
          ),
        },
        {
          id: 'cesu-prefinance',
          title: 'Le CESU préfinancé : un titre pour payer',
          content: (
            <>
              <p>
                Le CESU préfinancé ressemble à un titre-restaurant : un titre papier ou électronique, d’un
                montant fixé, payé tout ou en partie par quelqu’un d’autre (votre employeur, votre comité
                d’entreprise, une caisse de retraite, une mutuelle, le Département, un CCAS, la CAF…).
              </p>
              <p>
                Vous pouvez l’utiliser pour payer une structure déclarée ou une personne que vous employez
                directement.
              </p>
              <h3>Et pour le crédit d’impôt ?</h3>
              <p>Seule la part que vous avez payée vous-même compte pour le crédit d’impôt.</p>
              <p className="alert alert-info">{CESU_PREFINANCE_WARNING}</p>
            </>
          ),
        },
        {
          id: 'pajemploi',
          title: 'Pour la garde d’un jeune enfant : Pajemploi',
          content: (
            <p>
              Si vous employez quelqu’un pour garder un enfant de moins de 6 ans et que vous recevez le
              complément de libre choix du mode de garde (CMG) de la CAF ou de la MSA, vous déclarez avec{' '}
              <strong>Pajemploi</strong> et non avec le CESU. Pajemploi ne sert pas pour le ménage, l’aide aux
              personnes âgées ou le soutien scolaire. Voir aussi l’activité{' '}
              <Link to={`/activites/${childcare.code}`}>{childcare.name}</Link>.
            </p>
          ),
        },
        {
          id: 'en-resume',
          title: 'En résumé',
          content: (
            <div className="table-scroll" role="region" aria-labelledby="cesu-caption" tabIndex={0}>
              <table className="guide-table">
                <caption id="cesu-caption">CESU déclaratif et CESU préfinancé</caption>
                <thead>
                  <tr>
                    <td />
                    <th scope="col">CESU déclaratif</th>
                    <th scope="col">CESU préfinancé</th>
                  </tr>
                </thead>
                <tbody>
                  <tr>
                    <th scope="row">À quoi il sert</th>
                    <td>Déclarer la personne que vous employez</td>
                    <td>Payer un service</td>
                  </tr>
                  <tr>
                    <th scope="row">Pour qui</th>
                    <td>Les particuliers employeurs</td>
                    <td>Toute personne qui en reçoit (salarié, retraité…)</td>
                  </tr>
                  <tr>
                    <th scope="row">Qui paie</th>
                    <td>Vous</td>
                    <td>En tout ou partie, celui qui vous le donne</td>
                  </tr>
                  <tr>
                    <th scope="row">Crédit d’impôt</th>
                    <td>Sur ce que vous payez</td>
                    <td>Seulement sur la part payée par vous</td>
                  </tr>
                </tbody>
              </table>
            </div>
          ),
        },
      ]}
      sources={[SOURCES.cesu, SOURCES.l7221_1, SOURCES.cgi199, SOURCES.d7233_3, SOURCES.d7233_4]}
    />
  );
}
