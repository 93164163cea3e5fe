/**
 * Households ask, providers answer. A household's need is routed to the providers that can meet it (pure
 * rules in src/domain/requests.ts, capacity read from each provider's workers and planned hours); providers
 * answer with a quote (PDF) or decline; the household compares and accepts one, which — in one transaction —
 * closes the others, links the household to the provider, creates the beneficiary's file and the contract
 * (care service); the current and next weeks' visits are then generated (care service).
 * What a provider sees before acceptance: the commune and its centre, the person's first name, age bracket,
 * GIR and whether an APA plan exists, the schedule wished, the budget, the wishes and the requester's name (a
 * devis names its client) — never the exact address, which only the chosen provider gets.
 */
import type { Db, Executor } from '../../db/client';
import { createTenantScope, type TenantScope } from '../../db/tenant-scope';
import { requireRole, type Actor } from '../../domain/access';
import { ACTIVITY_CODES, getActivity, type ActivityCode } from '../../domain/activities';
import { isQuoteRequired, MANDATAIRE_EMPLOYER_WARNING } from '../../domain/invoice';
import { formatEuros } from '../../domain/money';
import { MODE_INFO, type OrganisationMode } from '../../domain/organisation';
import { weekBounds } from '../../domain/recurrence';
import { addDays, isoWeekday, localDateOf } from '../../shared/local-time';
import {
  ageBracket,
  checkQuote,
  compareQuotes,
  computeFit,
  decideRouting,
  distanceBetween,
  formatQuoteNumber,
  hoursPerMonthOf,
  PERSON_KIND_LABELS,
  publicOfPerson,
  QUOTE_STATUS_LABELS,
  quoteTotals,
  REQUEST_STATUS_LABELS,
  ROUTING_STATUS_LABELS,
  summariseNotRouted,
  type ProviderFit,
  type QuoteLineInput,
  type RequestPerson,
  type RoutingDecision,
  type WishedSlot,
} from '../../domain/requests';
import { toStoredRecurrence } from '../../domain/schemas/care';
import type { QuoteCreateInput, ServiceRequestCreateInput } from '../../domain/schemas/requests';
import type { Clock } from '../../shared/clock';
import { DomainError, notFound } from '../../shared/errors';
import type { AccountsService } from '../accounts/accounts.service';
import type { AuditService } from '../audit/audit.service';
import type { CareService } from '../care/care.service';
import type { DirectoryService } from '../directory/directory.service';
import type { ProfileService } from '../directory/profile.service';
import type { MailService } from '../mail/mail.service';
import { renderQuotePdf } from './quote-pdf';
import * as repo from './requests.repo';

/** Capacity answers are reused this long (the directory shows them on every search). */
const CAPACITY_CACHE_MS = 60_000;
const WEEKDAY_NAMES = ['', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];

const validation = (field: string, message: string) =>
  new DomainError('validation', 'Certains champs sont invalides : corrigez-les puis réessayez.', [
    { field, message },
  ]);
const requestNotFound = () => notFound('Demande');

export interface RequestsDeps {
  db: Db;
  clock: Clock;
  care: CareService;
  directory: DirectoryService;
  profiles: ProfileService;
  accounts: AccountsService;
  mail: MailService;
  audit: AuditService;
  publicUrl: string;
}

type Candidate = Awaited<ReturnType<DirectoryService['listOrganisationsOffering']>>[number];

/** « lundi, mardi à 08:30 (1 h) » for the wished slots. */
export function describeSlots(slots: readonly WishedSlot[]): string {
  return slots
    .map((s) => {
      const h = Math.floor(s.durationMin / 60);
      const m = s.durationMin % 60;
      const duration = `${h > 0 ? `${h} h` : ''}${m > 0 ? `${h > 0 ? ' ' : ''}${m} min` : ''}`;
      return `${s.weekdays.map((d) => WEEKDAY_NAMES[d]).join(', ')} à ${s.start} (${duration})`;
    })
    .join(' ; ');
}

export function createRequestsService(deps: RequestsDeps) {
  const { db, clock, care, directory, mail, audit } = deps;
  const today = () => localDateOf(clock.now());
  const year = () => Number(today().slice(0, 4));
  const mondayOf = (day: string) => addDays(day, 1 - isoWeekday(day));
  const capacityCache = new Map<string, { at: number; fit: ProviderFit }>();
  const communeNames = new Map<string, string>();

  async function communeOf(code: string) {
    const commune = await directory.findCommune(code);
    if (commune) communeNames.set(code, commune.name);
    return commune;
  }
  async function communeName(code: string) {
    return communeNames.get(code) ?? (await communeOf(code))?.name ?? code;
  }

  /** Room of an organisation's workers near a place this week, from its workers and their planned hours. */
  async function fitOf(
    organisationId: string,
    place: { latitude: number; longitude: number; communeCode: string },
    activityCodes: readonly ActivityCode[],
  ): Promise<ProviderFit> {
    const key = `${organisationId}|${place.communeCode}|${[...activityCodes].sort().join(',')}`;
    const cached = capacityCache.get(key);
    if (cached && Date.now() - cached.at < CAPACITY_CACHE_MS) return cached.fit;
    const scope = createTenantScope(db, organisationId);
    const range = weekBounds(mondayOf(today()));
    const workers = await care.listWorkersForPlanning(scope, range);
    const planned = await care.plannedMinutesByWorker(
      scope,
      range,
      workers.map((w) => w.id),
    );
    const fit = computeFit(
      workers.map((w) => ({
        id: w.id,
        skills: w.skills,
        latitude: w.homeLatitude,
        longitude: w.homeLongitude,
        communeCode: w.communeCode,
        contractHoursPerWeek: w.contractHoursPerWeek,
        plannedHours: (planned.get(w.id) ?? 0) / 60,
      })),
      place,
      activityCodes,
    );
    capacityCache.set(key, { at: Date.now(), fit });
    return fit;
  }

  function forgetCapacity(organisationId: string) {
    for (const key of capacityCache.keys())
      if (key.startsWith(`${organisationId}|`)) capacityCache.delete(key);
    capacityAnswers.clear();
  }

  /** Staff e-mails of an organisation (admins and coordinators), for notifications. */
  async function staffEmails(organisationId: string, executor: Executor = db): Promise<string[]> {
    const members = await deps.accounts.listMembers(createTenantScope(executor, organisationId));
    return members.filter((m) => m.role === 'provider_admin' || m.role === 'coordinator').map((m) => m.email);
  }

  async function notifyOrganisation(
    organisationId: string,
    subject: string,
    text: string,
    executor: Executor,
  ) {
    for (const to of await staffEmails(organisationId, executor))
      await mail.enqueue({ to, subject, text, organisationId }, executor);
  }

  /** The requester's e-mail, read before a transaction (PGlite has one connection: no outside read inside one). */
  async function requesterEmail(request: repo.RequestRow): Promise<string | null> {
    const user = request.createdByUserId ? await deps.accounts.findUser(request.createdByUserId) : undefined;
    return user?.email ?? null;
  }

  async function notifyHousehold(to: string | null, subject: string, text: string, executor: Executor) {
    if (to) await mail.enqueue({ to, subject, text }, executor);
  }

  async function householdOf(actor: Actor | null) {
    const household = requireRole(actor, 'household');
    return care.findHouseholdOfUser(household.userId);
  }

  async function requireOwnRequest(actor: Actor | null, id: string) {
    const household = await householdOf(actor);
    const request = household ? await repo.findRequestOfHousehold(db, household.id, id) : undefined;
    if (!household || !request) throw requestNotFound();
    return { household, request };
  }

  async function requireRouting(scope: TenantScope, requestId: string) {
    const routing = await repo.findOwnRouting(scope, requestId);
    if (!routing) throw requestNotFound();
    const request = (await repo.findRequestById(scope.db, requestId))!;
    return { routing, request };
  }

  const personOf = (r: repo.RequestRow) => r.person as RequestPerson & { lastName?: string | null };
  const slotsOf = (r: repo.RequestRow) => r.slots as WishedSlot[];
  const link = (path: string) => `${deps.publicUrl.replace(/\/$/, '')}${path}`;

  function quoteView(q: repo.QuoteSummaryRow) {
    return {
      id: q.id,
      requestId: q.requestId,
      organisationId: q.organisationId,
      number: q.number,
      issuedOn: q.issuedOn,
      lines: q.lines as QuoteLineInput[],
      annexFees: q.annexFees as { label: string; amountTtcCents: number }[],
      hourlyPriceTtcCents: q.hourlyPriceTtcCents,
      monthlyTtcCents: q.monthlyTtcCents,
      monthlyHtCents: q.monthlyHtCents,
      firstAvailableOn: q.firstAvailableOn,
      workerProfile: q.workerProfile as {
        skills: string[];
        experienceYears: number | null;
        description: string | null;
      },
      validUntil: q.validUntil,
      message: q.message,
      status: q.status,
      statusLabel: QUOTE_STATUS_LABELS[q.status as keyof typeof QUOTE_STATUS_LABELS] ?? q.status,
      pdfUrl: `/api/quotes/${q.id}/pdf`,
      createdAt: q.createdAt,
    };
  }

  function messageView(m: repo.MessageRow) {
    return {
      id: m.id,
      organisationId: m.organisationId,
      authorRole: m.authorRole,
      body: m.body,
      createdAt: m.createdAt,
    };
  }

  /** What the household sees of its own request (its address included). */
  function householdRequestView(r: repo.RequestRow, name: string) {
    const person = personOf(r);
    return {
      id: r.id,
      status: r.status,
      statusLabel: REQUEST_STATUS_LABELS[r.status as keyof typeof REQUEST_STATUS_LABELS] ?? r.status,
      activityCodes: r.activityCodes,
      activities: r.activityCodes.map((c) => ({ code: c, name: getActivity(c).name })),
      mode: r.mode,
      modeLabel: MODE_INFO[r.mode as OrganisationMode]?.label ?? r.mode,
      person: { ...person, kindLabel: PERSON_KIND_LABELS[person.kind] },
      communeCode: r.communeCode,
      communeName: name,
      addressLine: r.addressLine,
      postalCode: r.postalCode,
      slots: slotsOf(r),
      scheduleSummary: describeSlots(slotsOf(r)),
      hoursPerMonth: hoursPerMonthOf(slotsOf(r)),
      startsOn: r.startsOn,
      durationMonths: r.durationMonths,
      budgetMonthlyCents: r.budgetMonthlyCents,
      wishes: r.wishes,
      acceptedQuoteId: r.acceptedQuoteId,
      createdAt: r.createdAt,
    };
  }

  /** What a routed provider sees: no exact address (unless it won), first name and age bracket only. */
  async function providerRequestView(routing: repo.RoutingRow, r: repo.RequestRow, fit: ProviderFit | null) {
    const person = personOf(r);
    const requester = r.createdByUserId ? await deps.accounts.findUser(r.createdByUserId) : undefined;
    const isWon = routing.status === 'won';
    return {
      id: r.id,
      requestStatus: r.status,
      requestStatusLabel: REQUEST_STATUS_LABELS[r.status as keyof typeof REQUEST_STATUS_LABELS] ?? r.status,
      routingStatus: routing.status,
      routingStatusLabel:
        ROUTING_STATUS_LABELS[routing.status as keyof typeof ROUTING_STATUS_LABELS] ?? routing.status,
      reason: routing.reason,
      declineReason: routing.declineReason,
      distanceKm: routing.distanceKm === null ? null : Math.round(routing.distanceKm * 10) / 10,
      activityCodes: r.activityCodes,
      activities: r.activityCodes.map((c) => ({ code: c, name: getActivity(c).name })),
      mode: r.mode,
      modeLabel: MODE_INFO[r.mode as OrganisationMode]?.label ?? r.mode,
      person: {
        kind: person.kind,
        kindLabel: PERSON_KIND_LABELS[person.kind],
        firstName: person.firstName,
        ageBracket: ageBracket(person.birthYear, year()),
        gir: person.gir,
        hasApaPlan: person.apa?.hasPlan ?? false,
      },
      clientName: requester?.displayName ?? 'Foyer',
      communeCode: r.communeCode,
      communeName: await communeName(r.communeCode),
      /** The commune's centre, not the home. */
      latitude: r.latitude,
      longitude: r.longitude,
      address: isWon ? { addressLine: r.addressLine, postalCode: r.postalCode } : null,
      slots: slotsOf(r),
      scheduleSummary: describeSlots(slotsOf(r)),
      hoursPerMonth: hoursPerMonthOf(slotsOf(r)),
      startsOn: r.startsOn,
      durationMonths: r.durationMonths,
      budgetMonthlyCents: r.budgetMonthlyCents,
      wishes: r.wishes,
      fit: fit ?? { nearbyWorkers: 0, skilledWorkers: 0, roomHoursPerWeek: routing.roomHoursPerWeek ?? 0 },
      createdAt: r.createdAt,
    };
  }

  async function routingDecisions(input: {
    activityCodes: ActivityCode[];
    mode: OrganisationMode;
    communeCode: string;
    communeName: string;
    person: RequestPerson;
    place: { latitude: number; longitude: number; communeCode: string };
  }) {
    const need = {
      activityCodes: input.activityCodes,
      mode: input.mode,
      communeCode: input.communeCode,
      communeName: input.communeName,
      public: publicOfPerson(input.person, year()),
      today: today(),
    };
    const candidates = await directory.listOrganisationsOffering(input.activityCodes);
    const out: { candidate: Candidate; decision: RoutingDecision; room: number | null }[] = [];
    for (const candidate of candidates) {
      const base = {
        organisationId: candidate.id,
        name: candidate.name,
        isAcceptingClients: candidate.isAcceptingClients,
        activities: candidate.activities,
        communeCodes: candidate.communeCodes,
        regimes: candidate.regimes,
      };
      const first = decideRouting(need, { ...base, roomHoursPerWeek: 1 });
      if (!first.isRouted) {
        out.push({ candidate, decision: first, room: null });
        continue;
      }
      const fit = await fitOf(candidate.id, input.place, input.activityCodes);
      out.push({
        candidate,
        decision: decideRouting(need, { ...base, roomHoursPerWeek: fit.roomHoursPerWeek }),
        room: fit.roomHoursPerWeek,
      });
    }
    return out;
  }

  type CapacityAnswer = {
    communeCode: string;
    communeName: string;
    activityCode: ActivityCode | null;
    weekStart: string;
    items: {
      organisationId: string;
      roomHoursPerWeek: number;
      isAcceptingClients: boolean;
      canStart: boolean;
    }[];
  };
  const capacityAnswers = new Map<string, { at: number; answer: CapacityAnswer }>();
  const capacityRunning = new Map<string, Promise<CapacityAnswer>>();

  async function computeCapacity(query: {
    commune: string;
    activity?: ActivityCode;
  }): Promise<CapacityAnswer> {
    const commune = await communeOf(query.commune);
    if (!commune) throw validation('commune', `Aucune commune n'a le code ${query.commune}.`);
    const codes: ActivityCode[] = query.activity ? [query.activity] : [...ACTIVITY_CODES];
    const candidates = (await directory.listOrganisationsOffering(codes)).filter((c) =>
      c.communeCodes.includes(commune.code),
    );
    const place = { latitude: commune.latitude, longitude: commune.longitude, communeCode: commune.code };
    const items = [];
    for (const c of candidates) {
      const fit = c.isAcceptingClients
        ? await fitOf(c.id, place, query.activity ? [query.activity] : [])
        : { roomHoursPerWeek: 0 };
      items.push({
        organisationId: c.id,
        roomHoursPerWeek: fit.roomHoursPerWeek,
        isAcceptingClients: c.isAcceptingClients,
        canStart: c.isAcceptingClients && fit.roomHoursPerWeek > 0,
      });
    }
    return {
      communeCode: commune.code,
      communeName: commune.name,
      activityCode: query.activity ?? null,
      weekStart: mondayOf(today()),
      items,
    };
  }

  return {
    // ---------------------------------------------------------------- household

    async createRequest(actor: Actor | null, input: ServiceRequestCreateInput, requestId?: string) {
      const household = requireRole(actor, 'household');
      const commune = await communeOf(input.communeCode);
      if (!commune) throw validation('communeCode', "Cette commune n'est pas connue de la plateforme.");
      if (input.startsOn < addDays(today(), -1))
        throw validation('startsOn', 'La date de début ne peut pas être passée.');
      const user = await deps.accounts.findUser(household.userId);
      const person: RequestPerson & { lastName?: string | null } = { ...input.person };
      const place = { latitude: commune.latitude, longitude: commune.longitude, communeCode: commune.code };
      const decisions = await routingDecisions({
        activityCodes: input.activityCodes,
        mode: input.mode,
        communeCode: commune.code,
        communeName: commune.name,
        person,
        place,
      });
      const routed = decisions.filter((d) => d.decision.isRouted);
      const distanceOf = (c: Candidate) =>
        c.latitude !== null && c.longitude !== null ? Math.round(distanceBetween(c, place) * 10) / 10 : null;

      const created = await db.transaction(async (tx) => {
        const own = await care.ensureHouseholdOfUser(
          household,
          {
            name: user?.displayName ?? 'Foyer',
            email: user?.email ?? null,
            addressLine: input.addressLine,
            postalCode: input.postalCode,
            communeCode: input.communeCode,
          },
          tx,
        );
        const row = await repo.insertRequest(tx, {
          householdId: own.id,
          createdByUserId: household.userId,
          activityCodes: input.activityCodes,
          person,
          communeCode: commune.code,
          addressLine: input.addressLine,
          postalCode: input.postalCode,
          latitude: commune.latitude,
          longitude: commune.longitude,
          slots: input.slots,
          startsOn: input.startsOn,
          durationMonths: input.durationMonths,
          mode: input.mode,
          budgetMonthlyCents: input.budgetMonthlyCents,
          wishes: input.wishes,
        });
        await repo.insertRoutings(
          tx,
          routed.map((d) => ({
            requestId: row.id,
            organisationId: d.candidate.id,
            reason: d.decision.reason,
            distanceKm: distanceOf(d.candidate),
            roomHoursPerWeek: d.room,
          })),
        );
        await audit.record(
          {
            actor: household,
            action: 'create',
            entityType: 'service_request',
            entityIds: [row.id],
            requestId,
            details: { routedTo: routed.length },
          },
          tx,
        );
        const activities = input.activityCodes.map((c) => getActivity(c).name).join(', ');
        for (const d of routed) {
          await notifyOrganisation(
            d.candidate.id,
            `Nouvelle demande : ${activities} à ${commune.name}`,
            `Bonjour,\n\nUn foyer de ${commune.name} cherche : ${activities} (${MODE_INFO[input.mode].label.toLowerCase()}), ${describeSlots(input.slots)}, à partir du ${input.startsOn}.\n\nPourquoi vous : ${d.decision.reason}\n\nRépondez par un devis ou déclinez : ${link('/structure/demandes')}\n\nProxiDom`,
            tx,
          );
        }
        return row;
      });

      const chosen = input.organisationId
        ? decisions.find((d) => d.candidate.id === input.organisationId)
        : undefined;
      return {
        id: created.id,
        status: created.status,
        routedTo: routed
          .map((d) => ({
            organisationId: d.candidate.id,
            organisationName: d.candidate.name,
            reason: d.decision.reason,
            distanceKm: distanceOf(d.candidate),
          }))
          .sort((a, b) => (a.distanceKm ?? 999) - (b.distanceKm ?? 999)),
        notRouted: summariseNotRouted(decisions.map((d) => d.decision)),
        ...(input.organisationId
          ? {
              chosenOrganisation: chosen
                ? {
                    organisationId: chosen.candidate.id,
                    organisationName: chosen.candidate.name,
                    isRouted: chosen.decision.isRouted,
                    reason: chosen.decision.reason,
                  }
                : {
                    organisationId: input.organisationId,
                    organisationName: null,
                    isRouted: false,
                    reason: 'Cette structure ne propose aucune des activités demandées.',
                  },
            }
          : {}),
      };
    },

    async listRequests(actor: Actor | null) {
      const household = await householdOf(actor);
      if (!household) return { items: [] };
      const rows = await repo.findRequestsOfHousehold(db, household.id);
      const [routings, quoteRows] = await Promise.all([
        repo.findRoutingsOfRequests(
          db,
          rows.map((r) => r.id),
        ),
        Promise.all(rows.map((r) => repo.findQuotesOfRequest(db, r.id))),
      ]);
      const items = [];
      for (const [i, r] of rows.entries()) {
        items.push({
          id: r.id,
          status: r.status,
          statusLabel: REQUEST_STATUS_LABELS[r.status as keyof typeof REQUEST_STATUS_LABELS] ?? r.status,
          activities: r.activityCodes.map((c) => ({ code: c, name: getActivity(c).name })),
          personFirstName: personOf(r).firstName,
          communeName: await communeName(r.communeCode),
          startsOn: r.startsOn,
          routedCount: routings.filter((x) => x.requestId === r.id).length,
          quoteCount: quoteRows[i]!.length,
          createdAt: r.createdAt,
        });
      }
      return { items };
    },

    async getRequest(actor: Actor | null, id: string, requestId?: string) {
      const { request } = await requireOwnRequest(actor, id);
      const [routings, quoteRows, messages] = await Promise.all([
        repo.findRoutingsOfRequest(db, id),
        repo.findQuotesOfRequest(db, id),
        repo.findThreadsOfRequest(db, id),
      ]);
      const organisations = new Map<string, { name: string; qualityLabels: string[] }>();
      for (const orgId of new Set(routings.map((r) => r.organisationId))) {
        const o = await directory.getOrganisation(orgId);
        organisations.set(orgId, { name: o.name, qualityLabels: o.qualityLabels });
      }
      const person = personOf(request);
      const comparison = compareQuotes(
        quoteRows
          .filter((q) => q.status !== 'withdrawn')
          .map((q) => {
            const v = quoteView(q);
            return {
              ...v,
              quoteId: q.id,
              organisationName: organisations.get(q.organisationId)?.name ?? '',
              qualityLabels: organisations.get(q.organisationId)?.qualityLabels ?? [],
              status: q.status as 'sent',
            };
          }),
        person,
        year(),
      );
      await audit.record({
        actor,
        action: 'read',
        entityType: 'service_request',
        entityIds: [id],
        requestId,
      });
      return {
        ...householdRequestView(request, await communeName(request.communeCode)),
        routings: routings.map((r) => ({
          organisationId: r.organisationId,
          organisationName: organisations.get(r.organisationId)?.name ?? '',
          qualityLabels: organisations.get(r.organisationId)?.qualityLabels ?? [],
          reason: r.reason,
          status: r.status,
          statusLabel: ROUTING_STATUS_LABELS[r.status as keyof typeof ROUTING_STATUS_LABELS] ?? r.status,
          declineReason: r.declineReason,
          distanceKm: r.distanceKm === null ? null : Math.round(r.distanceKm * 10) / 10,
        })),
        quotes: quoteRows.map((q) => ({
          ...quoteView(q),
          organisationName: organisations.get(q.organisationId)?.name ?? '',
        })),
        comparison: comparison.map((c) => ({
          ...c,
          statusLabel: QUOTE_STATUS_LABELS[c.status],
          pdfUrl: `/api/quotes/${c.quoteId}/pdf`,
        })),
        messages: messages.map(messageView),
      };
    },

    async cancelRequest(actor: Actor | null, id: string, requestId?: string) {
      const { request } = await requireOwnRequest(actor, id);
      const communeLabel = await communeName(request.communeCode);
      await db.transaction(async (tx) => {
        const locked = (await repo.lockRequest(tx, id))!;
        if (locked.status !== 'open')
          throw new DomainError(
            'conflict',
            'Cette demande n’est plus ouverte : elle ne peut pas être annulée.',
          );
        const at = clock.now();
        const routings = await repo.findRoutingsOfRequest(tx, id);
        await repo.updateRequest(tx, id, { status: 'cancelled', updatedAt: at });
        await repo.settleRoutings(tx, id, null, at);
        await repo.settleQuotes(tx, id, null);
        await audit.record(
          {
            actor,
            action: 'update',
            entityType: 'service_request',
            entityIds: [id],
            requestId,
            details: { status: 'cancelled' },
          },
          tx,
        );
        for (const r of routings.filter((x) => x.status === 'pending' || x.status === 'quoted')) {
          await notifyOrganisation(
            r.organisationId,
            'Demande annulée par le foyer',
            `Bonjour,\n\nLe foyer a annulé sa demande (${request.activityCodes.map((c) => getActivity(c).name).join(', ')} à ${communeLabel}).\n\nProxiDom`,
            tx,
          );
        }
      });
      return { id, status: 'cancelled' as const };
    },

    async acceptQuote(actor: Actor | null, quoteId: string, requestId?: string) {
      const household = await householdOf(actor);
      const quote = await repo.findQuote(db, quoteId);
      const request =
        household && quote ? await repo.findRequestOfHousehold(db, household.id, quote.requestId) : undefined;
      if (!household || !quote || !request) throw notFound('Devis');
      const organisation = await directory.getOrganisation(quote.organisationId);
      const scope = createTenantScope(db, quote.organisationId);
      const person = personOf(request);
      const lines = quote.lines as QuoteLineInput[];
      const startsOn = [request.startsOn, quote.firstAvailableOn, today()].sort().at(-1)!;
      const endsOn = request.durationMonths ? addDays(addMonths(startsOn, request.durationMonths), -1) : null;
      const communeLabel = await communeName(request.communeCode);
      const householdEmail = await requesterEmail(request);

      const outcome = await db.transaction(async (tx) => {
        const locked = (await repo.lockRequest(tx, request.id))!;
        if (locked.status !== 'open')
          throw new DomainError(
            'conflict',
            'Cette demande n’est plus ouverte : un devis a déjà été accepté ou elle a été annulée.',
          );
        const current = (await repo.findQuote(tx, quoteId))!;
        if (current.status !== 'sent')
          throw new DomainError('conflict', 'Ce devis ne peut plus être accepté (retiré ou non retenu).');
        if (current.validUntil < today())
          throw new DomainError(
            'conflict',
            `Ce devis n’est plus valable depuis le ${current.validUntil} : demandez-en un nouveau.`,
          );
        const at = clock.now();
        const routings = await repo.findRoutingsOfRequest(tx, request.id);
        await repo.settleQuotes(tx, request.id, quoteId);
        await repo.settleRoutings(tx, request.id, quote.organisationId, at);
        await repo.updateRequest(tx, request.id, {
          status: 'accepted',
          acceptedQuoteId: quoteId,
          updatedAt: at,
        });
        const activityNames = lines.map((l) => getActivity(l.activityCode).name);
        const client = await care.createClientFromRequest(
          scope,
          actor!,
          {
            householdId: household.id,
            beneficiary: {
              firstName: person.firstName,
              lastName: person.lastName?.trim() || lastNameOf(household.name),
              birthDate: null,
              gir: person.gir,
              addressLine: request.addressLine,
              postalCode: request.postalCode,
              communeCode: request.communeCode,
              needs: [
                ...(request.wishes ? [request.wishes] : []),
                ...(person.apa?.hasPlan
                  ? [
                      `Plan d'aide APA notifié${person.apa.monthlyAmountCents ? ` : ${formatEuros(person.apa.monthlyAmountCents)} par mois` : ''}`,
                    ]
                  : []),
              ],
              activityCodes: lines.map((l) => l.activityCode),
            },
            carePlan: null,
            // One contract: the visits of the wished slots, priced at the quote's hourly price (lines weighted by hours).
            contracts: [
              {
                activityCode: lines[0]!.activityCode,
                mode: lines[0]!.mode,
                hourlyPriceCents: quote.hourlyPriceTtcCents,
                recurrence: toStoredRecurrence(slotsOf(request)),
                startsOn,
                endsOn,
                requiredSkills: [],
                tasks: activityNames.length > 1 ? activityNames : [],
              },
            ],
          },
          tx,
          requestId,
        );
        await audit.record(
          {
            actor,
            action: 'update',
            entityType: 'service_request',
            entityIds: [request.id],
            requestId,
            details: { acceptedQuoteId: quoteId, organisationId: quote.organisationId },
          },
          tx,
        );
        await notifyOrganisation(
          quote.organisationId,
          `Devis ${quote.number} accepté`,
          `Bonjour,\n\nLe foyer a accepté votre devis ${quote.number}. L'adresse de l'intervention vous est maintenant communiquée : ${request.addressLine}, ${request.postalCode} ${communeLabel}.\n\nLe bénéficiaire, le contrat et les interventions des deux premières semaines sont créés : ${link('/structure/planning')}\n\nProxiDom`,
          tx,
        );
        for (const r of routings.filter(
          (x) =>
            x.organisationId !== quote.organisationId && (x.status === 'pending' || x.status === 'quoted'),
        )) {
          await notifyOrganisation(
            r.organisationId,
            'Demande attribuée à une autre structure',
            `Bonjour,\n\nLe foyer a retenu une autre proposition pour sa demande (${request.activityCodes.map((c) => getActivity(c).name).join(', ')} à ${communeLabel}) : une autre proposition a été retenue. Merci pour votre réponse.\n\nProxiDom`,
            tx,
          );
        }
        await notifyHousehold(
          householdEmail,
          `Vous avez accepté le devis de ${organisation.name}`,
          `Bonjour,\n\nVous avez accepté le devis ${quote.number} de ${organisation.name}. Les premières interventions commencent le ${startsOn}.\n\nProxiDom`,
          tx,
        );
        return client;
      });

      // The visits of the first two weeks, generated by the care service (after the commit: it opens its own transaction).
      forgetCapacity(quote.organisationId);
      const firstWeek = mondayOf(startsOn);
      let visitsGenerated = 0;
      for (const week of [firstWeek, addDays(firstWeek, 7)]) {
        visitsGenerated += (await care.generateWeek(scope, actor!, week)).created;
      }
      return {
        requestId: request.id,
        quoteId,
        status: 'accepted' as const,
        organisationId: quote.organisationId,
        beneficiaryId: outcome.beneficiaryId,
        contractIds: outcome.contractIds,
        isExistingBeneficiary: outcome.isExistingBeneficiary,
        startsOn,
        visitsGenerated,
      };
    },

    // ---------------------------------------------------------------- provider

    async listInbox(scope: TenantScope, actor: Actor, requestId?: string) {
      const rows = await repo.findInbox(scope);
      const items = [];
      for (const { routing, request } of rows) {
        const fit =
          request.status === 'open' && request.latitude !== null && request.longitude !== null
            ? await fitOf(
                scope.organisationId,
                {
                  latitude: request.latitude,
                  longitude: request.longitude,
                  communeCode: request.communeCode,
                },
                request.activityCodes as ActivityCode[],
              )
            : null;
        items.push(await providerRequestView(routing, request, fit));
      }
      await audit.record({
        actor,
        action: 'list',
        entityType: 'service_request',
        entityIds: rows.map((r) => r.request.id),
        requestId,
      });
      return { items };
    },

    async getProviderRequest(scope: TenantScope, actor: Actor, id: string, requestId?: string) {
      const { routing, request } = await requireRouting(scope, id);
      const fit =
        request.latitude !== null && request.longitude !== null
          ? await fitOf(
              scope.organisationId,
              { latitude: request.latitude, longitude: request.longitude, communeCode: request.communeCode },
              request.activityCodes as ActivityCode[],
            )
          : null;
      const [quoteRows, messages] = await Promise.all([
        repo.findOwnQuotesOfRequest(scope, id),
        repo.findOwnThread(scope, id),
      ]);
      await audit.record({
        actor,
        action: 'read',
        entityType: 'service_request',
        entityIds: [id],
        requestId,
      });
      return {
        ...(await providerRequestView(routing, request, fit)),
        quotes: quoteRows.map(quoteView),
        messages: messages.map(messageView),
      };
    },

    async createQuote(
      scope: TenantScope,
      actor: Actor,
      id: string,
      input: QuoteCreateInput,
      requestId?: string,
    ) {
      const { routing, request } = await requireRouting(scope, id);
      if (request.status !== 'open' || (routing.status !== 'pending' && routing.status !== 'quoted')) {
        throw new DomainError('conflict', 'Cette demande est close : vous ne pouvez plus y répondre.');
      }
      const issuedOn = today();
      if (input.validUntil < issuedOn)
        throw validation('validUntil', 'La date de validité ne peut pas être passée.');
      if (input.firstAvailableOn < issuedOn)
        throw validation('firstAvailableOn', 'La première date possible ne peut pas être passée.');
      input.lines.forEach((l, i) => {
        if (
          !request.activityCodes.includes(l.activityCode) &&
          !['garde-enfants-moins-3-ans', 'accompagnement-enfants-moins-3-ans'].includes(l.activityCode)
        ) {
          throw validation(`lines.${i}.activityCode`, 'Cette activité ne fait pas partie de la demande.');
        }
      });
      const profile = await deps.profiles.getPublicProfile(scope.organisationId);
      const requester = request.createdByUserId
        ? await deps.accounts.findUser(request.createdByUserId)
        : undefined;
      const communeLabel = await communeName(request.communeCode);
      const householdEmail = requester?.email ?? null;
      const orgAddress =
        [profile.address.street, [profile.address.postalCode, profile.address.city].filter(Boolean).join(' ')]
          .filter(Boolean)
          .join(', ') || null;
      const lines: QuoteLineInput[] = input.lines.map((l) => ({ ...l }));
      const mentions = lines.some((l) => l.mode === 'mandataire') ? [MANDATAIRE_EMPLOYER_WARNING] : [];
      const client = {
        name: requester?.displayName ?? 'Foyer',
        address: `${request.postalCode} ${communeLabel} (adresse complète communiquée à l'acceptation)`,
      };
      const missing = checkQuote(lines, input.annexFees, {
        issuedOn,
        organisation: {
          name: profile.name,
          address: orgAddress,
          declarationNumber: profile.regimes.declaration?.number ?? null,
          agrementNumber: profile.regimes.agrement?.number ?? null,
        },
        client,
        mentions,
      });
      if (missing.length > 0) {
        throw new DomainError(
          'unprocessable',
          `Le devis serait incomplet (arrêté du 17 mars 2015) : ${missing.map((m) => m.label.toLowerCase()).join(' ; ')}. Complétez le profil de la structure ou le devis.`,
          missing.map((m) => ({
            field: m.lineIndex === undefined ? `quote.${m.code}` : `lines.${m.lineIndex}`,
            message: m.label,
          })),
        );
      }
      const totals = quoteTotals(lines, input.annexFees);
      const created = await db.transaction(async (tx) => {
        const s = scope.withExecutor(tx);
        const y = Number(issuedOn.slice(0, 4));
        await repo.lockQuoteNumbering(s, y);
        const number = formatQuoteNumber(y, (await repo.countQuotesOfYear(s, y)) + 1);
        const pdf = await renderQuotePdf({
          number,
          issuedOn,
          validUntil: input.validUntil,
          firstAvailableOn: input.firstAvailableOn,
          organisation: {
            name: profile.name,
            address: orgAddress ?? '',
            siret: profile.siret,
            declarationNumber: profile.regimes.declaration?.number ?? null,
            agrementNumber: profile.regimes.agrement?.number ?? null,
            autorisationNumber: profile.regimes.autorisation?.number ?? null,
            phone: profile.phone,
            email: profile.email,
          },
          client,
          lines,
          annexFees: input.annexFees,
          monthlyTtcCents: totals.monthlyTtcCents,
          monthlyHtCents: totals.monthlyHtCents,
          workerProfile: input.workerProfile,
          schedule: describeSlots(slotsOf(request)),
          message: input.message,
        });
        const row = await repo.insertQuote(s, {
          requestId: id,
          number,
          issuedOn,
          lines,
          annexFees: input.annexFees,
          ...totals,
          firstAvailableOn: input.firstAvailableOn,
          workerProfile: input.workerProfile,
          validUntil: input.validUntil,
          message: input.message,
          pdf,
          createdByUserId: actor.userId,
        });
        await repo.updateOwnRouting(s, id, { status: 'quoted', updatedAt: clock.now() });
        await audit.record(
          {
            actor,
            action: 'create',
            entityType: 'quote',
            entityIds: [row.id],
            requestId,
            details: { serviceRequestId: id },
          },
          tx,
        );
        await notifyHousehold(
          householdEmail,
          `Nouveau devis de ${profile.name}`,
          `Bonjour,\n\n${profile.name} a répondu à votre demande par un devis : ${formatEuros(totals.monthlyTtcCents)} TTC par mois, première intervention possible le ${input.firstAvailableOn}.\n\nComparez les réponses : ${link(`/foyer/demandes/${id}`)}\n\nProxiDom`,
          tx,
        );
        return row;
      });
      return { ...quoteView(created), isQuoteMandatory: isQuoteRequired(totals.monthlyTtcCents) };
    },

    async declineRequest(scope: TenantScope, actor: Actor, id: string, reason: string, requestId?: string) {
      const { routing, request } = await requireRouting(scope, id);
      if (request.status !== 'open' || (routing.status !== 'pending' && routing.status !== 'quoted')) {
        throw new DomainError('conflict', 'Cette demande est close : rien à décliner.');
      }
      const profile = await directory.getOrganisation(scope.organisationId);
      const householdEmail = await requesterEmail(request);
      await db.transaction(async (tx) => {
        const s = scope.withExecutor(tx);
        await repo.withdrawOwnQuotes(s, id);
        await repo.updateOwnRouting(s, id, {
          status: 'declined',
          declineReason: reason,
          updatedAt: clock.now(),
        });
        await audit.record(
          {
            actor,
            action: 'update',
            entityType: 'service_request',
            entityIds: [id],
            requestId,
            details: { declined: true },
          },
          tx,
        );
        await notifyHousehold(
          householdEmail,
          `${profile.name} a décliné votre demande`,
          `Bonjour,\n\n${profile.name} ne peut pas répondre à votre demande. Motif : ${reason}\n\nVos autres réponses : ${link(`/foyer/demandes/${id}`)}\n\nProxiDom`,
          tx,
        );
      });
      return { id, routingStatus: 'declined' as const };
    },

    /** The quote's PDF: for the household that owns the request and the issuing provider's staff only. */
    async getQuotePdf(actor: Actor | null, quoteId: string) {
      const who = requireRole(actor, 'household', 'provider_admin', 'coordinator');
      const found = await repo.findQuotePdf(db, quoteId);
      if (!found) throw notFound('Devis');
      if (who.role === 'household') {
        const household = await care.findHouseholdOfUser(who.userId);
        if (!household || !(await repo.findRequestOfHousehold(db, household.id, found.requestId)))
          throw notFound('Devis');
      } else if (who.organisationId !== found.organisationId) {
        throw notFound('Devis');
      }
      return { number: found.number, pdf: Buffer.from(found.pdf) };
    },

    // ---------------------------------------------------------------- messages

    async listMessages(actor: Actor | null, id: string, organisationId: string | null) {
      const who = requireRole(actor, 'household', 'provider_admin', 'coordinator');
      if (who.role === 'household') {
        await requireOwnRequest(who, id);
        if (organisationId) {
          const routings = await repo.findRoutingsOfRequest(db, id);
          if (!routings.some((r) => r.organisationId === organisationId)) throw notFound('Conversation');
          return { items: (await repo.findThread(db, id, organisationId)).map(messageView) };
        }
        return { items: (await repo.findThreadsOfRequest(db, id)).map(messageView) };
      }
      const scope = createTenantScope(db, who.organisationId!);
      await requireRouting(scope, id);
      return { items: (await repo.findOwnThread(scope, id)).map(messageView) };
    },

    async postMessage(actor: Actor | null, id: string, organisationId: string | null, body: string) {
      const who = requireRole(actor, 'household', 'provider_admin', 'coordinator');
      if (who.role === 'household') {
        const { request } = await requireOwnRequest(who, id);
        if (!organisationId) throw validation('organisationId', 'Choisissez la structure à qui écrire.');
        const routings = await repo.findRoutingsOfRequest(db, id);
        if (!routings.some((r) => r.organisationId === organisationId)) throw notFound('Conversation');
        return db.transaction(async (tx) => {
          const row = await repo.insertMessage(tx, {
            requestId: id,
            organisationId,
            authorRole: 'household',
            authorUserId: who.userId,
            body,
          });
          await notifyOrganisation(
            organisationId,
            'Nouveau message d’un foyer',
            `Bonjour,\n\nLe foyer vous a écrit au sujet de sa demande (${request.activityCodes.map((c) => getActivity(c).name).join(', ')}) :\n\n${body}\n\nRépondre : ${link('/structure/demandes')}\n\nProxiDom`,
            tx,
          );
          return messageView(row);
        });
      }
      const scope = createTenantScope(db, who.organisationId!);
      const { request } = await requireRouting(scope, id);
      const profile = await directory.getOrganisation(scope.organisationId);
      const householdEmail = await requesterEmail(request);
      return db.transaction(async (tx) => {
        const row = await repo.insertMessage(
          tx,
          scope.own({ requestId: id, authorRole: 'provider', authorUserId: who.userId, body }),
        );
        await notifyHousehold(
          householdEmail,
          `Nouveau message de ${profile.name}`,
          `Bonjour,\n\n${profile.name} vous a écrit au sujet de votre demande :\n\n${body}\n\nRépondre : ${link(`/foyer/demandes/${id}`)}\n\nProxiDom`,
          tx,
        );
        return messageView(row);
      });
    },

    // ---------------------------------------------------------------- capacity (public, aggregated)

    /**
     * Per organisation serving the commune (and offering the activity), the hours a week its workers near the
     * commune have left this week: contract hours minus planned hours, workers with the skills only. No worker
     * or beneficiary detail leaves this function.
     */
    async getCapacity(query: { commune: string; activity?: ActivityCode }) {
      const key = `${query.commune}|${query.activity ?? ''}`;
      const cached = capacityAnswers.get(key);
      if (cached && Date.now() - cached.at < CAPACITY_CACHE_MS) return cached.answer;
      // One computation at a time per commune and activity: the directory asks again while it runs.
      const running =
        capacityRunning.get(key) ?? computeCapacity(query).finally(() => capacityRunning.delete(key));
      capacityRunning.set(key, running);
      const answer = await running;
      capacityAnswers.set(key, { at: Date.now(), answer });
      return answer;
    },
  };
}

/** « Sophie Lefèvre » → « Lefèvre »; « Famille Martin » → « Martin ». */
function lastNameOf(householdName: string): string {
  const words = householdName
    .replace(/^(foyer|famille)\s+/i, '')
    .trim()
    .split(/\s+/);
  return words.at(-1) || householdName;
}

/** The same day `months` later (clamped to the month's end). */
function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export type RequestsService = ReturnType<typeof createRequestsService>;
