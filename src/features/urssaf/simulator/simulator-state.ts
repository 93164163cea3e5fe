/**
 * The state machine of the Urssaf simulator, apart from HTTP. Time is the injected clock plus the hours added
 * through the control API, so a test or the demo can let 48 hours pass at once.
 *
 * A request moves: 10 « Intégrée » when received → 20 « En attente de validation » as soon as the client is
 * notified (at once) → 30 « Validée » when the client validates, or 48 h after 20 with no answer → 50
 * « Prélevée » 24 h after 30 (the SEPA debit of the client's part) → 70 « Payée » 24 h after 50 (transfer of
 * the whole invoice to the provider, with infoVirement). A contest gives 40 « Refusée » with its reason code;
 * a bounced debit gives 60 « En refus de prélèvement ».
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../../shared/clock';
import {
  MOBILE_PHONE_RE,
  URSSAF_REJECTION_REASONS,
  URSSAF_STATUSES,
  isValidBic,
  isValidIban,
  type InfoDemandePaiement,
  type InputDemandePaiement,
  type InputParticulier,
  type InputRechercheDemandePaiement,
  type OutputDemandePaiement,
  type UrssafError,
} from '../urssaf.types';

const HOUR = 3_600_000;
export const VALIDATION_DELAY_MS = 48 * HOUR;
export const DEBIT_DELAY_MS = 24 * HOUR;
export const TRANSFER_DELAY_MS = 24 * HOUR;

interface Particulier {
  idClient: string;
  input: InputParticulier;
  createdAt: number;
}

interface Demande {
  idDemandePaiement: string;
  input: InputDemandePaiement;
  receivedAt: number;
  notifiedAt: number;
  validatedAt: number | null;
  debitedAt: number | null;
  paidAt: number | null;
  status: string;
  rejection: { code: string; commentaire: string } | null;
}

const err = (code: string, message: string, description?: string): UrssafError => ({
  code,
  message,
  ...(description ? { description } : {}),
});
const isDate = (v: unknown): v is string =>
  typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`));
const text = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;
/** A non-negative amount in euros, to the cent. */
const amount = (v: unknown): v is number =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 && Math.abs(v * 100 - Math.round(v * 100)) < 1e-6;
const near = (a: number, b: number) => Math.abs(a - b) < 0.015;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function validateParticulier(input: unknown): UrssafError[] {
  const p = (input ?? {}) as Partial<InputParticulier>;
  const out: UrssafError[] = [];
  if (p.civilite !== '1' && p.civilite !== '2')
    out.push(err('ERR_CIVILITE', 'La civilité vaut « 1 » (homme) ou « 2 » (femme).'));
  if (!text(p.nomNaissance)) out.push(err('ERR_NOM_NAISSANCE', 'Le nom de naissance est obligatoire.'));
  if (!text(p.prenoms)) out.push(err('ERR_PRENOMS', 'Les prénoms sont obligatoires.'));
  if (!isDate(p.dateNaissance) || Date.parse(p.dateNaissance) > Date.now())
    out.push(err('ERR_DATE_NAISSANCE', 'La date de naissance est invalide.'));
  const lieu = p.lieuNaissance;
  if (!lieu || !/^\d{5}$/.test(lieu.codePaysNaissance ?? ''))
    out.push(err('ERR_LIEU_NAISSANCE', 'Le code pays de naissance (INSEE, 5 chiffres) est obligatoire.'));
  else if (
    lieu.codePaysNaissance === '99100' &&
    (!text(lieu.departementNaissance) || !text(lieu.communeNaissance?.codeCommune))
  )
    out.push(
      err(
        'ERR_LIEU_NAISSANCE',
        'Né en France : le département et la commune de naissance sont obligatoires.',
      ),
    );
  if (!MOBILE_PHONE_RE.test(p.numeroTelephonePortable ?? ''))
    out.push(err('ERR_TELEPHONE', 'Le numéro de portable doit être un mobile français (06 ou 07).'));
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(p.adresseMail ?? ''))
    out.push(err('ERR_EMAIL', "L'adresse e-mail est invalide."));
  const a = p.adressePostale;
  if (
    !a ||
    !text(a.libelleVoie) ||
    !text(a.libelleCommune) ||
    !/^\d[\dAB]\d{3}$/.test(a.codeCommune ?? '') ||
    !/^\d{5}$/.test(a.codePostal ?? '') ||
    !text(a.codePays)
  )
    out.push(
      err(
        'ERR_ADRESSE',
        "L'adresse postale est incomplète (voie, commune, code commune INSEE, code postal, pays).",
      ),
    );
  const b = p.coordonneeBancaire;
  if (!b || !isValidIban(b.iban ?? '')) out.push(err('ERR_IBAN', "L'IBAN est invalide."));
  if (!b || !isValidBic(b.bic ?? '')) out.push(err('ERR_BIC', 'Le BIC est invalide.'));
  if (!b || !text(b.titulaire)) out.push(err('ERR_TITULAIRE', 'Le titulaire du compte est obligatoire.'));
  return out;
}

export function createSimulatorState(options: { clock: Clock; idTiersFacturation?: string | null }) {
  let advancedMs = 0;
  const particuliers = new Map<string, Particulier>();
  const demandes = new Map<string, Demande>();
  const now = () => options.clock.now().getTime() + advancedMs;

  function validateDemande(d: Partial<InputDemandePaiement>): UrssafError[] {
    const out: UrssafError[] = [];
    if (!text(d.idTiersFacturation))
      out.push(err('ERR_TIERS', "L'identifiant du tiers de facturation est obligatoire."));
    else if (options.idTiersFacturation && d.idTiersFacturation !== options.idTiersFacturation)
      out.push(err('ERR_TIERS', "Le tiers de facturation n'est pas celui de l'habilitation."));
    const client = d.idClient ? particuliers.get(d.idClient) : undefined;
    if (!client) out.push(err('ERR_CLIENT_INCONNU', "Le client n'est pas inscrit à l'avance immédiate."));
    else if (client.input.dateNaissance !== d.dateNaissanceClient)
      out.push(err('ERR_DATE_NAISSANCE_CLIENT', 'La date de naissance ne correspond pas au client.'));
    if (!text(d.numFactureTiers)) out.push(err('ERR_NUM_FACTURE', 'Le numéro de facture est obligatoire.'));
    else if (
      [...demandes.values()].some(
        (x) =>
          x.input.numFactureTiers === d.numFactureTiers &&
          x.input.idTiersFacturation === d.idTiersFacturation &&
          x.status !== '40',
      )
    )
      out.push(err('ERR_FACTURE_DOUBLON', 'Une demande de paiement existe déjà pour ce numéro de facture.'));
    if (!isDate(d.dateFacture)) out.push(err('ERR_DATE_FACTURE', 'La date de facture est invalide.'));
    if (!isDate(d.dateDebutEmploi) || !isDate(d.dateFinEmploi))
      out.push(err('ERR_PERIODE', "Les dates de début et de fin d'emploi sont obligatoires."));
    else if (
      d.dateDebutEmploi.slice(0, 7) !== d.dateFinEmploi.slice(0, 7) ||
      d.dateDebutEmploi > d.dateFinEmploi
    )
      out.push(err('ERR_PERIODE', "Les prestations d'une demande doivent être d'un même mois civil."));
    else if (isDate(d.dateFacture) && d.dateFacture < d.dateDebutEmploi)
      out.push(err('ERR_DATE_FACTURE', 'La facture ne peut précéder les prestations.'));
    if (!amount(d.mntFactureTTC) || d.mntFactureTTC <= 0)
      out.push(err('ERR_MONTANT', 'Le montant TTC de la facture doit être positif, au centime.'));
    if (!amount(d.mntFactureHT)) out.push(err('ERR_MONTANT', 'Le montant HT de la facture est invalide.'));
    if (!amount(d.mntAcompte ?? 0) || (d.mntAcompte ?? 0) > (d.mntFactureTTC ?? 0))
      out.push(err('ERR_ACOMPTE', "L'acompte doit être compris entre 0 et le montant de la facture."));
    const prestations = Array.isArray(d.inputPrestations) ? d.inputPrestations : [];
    if (prestations.length === 0)
      out.push(err('ERR_PRESTATIONS', 'Au moins une prestation est obligatoire.'));
    prestations.forEach((p, i) => {
      const where = `Prestation ${i + 1}`;
      if (!text(p.codeActivite) || !text(p.codeNature))
        out.push(err('ERR_CODE_ACTIVITE', `${where} : code activité et code nature obligatoires.`));
      if (p.unite !== 'HEURE' && p.unite !== 'FORFAIT')
        out.push(err('ERR_UNITE', `${where} : l'unité est HEURE ou FORFAIT.`));
      if (typeof p.quantite !== 'number' || !(p.quantite > 0))
        out.push(err('ERR_QUANTITE', `${where} : la quantité doit être positive.`));
      if (!amount(p.mntUnitaireTTC) || !amount(p.mntPrestationTTC))
        out.push(err('ERR_MONTANT', `${where} : montants invalides.`));
      else if (
        typeof p.quantite === 'number' &&
        !near(p.quantite * p.mntUnitaireTTC, p.mntPrestationTTC) &&
        Math.abs(p.quantite * p.mntUnitaireTTC - p.mntPrestationTTC) > 0.01 * Math.max(1, p.quantite)
      )
        out.push(
          err('ERR_MONTANT', `${where} : quantité × prix unitaire ne donne pas le montant de la prestation.`),
        );
      if (
        isDate(d.dateDebutEmploi) &&
        isDate(d.dateFinEmploi) &&
        (!isDate(p.dateDebutEmploi) ||
          !isDate(p.dateFinEmploi) ||
          p.dateDebutEmploi < d.dateDebutEmploi ||
          p.dateFinEmploi > d.dateFinEmploi)
      )
        out.push(err('ERR_PERIODE', `${where} : ses dates doivent être dans la période de la demande.`));
    });
    if (
      prestations.length > 0 &&
      amount(d.mntFactureTTC) &&
      !near(
        prestations.reduce((s, p) => s + (p.mntPrestationTTC ?? 0), 0),
        d.mntFactureTTC,
      )
    )
      out.push(err('ERR_MONTANT', 'Le montant TTC de la facture diffère de la somme des prestations.'));
    return out;
  }

  /** Moves every request along with time. */
  function settle(): void {
    const t = now();
    for (const d of demandes.values()) {
      if (d.status === '10' && t >= d.notifiedAt) d.status = '20';
      if (d.status === '20' && t >= d.notifiedAt + VALIDATION_DELAY_MS) {
        d.status = '30';
        d.validatedAt = d.notifiedAt + VALIDATION_DELAY_MS;
      }
      if (d.status === '30' && d.validatedAt !== null && t >= d.validatedAt + DEBIT_DELAY_MS) {
        d.status = '50';
        d.debitedAt = d.validatedAt + DEBIT_DELAY_MS;
      }
      if (d.status === '50' && d.debitedAt !== null && t >= d.debitedAt + TRANSFER_DELAY_MS) {
        d.status = '70';
        d.paidAt = d.debitedAt + TRANSFER_DELAY_MS;
      }
    }
  }

  function info(d: Demande): InfoDemandePaiement {
    return {
      idDemandePaiement: d.idDemandePaiement,
      demandePaiement: d.input,
      statut: { code: d.status, libelle: URSSAF_STATUSES[d.status] ?? d.status },
      infoRejet: d.rejection,
      infoVirement:
        d.status === '70' && d.paidAt !== null
          ? {
              mntVirement: Math.round((d.input.mntFactureTTC - (d.input.mntAcompte ?? 0)) * 100) / 100,
              dateVirement: isoDay(d.paidAt),
            }
          : d.status === '50' && d.debitedAt !== null
            ? { mntVirement: null, dateVirement: isoDay(d.debitedAt + TRANSFER_DELAY_MS) }
            : null,
    };
  }

  function demandesOfClient(idClient: string): Demande[] {
    return [...demandes.values()].filter((d) => d.input.idClient === idClient);
  }

  return {
    now,
    registerParticulier(input: InputParticulier): { idClient: string } | { errors: UrssafError[] } {
      const errors = validateParticulier(input);
      if (errors.length > 0) return { errors };
      const idClient = randomUUID();
      particuliers.set(idClient, { idClient, input, createdAt: now() });
      return { idClient };
    },

    receiveDemandes(items: InputDemandePaiement[]): OutputDemandePaiement[] {
      settle();
      return items.map((item) => {
        const errors = validateDemande(item ?? {});
        if (errors.length > 0) return { numFactureTiers: item?.numFactureTiers, errors };
        const t = now();
        const d: Demande = {
          idDemandePaiement: randomUUID(),
          input: item,
          receivedAt: t,
          notifiedAt: t,
          validatedAt: null,
          debitedAt: null,
          paidAt: null,
          status: '10',
          rejection: null,
        };
        demandes.set(d.idDemandePaiement, d);
        return {
          idDemandePaiement: d.idDemandePaiement,
          numFactureTiers: item.numFactureTiers,
          statut: { code: '10', libelle: URSSAF_STATUSES['10']! },
        };
      });
    },

    search(query: InputRechercheDemandePaiement): InfoDemandePaiement[] {
      settle();
      const ids = new Set(query.idDemandePaiements ?? []);
      const numbers = new Set(query.numFactureTiers ?? []);
      return [...demandes.values()]
        .filter((d) => {
          if (ids.size > 0 || numbers.size > 0)
            return ids.has(d.idDemandePaiement) || numbers.has(d.input.numFactureTiers);
          if (query.dateDebut && d.input.dateFacture < query.dateDebut) return false;
          if (query.dateFin && d.input.dateFacture > query.dateFin) return false;
          return Boolean(query.dateDebut || query.dateFin);
        })
        .map(info);
    },

    /** Lets time pass (hours, may be fractional). */
    advance(hours: number): number {
      advancedMs += Math.round(hours * HOUR);
      settle();
      return now();
    },

    /** The client validates its pending requests on particulier.urssaf.fr. */
    validate(idClient: string): number {
      settle();
      let n = 0;
      for (const d of demandesOfClient(idClient)) {
        if (d.status === '10' || d.status === '20') {
          d.status = '30';
          d.validatedAt = now();
          n++;
        }
      }
      return n;
    },

    /** The client contests its pending requests: 40 « Refusée » with the reason. */
    contest(idClient: string, code = 'CONTEST_AUTRE', commentaire?: string): number {
      settle();
      const reason = URSSAF_REJECTION_REASONS[code] ? code : 'CONTEST_AUTRE';
      let n = 0;
      for (const d of demandesOfClient(idClient)) {
        if (d.status === '10' || d.status === '20') {
          d.status = '40';
          d.rejection = { code: reason, commentaire: commentaire ?? URSSAF_REJECTION_REASONS[reason]! };
          n++;
        }
      }
      return n;
    },

    /** The client's bank refuses the debit: 60 « En refus de prélèvement ». */
    refuseDebit(idDemandePaiement: string): boolean {
      settle();
      const d = demandes.get(idDemandePaiement);
      if (!d || (d.status !== '30' && d.status !== '50')) return false;
      d.status = '60';
      d.rejection = { code: 'REFUS_PRELEVEMENT', commentaire: 'Prélèvement rejeté par la banque du client.' };
      return true;
    },

    hasParticulier: (idClient: string) => particuliers.has(idClient),
    snapshot: () => ({
      now: new Date(now()).toISOString(),
      particuliers: particuliers.size,
      demandes: [...demandes.values()].map(info),
    }),
  };
}

export type SimulatorState = ReturnType<typeof createSimulatorState>;
