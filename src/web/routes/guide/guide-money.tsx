import { Link } from 'react-router';
import { APA_MIN_AGE, APA_PARTICIPATION_RULES, GIR_LEVELS, isApaGir, type ApaGir } from '../../../domain/apa';
import { taxCertificateDeadline } from '../../../domain/invoice';
import { formatDuration, formatEuros, formatRate } from '../../../domain/money';
import { PAYMENT_MEANS_LABELS, computeTaxCeiling } from '../../../domain/tax-credit';
import { GuideArticle, SOURCES } from './GuideArticle';
import {
  APA_CEILINGS_LATEST,
  APA_LATEST_YEAR,
  AVANCE_IMMEDIATE_VALIDATION_HOURS,
  CEILINGS,
  DEPENDENT_ONLY_ACTIVITIES,
  EXAMPLE,
  OFFRE_GLOBALE_ACTIVITIES,
  SUB_CEILING_ACTIVITIES,
  creditRate,
  euros,
  exampleResult,
  lowerFirst,
  maxCredit,
} from './guide-figures';
import { formatFrenchDate } from './guide-pages';

const EXAMPLE_YEAR = APA_LATEST_YEAR;
/** « 31 mars 2026 » for the services of the example year, and « 31 mars » for any year. */
const CERTIFICATE_DEADLINE = formatFrenchDate(taxCertificateDeadline(EXAMPLE_YEAR));
const CERTIFICATE_DAY = CERTIFICATE_DEADLINE.replace(/ \d{4}$/, '');
const APA_GIRS: ApaGir[] = GIR_LEVELS.filter(isApaGir);
const OTHER_GIRS = GIR_LEVELS.filter((g) => !isApaGir(g));
/** « 1, 2, 3 ou 4 ». */
const orList = (items: readonly number[]) => `${items.slice(0, -1).join(', ')} ou ${String(items.at(-1))}`;

/** /guide/credit-impot */
export function GuideTaxCreditPage() {
  const withAvance = exampleResult(true);
  const withoutAvance = exampleResult(false);
  const acceptedMeans = (
    [
      'carte_bancaire',
      'prelevement',
      'virement',
      'tip',
      'cheque',
      'cesu_declaratif',
      'cesu_prefinance',
    ] as const
  ).map((m) => lowerFirst(PAYMENT_MEANS_LABELS[m]));
  return (
    <GuideArticle
      slug="credit-impot"
      intro={
        <p>
          Quand vous payez un service à la personne, l’État vous rend {creditRate} de ce que vous avez payé,
          sous forme de crédit d’impôt. Avec l’avance immédiate, vous n’avancez même pas cet argent : vous ne
          payez que l’autre moitié.
        </p>
      }
      sections={[
        {
          id: 'principe',
          title: `Le principe : ${creditRate} de ce que vous payez`,
          content: (
            <>
              <p>
                Le crédit d’impôt est égal à{' '}
                <strong>{creditRate} des sommes que vous avez vraiment payées</strong>, une fois déduites les
                aides reçues (APA, PCH, complément de garde de la CAF, part du CESU préfinancé payée par votre
                employeur…).
              </p>
              <p>
                C’est un <strong>crédit</strong> et non une simple réduction : si vous ne payez pas d’impôt,
                ou moins que le crédit, l’administration fiscale vous verse la différence. Tous les foyers y
                ont droit, quels que soient leur âge et leurs revenus, qu’ils travaillent ou non.
              </p>
              <p>
                Le service doit être rendu chez vous (résidence principale ou secondaire, en France), ou chez
                un parent âgé d’au moins {APA_MIN_AGE} ans, par une structure déclarée ou par une personne que
                vous employez et déclarez.
              </p>
            </>
          ),
        },
        {
          id: 'plafonds',
          title: 'Les plafonds par an',
          content: (
            <>
              <p>
                Les dépenses comptent jusqu’à un plafond par an et par foyer fiscal. Le crédit d’impôt est
                donc au plus la moitié de ce plafond.
              </p>
              <div className="table-scroll" role="region" aria-labelledby="plafonds-caption" tabIndex={0}>
                <table className="guide-table">
                  <caption id="plafonds-caption">Plafond des dépenses retenues, par an et par foyer</caption>
                  <thead>
                    <tr>
                      <th scope="col">Votre situation</th>
                      <th scope="col">Plafond de base</th>
                      <th scope="col">Majorations</th>
                      <th scope="col">Plafond au plus</th>
                      <th scope="col">Crédit d’impôt au plus</th>
                    </tr>
                  </thead>
                  <tbody>
                    <tr>
                      <th scope="row">Cas général</th>
                      <td>{euros(CEILINGS.base)}</td>
                      <td>
                        + {euros(CEILINGS.increment)} par enfant à charge (
                        {euros(CEILINGS.sharedResidenceIncrement)} en résidence alternée), par membre du foyer
                        de plus de 65 ans, par parent de plus de 65 ans qui pourrait avoir l’APA et que vous
                        aidez chez lui
                      </td>
                      <td>{euros(CEILINGS.baseMax)}</td>
                      <td>{euros(maxCredit(CEILINGS.baseMax))}</td>
                    </tr>
                    <tr>
                      <th scope="row">Première année où vous employez directement un salarié à domicile</th>
                      <td>{euros(CEILINGS.firstYearDirect)}</td>
                      <td>Les mêmes</td>
                      <td>{euros(CEILINGS.firstYearDirectMax)}</td>
                      <td>{euros(maxCredit(CEILINGS.firstYearDirectMax))}</td>
                    </tr>
                    <tr>
                      <th scope="row">
                        Un membre du foyer a une carte d’invalidité (ou équivalent) et a besoin de l’aide
                        d’une tierce personne
                      </th>
                      <td>{euros(CEILINGS.invalidity)}</td>
                      <td>Aucune</td>
                      <td>{euros(CEILINGS.invalidity)}</td>
                      <td>{euros(maxCredit(CEILINGS.invalidity))}</td>
                    </tr>
                  </tbody>
                </table>
              </div>
              <p>
                Exemple : un couple dont les deux membres ont plus de 65 ans a un plafond de{' '}
                {euros(
                  computeTaxCeiling(
                    {
                      dependentChildren: 0,
                      membersOver65: 2,
                      invalidity: false,
                      firstYearDirectEmployment: false,
                    },
                    false,
                  ).amountCents,
                )}
                .
              </p>
              <p className="hint">
                Le plafond de la première année ne concerne que l’emploi direct, pas les services achetés à
                une structure.
              </p>
            </>
          ),
        },
        {
          id: 'plafonds-activite',
          title: 'Trois activités ont leur propre plafond',
          content: (
            <>
              <p>Pour ces activités, les dépenses ne comptent que jusqu’à un montant par an et par foyer :</p>
              <ul className="plain-list">
                {SUB_CEILING_ACTIVITIES.map((a) => (
                  <li key={a.code}>
                    <Link to={`/activites/${a.code}`}>{a.name}</Link> : {euros(a.taxSubCeilingCents)} de
                    dépenses par an
                    {a.maxInterventionMinutes !== null &&
                      `, et chaque intervention doit durer ${formatDuration(a.maxInterventionMinutes)} au plus`}
                    .
                  </li>
                ))}
              </ul>
            </>
          ),
        },
        {
          id: 'conditions',
          title: 'Ce qui ne compte pas',
          content: (
            <>
              <h3>Les paiements en espèces</h3>
              <p>
                Une facture payée en espèces n’ouvre <strong>pas</strong> droit au crédit d’impôt. Payez par :{' '}
                {acceptedMeans.join(', ')}, ou avec l’avance immédiate.
              </p>
              <h3>Certains services vendus seuls</h3>
              <p>
                Ces activités ne comptent que si la structure les propose avec des services rendus chez vous
                (on parle d’« offre globale ») :
              </p>
              <ul className="plain-list">
                {OFFRE_GLOBALE_ACTIVITIES.map((a) => (
                  <li key={a.code}>
                    <Link to={`/activites/${a.code}`}>{a.name}</Link>
                    {a.offreGlobaleException ? ` — ${a.offreGlobaleException}` : ''}
                  </li>
                ))}
              </ul>
              <h3>Des services réservés aux personnes dépendantes</h3>
              <p>Ces services ne comptent que pour une personne âgée dépendante ou handicapée :</p>
              <ul className="plain-list">
                {DEPENDENT_ONLY_ACTIVITIES.map((a) => (
                  <li key={a.code}>
                    <Link to={`/activites/${a.code}`}>{a.name}</Link>
                  </li>
                ))}
              </ul>
              <h3>Les aides reçues</h3>
              <p>
                L’APA, la PCH et les autres aides sont déduites : le crédit porte sur ce qui reste à votre
                charge.
              </p>
            </>
          ),
        },
        {
          id: 'avance-immediate',
          title: 'L’avance immédiate : ne payer que la moitié',
          content: (
            <>
              <p>
                L’avance immédiate est un service gratuit et facultatif de l’Urssaf et des impôts. Le crédit
                d’impôt est déduit <strong>à chaque facture</strong> au lieu d’arriver l’année suivante.
              </p>
              <h3>Comment ça marche, étape par étape</h3>
              <ol className="guide-steps">
                <li>
                  Votre structure (ou votre mandataire, ou le Cesu+ si vous employez directement) vous propose
                  l’avance immédiate. Vous lui donnez une fois votre état civil, votre adresse et votre IBAN.
                </li>
                <li>
                  L’Urssaf vérifie votre identité avec les impôts et vous envoie un e-mail pour activer votre
                  espace sur particulier.urssaf.fr.
                </li>
                <li>
                  Après les interventions du mois, la structure envoie sa demande de paiement à l’Urssaf. Vous
                  recevez un message (e-mail ou SMS).
                </li>
                <li>
                  Vous avez {AVANCE_IMMEDIATE_VALIDATION_HOURS} heures pour valider ou contester la demande
                  sur votre espace. Sans réponse de votre part, elle est considérée comme validée.
                </li>
                <li>
                  L’Urssaf prélève sur votre compte <strong>seulement votre part</strong> (la moitié, si tout
                  est éligible) et paie la totalité à la structure. Vous ne payez rien d’autre à la structure
                  pour cette facture.
                </li>
                <li>
                  Vous suivez sur votre espace Urssaf ce qu’il vous reste avant le plafond. Votre déclaration
                  de revenus est préremplie.
                </li>
              </ol>
              <h3>Qui peut en profiter ?</h3>
              <ul className="plain-list">
                <li>Les foyers qui ont déjà fait au moins une déclaration de revenus.</li>
                <li>Avec un compte bancaire pour le prélèvement.</li>
                <li>Si votre structure propose ce service : demandez-le lui.</li>
              </ul>
              <p>
                À ce jour, l’avance immédiate n’est en principe pas encore ouverte aux personnes dont l’aide
                est payée en partie par l’APA ou la PCH : renseignez-vous auprès de votre structure. La garde
                d’un enfant de moins de 6 ans avec le complément de garde de la CAF passe, elle, par
                Pajemploi.
              </p>
            </>
          ),
        },
        {
          id: 'exemple',
          title: 'Un exemple chiffré',
          content: (
            <>
              <p>
                Un couple de retraités fait venir une aide ménagère {EXAMPLE.hoursPerMonth} heures par mois, à{' '}
                {formatEuros(EXAMPLE.hourlyPriceCents)} de l’heure.
              </p>
              <ul className="plain-list">
                <li>Prix des services : {formatEuros(withAvance.monthly.grossCents)} par mois.</li>
                <li>
                  Crédit d’impôt : {formatEuros(withAvance.monthly.taxCreditCents)} par mois (
                  {formatEuros(withAvance.yearly.taxCreditCents)} par an).
                </li>
                <li>
                  <strong>Avec l’avance immédiate</strong>, le couple paie{' '}
                  {formatEuros(withAvance.monthly.paidNowCents)} par mois, et c’est tout.
                </li>
                <li>
                  <strong>Sans l’avance immédiate</strong>, il paie{' '}
                  {formatEuros(withoutAvance.monthly.paidNowCents)} par mois, puis reçoit{' '}
                  {formatEuros(withoutAvance.yearly.refundedLaterCents)} l’année suivante.
                </li>
              </ul>
              <p>
                <Link to="/simulateur">Faire le calcul pour votre situation</Link>
              </p>
            </>
          ),
        },
        {
          id: 'attestation',
          title: 'L’attestation fiscale',
          content: (
            <p>
              Chaque année, la structure vous envoie une attestation fiscale avant le {CERTIFICATE_DAY} de
              l’année suivante (par exemple, au plus tard le {CERTIFICATE_DEADLINE} pour les services de{' '}
              {EXAMPLE_YEAR}). Elle indique ce que vous avez payé, aides déduites. Gardez-la : elle sert pour
              votre déclaration de revenus. Ces règles sont celles en vigueur à la date de mise à jour de
              cette page ; la loi de finances peut les changer chaque année.
            </p>
          ),
        },
      ]}
      sources={[
        SOURCES.cgi199,
        SOURCES.lf2017,
        SOURCES.d7233_5,
        SOURCES.d7233_3,
        SOURCES.d7233_4,
        SOURCES.avanceImmediate,
      ]}
    />
  );
}

/** /guide/apa-pch */
export function GuideApaPchPage() {
  return (
    <GuideArticle
      slug="apa-pch"
      intro={
        <p>
          Quand une personne perd en autonomie, le Département peut l’aider à payer l’aide à domicile : c’est
          l’
          <strong>APA</strong> à partir de {APA_MIN_AGE} ans, et la <strong>PCH</strong> pour les personnes
          handicapées.
        </p>
      }
      sections={[
        {
          id: 'apa',
          title: 'L’APA : allocation personnalisée d’autonomie',
          content: (
            <>
              <p>L’APA aide les personnes qui :</p>
              <ul className="plain-list">
                <li>ont {APA_MIN_AGE} ans ou plus ;</li>
                <li>vivent en France ;</li>
                <li>
                  ont besoin d’aide pour les gestes de la vie quotidienne, c’est-à-dire qui sont évaluées en{' '}
                  <strong>GIR {orList(APA_GIRS)}</strong>.
                </li>
              </ul>
              <p>
                Elle est versée par le <strong>Département</strong>. Il n’y a pas de condition de revenus pour
                y avoir droit, mais une participation peut rester à votre charge selon vos ressources.
              </p>
            </>
          ),
        },
        {
          id: 'gir',
          title: 'Le GIR, c’est quoi ?',
          content: (
            <>
              <p>
                Le GIR mesure le besoin d’aide, de {GIR_LEVELS[0]} à {GIR_LEVELS.at(-1)}, avec une grille
                nationale appelée AGGIR. Le GIR {GIR_LEVELS[0]} correspond aux personnes qui ont le plus
                besoin d’aide. En GIR {orList(OTHER_GIRS)}, il n’y a pas d’APA, mais la caisse de retraite
                peut aider à payer une aide à domicile.
              </p>
            </>
          ),
        },
        {
          id: 'demarches',
          title: 'Les démarches, étape par étape',
          content: (
            <ol className="guide-steps">
              <li>
                Vous faites la demande au Département, avec un formulaire unique qui sert aussi pour l’aide
                des caisses de retraite.
              </li>
              <li>Une équipe du Département vient à domicile pour évaluer les besoins et le GIR.</li>
              <li>
                Elle propose un <strong>plan d’aide</strong> : des heures d’aide à domicile, la
                téléassistance, le portage de repas, l’accueil de jour…
              </li>
              <li>Le Département décide du montant et de la participation qui reste à votre charge.</li>
              <li>L’APA est versée chaque mois, souvent directement à la structure d’aide à domicile.</li>
            </ol>
          ),
        },
        {
          id: 'montants',
          title: 'Les montants',
          content: (
            <>
              <div className="table-scroll" role="region" aria-labelledby="apa-caption" tabIndex={0}>
                <table className="guide-table">
                  <caption id="apa-caption">
                    Montant maximum du plan d’aide par mois, en {APA_LATEST_YEAR}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">GIR</th>
                      <th scope="col">Plan d’aide au plus, par mois</th>
                    </tr>
                  </thead>
                  <tbody>
                    {APA_GIRS.map((g) => (
                      <tr key={g}>
                        <th scope="row">GIR {g}</th>
                        <td>{formatEuros(APA_CEILINGS_LATEST[g])}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <p>
                La <strong>participation</strong> dépend des ressources : rien à payer pour les plus petites
                ressources, jusqu’à {formatRate(APA_PARTICIPATION_RULES.maxRateBp)} du plan pour les plus
                élevées. Le Département vous indique le montant exact dans sa décision.
              </p>
            </>
          ),
        },
        {
          id: 'apa-et-services',
          title: 'L’APA et les services à la personne',
          content: (
            <ul className="plain-list">
              <li>
                L’APA peut payer une structure prestataire, un service mandataire ou une personne que vous
                employez directement avec le CESU. Elle ne peut pas payer votre conjoint.
              </li>
              <li>
                Le crédit d’impôt porte sur <strong>ce qui reste à votre charge</strong>, APA déduite.{' '}
                <Link to="/guide/credit-impot">Le crédit d’impôt</Link>
              </li>
              <li>
                Le simulateur calcule la part de l’APA si vous indiquez le montant de votre plan d’aide.{' '}
                <Link to="/simulateur">Ouvrir le simulateur</Link>
              </li>
            </ul>
          ),
        },
        {
          id: 'pch',
          title: 'La PCH : prestation de compensation du handicap',
          content: (
            <>
              <p>
                La PCH aide les personnes handicapées. La demande se fait à la <strong>MDPH</strong> (maison
                départementale des personnes handicapées). Une commission (la CDAPH) décide, et le Département
                paie. Le handicap doit en principe être apparu avant {APA_MIN_AGE} ans (ou la personne
                travaille encore après cet âge).
              </p>
              <h3>Ce que la PCH paie, et ce qu’elle ne paie pas</h3>
              <p>
                Son volet « aide humaine » paie des heures d’aide pour les gestes essentiels : se laver,
                s’habiller, manger, aller aux toilettes, se déplacer ; et aussi la surveillance et la
                participation à la vie sociale.
              </p>
              <p>
                Elle ne paie <strong>pas</strong> le ménage, les courses ni la préparation des repas.
              </p>
              <p>
                Le tarif de l’heure payée par la PCH dépend du mode choisi (emploi direct, mandataire,
                prestataire ou aidant familial). Demandez les montants à jour à votre MDPH.
              </p>
            </>
          ),
        },
      ]}
      sources={[SOURCES.casfApa, SOURCES.casfL313, SOURCES.decret2023, SOURCES.pch, SOURCES.cgi199]}
    />
  );
}
