/**
 * Avance immédiate use cases: register a household with the Urssaf, send an invoice as a payment request,
 * follow its status (48-hour validation, debit, transfer, rejections) and record the payment once « Payée ».
 */
import type { Db } from '../../db/client';
import type { TenantScope } from '../../db/tenant-scope';
import { getActivity, isActivityCode } from '../../domain/activities';
import type { Clock } from '../../shared/clock';
import { DomainError, notFound } from '../../shared/errors';
import { avanceImmediateSplit, localDateTime } from '../billing/billing-rules';
import type { AvanceInfo, BillingService, InvoiceSnapshot } from '../billing/billing.service';
import type { CareService } from '../care/care.service';
import type { UrssafClient } from './urssaf.client';
import * as repo from './urssaf.repo';
import {
  URSSAF_REJECTION_REASONS,
  URSSAF_STATUSES,
  centsOf,
  eurosOf,
  type InputDemandePaiement,
  type InputParticulier,
  type InputPrestation,
} from './urssaf.types';

export interface UrssafSettings {
  client: UrssafClient;
  /** The simulator's address when the client talks to the local simulator (demo, tests), else null. */
  simulatorUrl: string | null;
}

/** What billing shows of an invoice's avance immédiate, read from stored requests (no Urssaf call). */
export function createAvanceLookup(db: Db) {
  return async (invoiceIds: string[]): Promise<Map<string, AvanceInfo>> => {
    const latest = await repo.findLatestRequests(db, invoiceIds);
    const out = new Map<string, AvanceInfo>();
    for (const [invoiceId, r] of latest) {
      if (r.idDemandePaiement === null) continue;
      out.set(invoiceId, {
        statusCode: r.statusCode,
        statusLabel: r.statusLabel,
        householdPartCents: r.householdPartCents,
        advanceCents: r.advanceCents,
        transferAmountCents: r.transferAmountCents,
        rejectionCode: r.rejectionCode,
        rejectionComment: r.rejectionComment,
      });
    }
    return out;
  };
}

/**
 * Hours of a group of lines as the payment request's `quantite`: four decimals, so that quantity × the invoice's
 * hourly price gives the group's amount to the cent whatever the actual minutes (55 min = 0.9167 h; to two
 * decimals, 0.92 h × 26 € would be 9 cents off the invoice's 23.83 €). Whether the Urssaf accepts more than two
 * decimals is not in our reference (❓ docs/urssaf.md).
 */
const hoursOf = (minutes: number) => Math.round((minutes / 60) * 10_000) / 10_000;

export function createUrssafService(deps: {
  db: Db;
  clock: Clock;
  billing: BillingService;
  /** The care service: whether the organisation keeps the file of someone of a household. */
  care: Pick<CareService, 'hasBeneficiaryInHousehold'>;
  settings: UrssafSettings | null;
}) {
  const { clock, billing } = deps;

  /** Whether the household is one of the organisation's clients (a beneficiary of it, or already invoiced by it). */
  async function isClientHousehold(scope: TenantScope, householdId: string): Promise<boolean> {
    return (
      (await deps.care.hasBeneficiaryInHousehold(scope, householdId)) ||
      (await billing.hasInvoicedHousehold(scope, householdId))
    );
  }

  function settings(): UrssafSettings {
    if (!deps.settings)
      throw new DomainError(
        'unprocessable',
        "L'avance immédiate n'est pas configurée sur ce serveur (URSSAF_BASE_URL, URSSAF_CLIENT_ID, URSSAF_CLIENT_SECRET).",
      );
    return deps.settings;
  }

  function requestView(r: repo.UrssafRequestRow) {
    return {
      id: r.id,
      invoiceId: r.invoiceId,
      idDemandePaiement: r.idDemandePaiement,
      statusCode: r.statusCode,
      statusLabel: r.statusLabel,
      rejectionCode: r.rejectionCode,
      rejectionLabel: r.rejectionCode ? (URSSAF_REJECTION_REASONS[r.rejectionCode] ?? r.rejectionCode) : null,
      rejectionComment: r.rejectionComment,
      errors: (r.errors as { code: string; message: string }[] | null) ?? [],
      householdPartCents: r.householdPartCents,
      advanceCents: r.advanceCents,
      transferAmountCents: r.transferAmountCents,
      transferDate: r.transferDate,
      sentAt: r.sentAt.toISOString(),
      checkedAt: r.checkedAt?.toISOString() ?? null,
    };
  }

  /** Builds the payment request of an invoice: one line per activity and hourly price, within its month. */
  function demandeOf(
    invoice: Awaited<ReturnType<BillingService['getInvoiceForUrssaf']>>,
    client: repo.UrssafClientRow,
  ): InputDemandePaiement {
    const { invoice: inv, lines } = invoice;
    const groups = new Map<
      string,
      {
        activityCode: string;
        price: number;
        minutes: number;
        ttc: number;
        ht: number;
        vat: number;
        from: string;
        to: string;
        workers: Set<string>;
      }
    >();
    for (const l of lines) {
      const key = `${l.activityCode}|${l.hourlyPriceTtcCents}`;
      const g = groups.get(key) ?? {
        activityCode: l.activityCode,
        price: l.hourlyPriceTtcCents,
        minutes: 0,
        ttc: 0,
        ht: 0,
        vat: 0,
        from: l.serviceDate,
        to: l.serviceDate,
        workers: new Set<string>(),
      };
      g.minutes += l.durationMin;
      g.ttc += l.amountTtcCents;
      g.ht += l.amountHtCents;
      g.vat += l.vatCents;
      if (l.serviceDate < g.from) g.from = l.serviceDate;
      if (l.serviceDate > g.to) g.to = l.serviceDate;
      g.workers.add(l.workerRef);
      groups.set(key, g);
    }
    const prestations: InputPrestation[] = [...groups.values()].map((g) => ({
      // The Urssaf's activity and nature nomenclature is not in our reference (❓): we send the D7231-1 article and
      // our activity code; docs/urssaf.md says where to map them to the Urssaf's codes.
      codeActivite: isActivityCode(g.activityCode) ? getActivity(g.activityCode).article : g.activityCode,
      codeNature: g.activityCode,
      quantite: hoursOf(g.minutes),
      unite: 'HEURE',
      mntUnitaireTTC: eurosOf(g.price),
      mntPrestationTTC: eurosOf(g.ttc),
      mntPrestationHT: eurosOf(g.ht),
      mntPrestationTVA: eurosOf(g.vat),
      dateDebutEmploi: g.from,
      dateFinEmploi: g.to,
      complement1: isActivityCode(g.activityCode) ? getActivity(g.activityCode).name.slice(0, 50) : null,
      complement2: [...g.workers].join(',').slice(0, 50),
    }));
    const dates = lines.map((l) => l.serviceDate).sort();
    return {
      idTiersFacturation: (inv.snapshot as InvoiceSnapshot).organisation.siret,
      idClient: client.idClient,
      dateNaissanceClient: client.birthDate,
      numFactureTiers: inv.number,
      dateFacture: localDateTime(inv.issuedAt).date,
      dateDebutEmploi: dates[0] ?? `${inv.month}-01`,
      dateFinEmploi: dates[dates.length - 1] ?? `${inv.month}-01`,
      mntAcompte: 0,
      mntFactureTTC: eurosOf(inv.totalTtcCents),
      mntFactureHT: eurosOf(inv.totalHtCents),
      inputPrestations: prestations,
    };
  }

  /** Reads the status of open requests from the Urssaf; a « Payée » request records the payment of its invoice. */
  async function sync(scope: TenantScope) {
    const open = await repo.findOpenRequests(scope);
    if (open.length === 0) return { checked: 0, changed: 0, paid: 0 };
    const { client } = settings();
    const now = clock.now();
    const result = await client.searchDemandesPaiement({
      idDemandePaiements: open.map((r) => r.idDemandePaiement!),
    });
    const byId = new Map(result.infoDemandePaiements.map((i) => [i.idDemandePaiement, i]));
    let changed = 0;
    let paid = 0;
    for (const r of open) {
      const info = byId.get(r.idDemandePaiement!);
      if (!info) continue;
      const code = info.statut.code;
      const transfer = info.infoVirement ?? null;
      if (
        code !== r.statusCode ||
        (transfer?.mntVirement ?? null) !==
          (r.transferAmountCents === null ? null : eurosOf(r.transferAmountCents))
      )
        changed++;
      await repo.updateRequest(scope, r.id, {
        statusCode: code,
        statusLabel: info.statut.libelle || URSSAF_STATUSES[code] || code,
        rejectionCode: info.infoRejet?.code ?? null,
        rejectionComment: info.infoRejet?.commentaire ?? null,
        transferAmountCents:
          transfer?.mntVirement === null || transfer?.mntVirement === undefined
            ? null
            : centsOf(transfer.mntVirement),
        transferDate: transfer?.dateVirement ?? null,
        checkedAt: now,
        updatedAt: now,
      });
      if (code === '70' && r.statusCode !== '70') {
        const { invoice } = await billing.getInvoiceForUrssaf(scope, r.invoiceId);
        if (invoice.status === 'issued') {
          await billing.recordPayment(scope, null, r.invoiceId, {
            amountCents: invoice.householdShareCents,
            means: 'avance_immediate',
            paidOn: transfer?.dateVirement ?? localDateTime(now).date,
            householdPartCents: r.householdPartCents,
          });
          paid++;
        }
      }
    }
    return { checked: open.length, changed, paid };
  }

  return {
    sync,

    /** The periodic job: syncs every organisation with requests in progress; one failing organisation does not stop the others. */
    async syncAll(): Promise<{ organisations: number; paid: number; failed: number }> {
      if (!deps.settings) return { organisations: 0, paid: 0, failed: 0 };
      const ids = await repo.findOrganisationsWithOpenRequests(deps.db);
      let paid = 0;
      let failed = 0;
      for (const id of ids) {
        try {
          paid += (await sync(billing.scopeFor(id))).paid;
        } catch {
          failed++;
        }
      }
      return { organisations: ids.length, paid, failed };
    },

    async getRegistration(scope: TenantScope, householdId: string) {
      if (!(await isClientHousehold(scope, householdId))) throw notFound('Foyer');
      const c = await repo.findClient(scope, householdId);
      return {
        householdId,
        registered: c !== undefined,
        idClient: c?.idClient ?? null,
        status: c?.status ?? null,
        registeredAt: c?.createdAt.toISOString() ?? null,
      };
    },

    async listRegistrations(scope: TenantScope) {
      return (await repo.findClientsOfOrganisation(scope)).map((c) => ({
        householdId: c.householdId,
        idClient: c.idClient,
        status: c.status,
        registeredAt: c.createdAt.toISOString(),
      }));
    },

    /** Registers a household (the particulier who files the tax return) with the Urssaf. */
    async registerHousehold(scope: TenantScope, householdId: string, input: InputParticulier) {
      if (!(await isClientHousehold(scope, householdId))) throw notFound('Foyer');
      const { client } = settings();
      const { idClient } = await client.registerParticulier(input);
      const row = await repo.upsertClient(scope, { householdId, idClient, birthDate: input.dateNaissance });
      return {
        householdId,
        registered: true,
        idClient: row.idClient,
        status: row.status,
        registeredAt: row.createdAt.toISOString(),
      };
    },

    /** Sends an invoice as a payment request; its status is read back at once. */
    async sendInvoice(scope: TenantScope, invoiceId: string) {
      const facts = await billing.getInvoiceForUrssaf(scope, invoiceId);
      const inv = facts.invoice;
      if (inv.kind !== 'invoice')
        throw new DomainError('unprocessable', "Un avoir ne s'envoie pas à l'Urssaf.");
      if (inv.status !== 'issued')
        throw new DomainError(
          'unprocessable',
          `La facture ${inv.number} n'est plus à payer (${inv.status === 'cancelled_by_credit_note' ? 'annulée par un avoir' : 'déjà réglée en tout ou partie'}).`,
        );
      if (inv.apaCents > 0 || inv.pchCents > 0)
        throw new DomainError(
          'unprocessable',
          "L'avance immédiate n'est pas encore ouverte aux bénéficiaires de l'APA ou de la PCH : cette facture se règle directement.",
        );
      const previous = await repo.findRequestsOfOrganisation(scope, invoiceId);
      if (
        previous.some(
          (r) =>
            r.idDemandePaiement !== null && r.statusCode !== '40' && !(r.statusCode ?? '').startsWith('11'),
        )
      )
        throw new DomainError(
          'conflict',
          `La facture ${inv.number} a déjà une demande de paiement en cours à l'Urssaf.`,
        );
      if (previous.some((r) => r.statusCode === '40'))
        throw new DomainError(
          'unprocessable',
          `La demande de la facture ${inv.number} a été refusée : émettez un avoir puis une nouvelle facture (un nouveau numéro est exigé).`,
        );
      const registered = await repo.findClient(scope, inv.householdId);
      if (!registered)
        throw new DomainError(
          'unprocessable',
          "Le foyer n'est pas inscrit à l'avance immédiate : inscrivez-le d'abord auprès de l'Urssaf.",
        );
      const { client } = settings();
      const split = avanceImmediateSplit(inv.householdShareCents);
      const now = clock.now();
      const [answer] = await client.sendDemandesPaiement([demandeOf(facts, registered)]);
      const accepted = Boolean(answer?.idDemandePaiement) && (answer?.errors ?? []).length === 0;
      const request = await repo.insertRequest(scope, {
        invoiceId,
        idDemandePaiement: accepted ? answer!.idDemandePaiement! : null,
        statusCode: accepted ? (answer!.statut?.code ?? '10') : null,
        statusLabel: accepted
          ? (answer!.statut?.libelle ?? URSSAF_STATUSES['10']!)
          : 'Refusée à la réception',
        errors: accepted ? null : (answer?.errors ?? []),
        householdPartCents: split.householdPartCents,
        advanceCents: split.advanceCents,
        sentAt: now,
      });
      if (!accepted) {
        const errors = answer?.errors ?? [];
        throw new DomainError(
          'unprocessable',
          `L'Urssaf a refusé la demande de paiement : ${errors.map((e) => `${e.message} (${e.code})`).join(' ; ') || 'motif non précisé'}.`,
          errors.map((e) => ({ field: e.code, message: e.message })),
        );
      }
      await sync(scope);
      const [fresh] = await repo.findRequestsOfOrganisation(scope, invoiceId);
      return requestView(fresh ?? request);
    },

    async listRequests(scope: TenantScope) {
      return (await repo.findRequestsOfOrganisation(scope)).map(requestView);
    },

    /** Simulator only: lets hours pass at the Urssaf, then reads the statuses back. */
    async advanceSimulator(scope: TenantScope, hours: number) {
      const url = settings().simulatorUrl;
      if (!url) throw new DomainError('forbidden', "Réservé au simulateur de l'Urssaf (démonstration).");
      const response = await fetch(`${url}/__simulator/advance`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ hours }),
      });
      if (!response.ok) throw new DomainError('unprocessable', 'Le simulateur a refusé la demande.');
      const { now } = (await response.json()) as { now: string };
      return { simulatorNow: now, ...(await sync(scope)) };
    },

    /** Simulator only: the household validates (or contests) its pending requests as it would on particulier.urssaf.fr. */
    async answerAsHousehold(
      scope: TenantScope,
      householdId: string,
      answer: 'valider' | 'contester',
      reason?: { code?: string; commentaire?: string },
    ) {
      const url = settings().simulatorUrl;
      if (!url) throw new DomainError('forbidden', "Réservé au simulateur de l'Urssaf (démonstration).");
      const c = await repo.findClient(scope, householdId);
      if (!c) throw notFound('Inscription à l’avance immédiate');
      const response = await fetch(`${url}/__simulator/particulier/${c.idClient}/${answer}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(reason ?? {}),
      });
      if (!response.ok) throw new DomainError('unprocessable', 'Le simulateur a refusé la demande.');
      return sync(scope);
    },
  };
}

export type UrssafService = ReturnType<typeof createUrssafService>;
