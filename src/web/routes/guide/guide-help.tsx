import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { APA_MIN_AGE } from '../../../domain/apa';
import {
  INVOICE_MENTIONS,
  QUOTE_REQUIREMENTS,
  QUOTE_STANDARD_SENTENCE,
  QUOTE_THRESHOLD_MONTHLY_TTC_CENTS,
  type InvoiceMentionCode,
  type QuoteRequirementCode,
} from '../../../domain/invoice';
import { MODE_INFO } from '../../../domain/organisation';
import { GuideArticle, SOURCES } from './GuideArticle';
import {
  ACTIVITY_COUNT,
  AVANCE_IMMEDIATE_VALIDATION_HOURS,
  CEILINGS,
  SUB_CEILING_ACTIVITIES,
  creditRate,
  euros,
  lowerFirst,
  maxCredit,
} from './guide-figures';

/** What a household should find on an invoice (a subset of D7233-1, in the domain's words). */
const INVOICE_CHECKS: InvoiceMentionCode[] = [
  'declaration_number',
  'service_nature',
  'worker_id',
  'hourly_rate_or_flat_price',
  'time_breakdown',
  'travel_costs',
  'amount_paid',
];

/** What a household should find on a quote (arrêté du 17 mars 2015). */
const QUOTE_CHECKS: QuoteRequirementCode[] = [
  'registration_number',
  'service_mode',
  'price_ht_ttc',
  'annex_fees',
  'free_of_charge',
  'mandataire_warning',
];

/** /guide/choisir */
export function GuideChoosePage() {
  return (
    <GuideArticle
      slug="choisir"
      intro={
        <p>
          Avant de confier votre maison, vos enfants ou un parent à une structure, quelques vérifications
          simples vous protègent et vous garantissent le crédit d’impôt.
        </p>
      }
      sections={[
        {
          id: 'declaration',
          title: 'Vérifiez que la structure est déclarée',
          content: (
            <>
              <p>
                Une structure <strong>déclarée</strong> comme organisme de services à la personne vous ouvre
                le crédit d’impôt de {creditRate}. Son numéro de déclaration figure sur ses devis et ses
                factures. Sans déclaration, pas de crédit d’impôt.
              </p>
              <p>
                Dans l’<Link to="/annuaire">annuaire ProxiDom</Link>, chaque structure indique ses activités
                et ses modes d’intervention.
              </p>
            </>
          ),
        },
        {
          id: 'agrement-autorisation',
          title: 'Pour les personnes fragiles : agrément ou autorisation',
          content: (
            <>
              <p>Certaines activités demandent en plus une permission de l’État ou du Département :</p>
              <ul className="plain-list">
                <li>
                  <strong>Garde ou accompagnement d’enfants de moins de 3 ans</strong>, ou d’enfants
                  handicapés : la structure doit avoir un <strong>agrément</strong> de l’État.
                </li>
                <li>
                  <strong>Aide aux personnes âgées ou handicapées</strong>, conduite de leur voiture,
                  accompagnement hors du domicile : en mode {MODE_INFO.prestataire.label.toLowerCase()}, la
                  structure doit avoir une <strong>autorisation</strong> du Département (on parle de « service
                  autonomie à domicile ») ; en mode {MODE_INFO.mandataire.label.toLowerCase()}, un{' '}
                  <strong>agrément</strong> de l’État.
                </li>
              </ul>
              <p>
                Le ménage, les repas ou le jardinage chez une personne âgée ne demandent qu’une déclaration.
              </p>
              <p>
                Chaque page d’activité dit ce qui est demandé.{' '}
                <Link to="/activites">Voir les {ACTIVITY_COUNT} activités</Link>
              </p>
            </>
          ),
        },
        {
          id: 'devis',
          title: 'Demandez un devis',
          content: (
            <>
              <p>
                Un devis gratuit et personnalisé est <strong>obligatoire</strong> dès que le prix atteint{' '}
                {euros(QUOTE_THRESHOLD_MONTHLY_TTC_CENTS)} TTC par mois, et toujours si vous le demandez. La
                structure doit l’indiquer, par exemple ainsi :
              </p>
              <blockquote className="guide-quote">
                <p>{QUOTE_STANDARD_SENTENCE}</p>
              </blockquote>
              <p>Sur le devis, vérifiez :</p>
              <ul className="plain-list">
                {QUOTE_CHECKS.map((code) => (
                  <li key={code}>{QUOTE_REQUIREMENTS[code]}</li>
                ))}
              </ul>
            </>
          ),
        },
        {
          id: 'prix',
          title: 'Comparez les prix, tous frais compris',
          content: (
            <ul className="plain-list">
              <li>
                Le prix doit être affiché hors taxes et toutes taxes comprises, à l’heure ou au forfait.
              </li>
              <li>
                Tous les frais doivent être annoncés : frais de dossier, de gestion, de déplacement.
                Demandez-les s’ils manquent.
              </li>
              <li>
                Le crédit d’impôt doit être présenté à part du prix : comparez les prix avant crédit d’impôt,
                puis calculez votre coût réel avec le <Link to="/simulateur">simulateur</Link>.
              </li>
              <li>
                En mode {MODE_INFO.mandataire.label.toLowerCase()}, additionnez le salaire, les cotisations et
                les frais de gestion.
              </li>
            </ul>
          ),
        },
        {
          id: 'questions',
          title: 'Les questions à poser',
          content: (
            <ul className="plain-list">
              <li>
                Êtes-vous déclarés ? Avez-vous l’agrément ou l’autorisation nécessaire pour ce service ?
              </li>
              <li>Qui sera l’employeur de la personne qui viendra : vous ou moi ?</li>
              <li>Viendra-t-il toujours la même personne ? Comment est-elle formée ?</li>
              <li>Que se passe-t-il si elle est malade ou en congé ? Qui la remplace ?</li>
              <li>Quel est le prix de l’heure, et y a-t-il d’autres frais ?</li>
              <li>Proposez-vous l’avance immédiate du crédit d’impôt ?</li>
              <li>Comment puis-je vous joindre, et comment arrêter le contrat ?</li>
              <li>Pour une personne âgée : travaillez-vous avec le Département pour l’APA ?</li>
            </ul>
          ),
        },
        {
          id: 'labels',
          title: 'Les labels et certifications',
          content: (
            <p>
              Certaines structures affichent un label ou une certification de qualité. Ils sont volontaires :
              ils ne remplacent ni la déclaration, ni l’agrément, ni l’autorisation. Demandez ce que le label
              vérifie et qui le délivre.
            </p>
          ),
        },
        {
          id: 'facture',
          title: 'Sur chaque facture',
          content: (
            <>
              <p>La facture doit notamment indiquer :</p>
              <ul className="plain-list">
                {INVOICE_CHECKS.map((code) => (
                  <li key={code}>{INVOICE_MENTIONS[code].label}</li>
                ))}
              </ul>
              <p>
                Ne payez jamais en espèces : vous perdriez le crédit d’impôt. Chaque année, la structure vous
                envoie une attestation fiscale.
              </p>
            </>
          ),
        },
      ]}
      sources={[
        SOURCES.l7232_1,
        SOURCES.casfL313,
        SOURCES.decret2023,
        SOURCES.arrete2023,
        SOURCES.arrete2015,
        SOURCES.d7233_1,
        SOURCES.d7233_3,
      ]}
    />
  );
}

function Question({ id, question, children }: { id: string; question: string; children: ReactNode }) {
  return (
    <div className="guide-faq-item">
      <h3 id={id}>{question}</h3>
      {children}
    </div>
  );
}

/** /guide/faq */
export function GuideFaqPage() {
  return (
    <GuideArticle
      slug="faq"
      intro={
        <p>
          Les réponses courtes aux questions les plus fréquentes. Chaque réponse renvoie vers la page qui
          détaille.
        </p>
      }
      sections={[
        {
          id: 'faq-credit',
          title: 'Le crédit d’impôt',
          content: (
            <>
              <Question
                id="q-pas-impot"
                question="Je ne paie pas d’impôt sur le revenu. Ai-je droit au crédit d’impôt ?"
              >
                <p>
                  Oui. C’est un crédit : si vous ne payez pas d’impôt, l’administration fiscale vous verse la
                  somme. <Link to="/guide/credit-impot#principe">Le principe</Link>
                </p>
              </Question>
              <Question id="q-combien" question="Combien puis-je récupérer au plus ?">
                <p>
                  Dans le cas général, {creditRate} de {euros(CEILINGS.base)} de dépenses, soit{' '}
                  {euros(maxCredit(CEILINGS.base))} par an, et jusqu’à {euros(maxCredit(CEILINGS.baseMax))}{' '}
                  avec les majorations (enfants, personnes de plus de 65 ans). Avec une carte d’invalidité,
                  jusqu’à {euros(maxCredit(CEILINGS.invalidity))}.{' '}
                  <Link to="/guide/credit-impot#plafonds">Les plafonds</Link>
                </p>
              </Question>
              <Question id="q-especes" question="Puis-je payer en espèces ?">
                <p>Vous pouvez, mais vous perdez alors le crédit d’impôt sur cette facture.</p>
              </Question>
              <Question id="q-jardin" question="Le jardinage et le bricolage comptent-ils ?">
                <p>
                  Oui, dans une limite par an :{' '}
                  {SUB_CEILING_ACTIVITIES.map(
                    (a) => `${lowerFirst(a.name)} : ${euros(a.taxSubCeilingCents)}`,
                  ).join(' ; ')}
                  . <Link to="/guide/credit-impot#plafonds-activite">Les plafonds par activité</Link>
                </p>
              </Question>
              <Question id="q-avance" question="Dois-je attendre un an pour récupérer l’argent ?">
                <p>
                  Non, si votre structure propose l’avance immédiate : le crédit est déduit à chaque facture.
                  Vous avez {AVANCE_IMMEDIATE_VALIDATION_HOURS} heures pour valider chaque demande.{' '}
                  <Link to="/guide/credit-impot#avance-immediate">L’avance immédiate</Link>
                </p>
              </Question>
            </>
          ),
        },
        {
          id: 'faq-employer',
          title: 'Employer quelqu’un ou passer par une structure',
          content: (
            <>
              <Question id="q-employeur" question="Qui est l’employeur de la personne qui vient chez moi ?">
                <p>
                  En mode prestataire, c’est la structure. En mode mandataire et en emploi direct, c’est vous.{' '}
                  <Link to="/guide/modes">Les trois modes</Link>
                </p>
              </Question>
              <Question id="q-cesu" question="Comment déclarer une personne que j’emploie ?">
                <p>
                  Avec le CESU déclaratif, en ligne sur le site de l’Urssaf. Pour la garde d’un jeune enfant
                  avec le complément de la CAF, avec Pajemploi. <Link to="/guide/cesu">Le CESU</Link>
                </p>
              </Question>
              <Question
                id="q-cesu-prefinance"
                question="Mon employeur me donne des CESU. Comment les utiliser ?"
              >
                <p>
                  Ce sont des CESU préfinancés : vous pouvez payer une structure déclarée ou votre salarié
                  avec. Pour le crédit d’impôt, ne comptez que la part que vous avez payée vous-même.
                </p>
              </Question>
            </>
          ),
        },
        {
          id: 'faq-aides',
          title: 'Les aides pour les personnes âgées ou handicapées',
          content: (
            <>
              <Question id="q-apa" question="Mon père a besoin d’aide chez lui. Qui peut aider à payer ?">
                <p>
                  S’il a {APA_MIN_AGE} ans ou plus et qu’il a besoin d’aide au quotidien, il peut demander
                  l’APA au Département. Sinon, sa caisse de retraite peut aider.{' '}
                  <Link to="/guide/apa-pch">L’APA et la PCH</Link>
                </p>
              </Question>
              <Question id="q-pch-menage" question="La PCH paie-t-elle le ménage ?">
                <p>
                  Non. La PCH paie l’aide pour les gestes essentiels (toilette, habillage, repas,
                  déplacements), pas le ménage ni les courses.
                </p>
              </Question>
              <Question id="q-apa-credit" question="Ai-je droit au crédit d’impôt si je reçois l’APA ?">
                <p>Oui, sur la part qui reste à votre charge une fois l’APA déduite.</p>
              </Question>
            </>
          ),
        },
        {
          id: 'faq-pratique',
          title: 'En pratique',
          content: (
            <>
              <Question id="q-devis" question="La structure doit-elle me faire un devis ?">
                <p>
                  Oui, gratuitement, dès {euros(QUOTE_THRESHOLD_MONTHLY_TTC_CENTS)} TTC par mois, ou si vous
                  le demandez. <Link to="/guide/choisir#devis">Le devis</Link>
                </p>
              </Question>
              <Question id="q-trouver" question="Comment trouver une structure près de chez moi ?">
                <p>
                  Cherchez dans l’<Link to="/annuaire">annuaire</Link> par activité et par commune, puis
                  comparez les prix avec le <Link to="/simulateur">simulateur</Link>.
                </p>
              </Question>
            </>
          ),
        },
      ]}
      sources={[
        SOURCES.cgi199,
        SOURCES.l7232_6,
        SOURCES.d7233_3,
        SOURCES.d7233_5,
        SOURCES.arrete2015,
        SOURCES.casfApa,
        SOURCES.cesu,
      ]}
    />
  );
}
