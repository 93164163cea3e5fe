/**
 * DTOs of the Urssaf API « Tiers de prestation » (avance immédiate du crédit d'impôt), after the public
 * documentation « Documentation-API-TiersPrestation v1.1.x » as SAP-REFERENCE §4.4 reports it. Amounts are
 * euros with two decimals, dates ISO `YYYY-MM-DD`, as the API takes them.
 */

/** Registration of a client (InputParticulierDTO). */
export interface InputParticulier {
  /** « 1 » man, « 2 » woman. */
  civilite: '1' | '2';
  nomNaissance: string;
  nomUsage?: string | null;
  prenoms: string;
  dateNaissance: string;
  lieuNaissance: {
    /** INSEE country code, « 99100 » for France. */
    codePaysNaissance: string;
    departementNaissance?: string | null;
    communeNaissance?: { codeCommune: string; libelleCommune: string } | null;
  };
  /** French mobile number, `^(0|\+33)[6-7]([0-9]{2}){4}$`. */
  numeroTelephonePortable: string;
  adresseMail: string;
  adressePostale: {
    numeroVoie?: string | null;
    /** B, T, Q, C. */
    lettreVoie?: string | null;
    /** R, AV, BD, CHE, IMP, PL, RTE… */
    codeTypeVoie?: string | null;
    libelleVoie: string;
    complement?: string | null;
    lieuDit?: string | null;
    libelleCommune: string;
    codeCommune: string;
    codePostal: string;
    codePays: string;
  };
  coordonneeBancaire: { bic: string; iban: string; titulaire: string };
}

export interface OutputParticulier {
  idClient: string;
}

/** One service of a payment request. */
export interface InputPrestation {
  codeActivite: string;
  codeNature: string;
  quantite: number;
  unite: 'HEURE' | 'FORFAIT';
  mntUnitaireTTC: number;
  mntPrestationTTC: number;
  mntPrestationHT: number;
  mntPrestationTVA: number;
  dateDebutEmploi: string;
  dateFinEmploi: string;
  complement1?: string | null;
  complement2?: string | null;
}

/** A payment request (InputDemandePaiement): one invoice, one calendar month. */
export interface InputDemandePaiement {
  idTiersFacturation: string;
  idClient: string;
  dateNaissanceClient: string;
  numFactureTiers: string;
  dateFacture: string;
  dateDebutEmploi: string;
  dateFinEmploi: string;
  mntAcompte: number;
  dateVersementAcompte?: string | null;
  mntFactureTTC: number;
  mntFactureHT: number;
  inputPrestations: InputPrestation[];
}

export interface UrssafError {
  code: string;
  message: string;
  description?: string;
}

export interface Statut {
  code: string;
  libelle: string;
}

/** The answer for one item of a `demandePaiement` call. */
export interface OutputDemandePaiement {
  idDemandePaiement?: string;
  numFactureTiers?: string;
  statut?: Statut;
  errors?: UrssafError[];
}

export interface InputRechercheDemandePaiement {
  idDemandePaiements?: string[];
  numFactureTiers?: string[];
  dateDebut?: string;
  dateFin?: string;
}

export interface InfoDemandePaiement {
  idDemandePaiement: string;
  demandePaiement: InputDemandePaiement;
  statut: Statut;
  infoRejet?: { code: string; commentaire: string } | null;
  infoVirement?: { mntVirement: number | null; dateVirement: string | null } | null;
}

export interface OutputRechercheDemandePaiement {
  infoDemandePaiements: InfoDemandePaiement[];
}

/** Status codes and labels (SAP-REFERENCE §4.4). */
export const URSSAF_STATUSES: Readonly<Record<string, string>> = {
  '10': 'Intégrée',
  '15': 'Aides calculées',
  '20': 'En attente de validation',
  '30': 'Validée',
  '40': 'Refusée',
  '50': 'Prélevée',
  '60': 'En refus de prélèvement',
  '70': 'Payée',
  '80': "En attente d'échanges",
  '90': 'Clôturée',
  '100': 'Supprimée',
  '110': 'Annulée',
  '111': 'Annulée après impayé',
  '112': 'Annulée après recouvrement',
  '120': 'Recouvrée',
};

/** Codes after which nothing more happens to a request. */
export const URSSAF_TERMINAL_STATUSES: readonly string[] = [
  '40',
  '70',
  '90',
  '100',
  '110',
  '111',
  '112',
  '120',
];

/** Rejection and cancellation reasons (SAP-REFERENCE §4.4), with French labels. */
export const URSSAF_REJECTION_REASONS: Readonly<Record<string, string>> = {
  REGUL_MNT_FACT: 'Erreur de montant ou de taux',
  REGUL_NB_QTE_FACT: "Erreur sur le nombre d'heures ou la quantité",
  REGUL_PRESTA_FACT: 'Prestations erronées',
  REGUL_AUTRE: 'Autre régularisation',
  CONTEST_ERR_FACT: 'Facture contestée : erreur de facturation',
  CONTEST_FACT_REGLEE: 'Facture contestée : déjà réglée',
  CONTEST_AUTRE: 'Facture contestée : autre motif',
  ANNUL_DBL: 'Annulée : doublon',
  ANNUL_ERR_MNT: 'Annulée : erreur de montant',
  ANNUL_ERR_TECH: 'Annulée : erreur technique',
  ANNUL_AUTRE: 'Annulée : autre motif',
};

/** French mobile numbers as the API accepts them. */
export const MOBILE_PHONE_RE = /^(0|\+33)[6-7]([0-9]{2}){4}$/;

/** IBAN check (ISO 13616 mod 97). */
export function isValidIban(value: string): boolean {
  const iban = value.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban)) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const digits = /[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
  }
  return remainder === 1;
}

export function isValidBic(value: string): boolean {
  return /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(value.toUpperCase());
}

/** Euros with two decimals from cents (the API's amounts). */
export const eurosOf = (cents: number): number => Math.round(cents) / 100;
/** Cents from the API's euros. */
export const centsOf = (euros: number): number => Math.round(euros * 100);
