/**
 * The people-and-contracts side of the provider's workspace: households, beneficiaries' files (contacts,
 * care plans, preferences, consents, documents, RGPD export and erasure), contracts with their
 * suspensions, workers (qualifications, availability, absences), and the functions the schedule feature
 * plans with. Every read or change of a beneficiary's or household's personal data is audited inside the
 * transaction of the change.
 */
import type { Db, Executor } from '../../db/client';
import type { TenantScope } from '../../db/tenant-scope';
import type { Actor } from '../../domain/access';
import { type RecurrenceSlot } from '../../domain/recurrence';
import { localDateOf } from '../../shared/local-time';
import type {
  AbsenceKind,
  BeneficiaryCreateInput,
  BeneficiaryUpdateInput,
  CarePlanInput,
  ConsentInput,
  ContactInput,
  ContractCreateInput,
  ContractUpdateInput,
  HouseholdInput,
  PreferencesInput,
  QualificationInput,
  SuspensionInput,
  WorkerCreateInput,
  WorkerPreferences,
  WorkerUpdateInput,
  AvailabilitySlot,
} from '../../domain/schemas/care';
import { toStoredRecurrence } from '../../domain/schemas/care';
import { placeNearCentre } from '../../domain/travel';
import { qualificationAlerts, skillsOn } from '../../domain/worker-qualifications';
import type { Clock } from '../../shared/clock';
import { DomainError, notFound } from '../../shared/errors';
import type { AuditService } from '../audit/audit.service';
import * as repo from './care.repo';
import * as sectorsRepo from './sectors.repo';
import { effectiveSectorId, sectorByCommune } from './sectors.service';
import { createVisitGeneration } from './visit-generation';
import * as visitsRepo from './visits.repo';

/** Largest document kept in a file (5 MB). */
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;
/** The name shown for a person whose file was erased. */
export const ERASED_FIRST_NAME = 'Personne';
export const ERASED_LAST_NAME = 'effacée';

/** A stored consent (beneficiaries.consents). */
export interface StoredConsent extends ConsentInput {
  recordedByUserId: string | null;
}

const validation = (field: string, message: string) => new DomainError('validation', 'Certains champs sont invalides : corrigez-les puis réessayez.', [{ field, message }]);

export interface PlanningWorker {
  id: string;
  firstName: string;
  lastName: string;
  userId: string | null;
  /** Competences and qualifications valid on the first day of the range. */
  skills: string[];
  homeLatitude: number | null;
  homeLongitude: number | null;
  communeCode: string | null;
  transportMode: string;
  contractHoursPerWeek: number;
  maxHoursPerDay: number;
  /** The worker's home sector (null: none). */
  sectorId: string | null;
  /** Weekly slots, local time; empty = Monday–Friday 07:00–20:00. */
  availability: { weekday: number; start: string; end: string }[];
  absences: { id: string; startsAt: Date; endsAt: Date; kind: string }[];
}

export interface PlanningBeneficiary {
  id: string;
  firstName: string;
  lastName: string;
  latitude: number | null;
  longitude: number | null;
  communeCode: string | null;
  addressLine: string | null;
  accessDetails: string | null;
  preferredWorkerIds: string[];
  refusedWorkerIds: string[];
  /** The sector chosen on the file, else the one covering the commune (null: none). */
  sectorId: string | null;
}

/** Where to tell a household about its visits (a repaired absence). */
export interface HouseholdContact {
  householdId: string;
  householdName: string;
  /** The household's e-mail, else a contact's of one of its people (emergency contact first); null: none known. */
  email: string | null;
  beneficiaryIds: string[];
}

/** An APA/PCH plan in force, as billing shares its hours. */
export interface FundingPlanInForce {
  beneficiaryId: string;
  funder: 'apa' | 'pch';
  hoursPerMonth: number;
  /** The funder's share of each hour (basis points) … */
  funderShareBp: number | null;
  /** … or its valuation of one hour, in cents. */
  hourlyAmountCents: number | null;
}

export interface HouseholdIdentity {
  id: string;
  name: string;
  addressLine: string | null;
  postalCode: string | null;
  communeCode: string | null;
  communeName: string | null;
  email: string | null;
  phone: string | null;
  userId: string | null;
}

export interface BeneficiaryName {
  id: string;
  householdId: string;
  firstName: string;
  lastName: string;
}

export interface WorkerName {
  id: string;
  firstName: string;
  lastName: string;
}

export interface ContractTerms {
  id: string;
  /** prestataire, mandataire, emploi_direct. */
  mode: string;
  hourlyPriceCents: number;
  tasks: string[];
}

export function createCareService(deps: { db: Db; audit: AuditService; clock: Clock }) {
  const { audit, clock } = deps;
  const inTransaction = <T>(scope: TenantScope, fn: (tx: TenantScope) => Promise<T>): Promise<T> =>
    deps.db.transaction((tx) => fn(scope.withExecutor(tx)));
  const today = () => localDateOf(clock.now());

  /** Where an address lies: the point given, else near the commune's centre (no geocoder offline). */
  async function placeAddress(scope: TenantScope, input: { latitude?: number | null; longitude?: number | null; communeCode?: string | null; addressLine?: string | null }, field = 'communeCode') {
    if (input.latitude != null && input.longitude != null) return { latitude: input.latitude, longitude: input.longitude };
    if (!input.communeCode) return { latitude: null, longitude: null };
    const commune = await repo.findCommune(scope.db, input.communeCode);
    if (!commune) throw validation(field, "Cette commune n'est pas connue de la plateforme.");
    return placeNearCentre(commune, `${input.communeCode}|${(input.addressLine ?? '').toLowerCase()}`);
  }

  async function checkWorkerIds(scope: TenantScope, ids: string[], field: string) {
    if (ids.length === 0) return;
    const found = await repo.findWorkers(scope, { ids });
    if (found.length !== new Set(ids).size) throw validation(field, "Un·e des intervenant·es n'appartient pas à votre structure.");
  }

  async function requireBeneficiary(scope: TenantScope, id: string) {
    const row = await repo.findBeneficiary(scope, id);
    if (!row) throw notFound('Bénéficiaire');
    return row;
  }

  async function requireWorker(scope: TenantScope, id: string) {
    const row = await repo.findWorker(scope, id);
    if (!row) throw notFound('Intervenant·e');
    return row;
  }

  /** A sector chosen on a file or a worker must be one of the organisation's. */
  async function checkSectorId(scope: TenantScope, sectorId: string | null | undefined, field = 'sectorId') {
    if (!sectorId) return;
    if (!(await sectorsRepo.findSector(scope, sectorId))) throw validation(field, "Ce secteur n'existe pas dans votre structure.");
  }

  async function requireContract(scope: TenantScope, id: string) {
    const row = await repo.findContract(scope, id);
    if (!row) throw notFound('Contrat');
    return row;
  }

  const contactRows = (contacts: ContactInput[]) => contacts.map((c) => ({ ...c }));
  const carePlanRows = (plans: CarePlanInput[]) => plans.map((p) => ({ ...p }));
  const preferenceRows = (p: PreferencesInput) => [
    ...[...new Set(p.preferredWorkerIds)].map((workerId) => ({ workerId, kind: 'preferred' as const })),
    ...[...new Set(p.refusedWorkerIds)].map((workerId) => ({ workerId, kind: 'refused' as const })),
  ];
  const consentRows = (consents: ConsentInput[], actor: Actor): StoredConsent[] => consents.map((c) => ({ ...c, recordedByUserId: actor.userId }));

  function householdView(h: repo.HouseholdRow) {
    return { id: h.id, name: h.name, addressLine: h.addressLine, postalCode: h.postalCode, communeCode: h.communeCode, latitude: h.latitude, longitude: h.longitude, phone: h.phone, email: h.email, userId: h.userId, createdAt: h.createdAt };
  }

  function contractView(c: repo.ContractRow, suspensions: repo.SuspensionRow[]) {
    const recurrence = c.recurrence as RecurrenceSlot[];
    return {
      id: c.id,
      beneficiaryId: c.beneficiaryId,
      householdId: c.householdId,
      activityCode: c.activityCode,
      mode: c.mode,
      hourlyPriceCents: c.hourlyPriceCents,
      recurrence,
      weeklyMinutes: recurrence.reduce((sum, s) => sum + s.durationMin, 0),
      startsOn: c.startsOn,
      endsOn: c.endsOn,
      status: c.status,
      requiredSkills: c.requiredSkills,
      tasks: c.tasks,
      suspensions: suspensions.filter((s) => s.contractId === c.id).map((s) => ({ id: s.id, startsOn: s.startsOn, endsOn: s.endsOn, reason: s.reason })),
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
    };
  }

  /** The whole file of a beneficiary (without document contents). */
  async function loadFile(scope: TenantScope, b: repo.BeneficiaryRow) {
    const [household, commune, contacts, plans, preferences, documents, contracts, sectors] = await Promise.all([
      repo.findHousehold(scope, b.householdId),
      b.communeCode ? repo.findCommune(scope.db, b.communeCode) : Promise.resolve(undefined),
      repo.findContacts(scope, b.id),
      repo.findCarePlans(scope, b.id),
      repo.findPreferences(scope, [b.id]),
      repo.findDocumentList(scope, b.id),
      repo.findContracts(scope, { beneficiaryId: b.id }),
      sectorsRepo.findSectors(scope),
    ]);
    const sectorId = effectiveSectorId(b, sectorByCommune(sectors));
    const sector = sectors.find((s) => s.id === sectorId);
    const suspensions = await repo.findSuspensions(scope, contracts.map((c) => c.id));
    return {
      id: b.id,
      householdId: b.householdId,
      household: household ? { id: household.id, name: household.name } : null,
      firstName: b.firstName,
      lastName: b.lastName,
      birthDate: b.birthDate,
      gir: b.gir,
      addressLine: b.addressLine,
      postalCode: b.postalCode,
      communeCode: b.communeCode,
      communeName: commune?.name ?? null,
      latitude: b.latitude,
      longitude: b.longitude,
      /** The same address facts, grouped. */
      address: {
        addressLine: b.addressLine,
        postalCode: b.postalCode,
        communeCode: b.communeCode,
        communeName: commune?.name ?? null,
        latitude: b.latitude,
        longitude: b.longitude,
      },
      phone: b.phone,
      /** The sector chosen by hand (null: the commune's). */
      sectorId: b.sectorId,
      /** The sector the person belongs to, and whether it was chosen by hand. */
      sector: sector ? { id: sector.id, name: sector.name, isChosen: b.sectorId !== null } : null,
      accessDetails: b.accessDetails,
      notes: b.notes,
      needs: b.needs,
      activityCodes: b.activityCodes,
      contacts: contacts.map((c) => ({ id: c.id, kind: c.kind, name: c.name, relationship: c.relationship, phone: c.phone, email: c.email, isEmergencyContact: c.isEmergencyContact, note: c.note })),
      carePlans: plans.map((p) => ({ id: p.id, funder: p.funder, hoursPerMonth: p.hoursPerMonth, funderShareBp: p.funderShareBp, hourlyAmountCents: p.hourlyAmountCents, reference: p.reference, startsOn: p.startsOn, endsOn: p.endsOn })),
      preferences: {
        preferredWorkerIds: preferences.filter((p) => p.kind === 'preferred').map((p) => p.workerId),
        refusedWorkerIds: preferences.filter((p) => p.kind === 'refused').map((p) => p.workerId),
      },
      consents: b.consents as StoredConsent[],
      documents: documents.map((d) => ({ ...d, fileName: d.name })),
      contracts: contracts.map((c) => contractView(c, suspensions)),
      isErased: b.erasedAt !== null,
      erasedAt: b.erasedAt,
      createdAt: b.createdAt,
      updatedAt: b.updatedAt,
    };
  }

  async function workerViews(scope: TenantScope, rows: repo.WorkerRow[]) {
    const ids = rows.map((w) => w.id);
    const [qualifications, availability] = await Promise.all([repo.findQualifications(scope, ids), repo.findAvailability(scope, ids)]);
    const day = today();
    return rows.map((w) => {
      const quals = qualifications.filter((q) => q.workerId === w.id).map((q) => ({ id: q.id, skillCode: q.skillCode, obtainedOn: q.obtainedOn, expiresOn: q.expiresOn, reference: q.reference }));
      return {
        id: w.id,
        userId: w.userId,
        firstName: w.firstName,
        lastName: w.lastName,
        phone: w.phone,
        email: w.email,
        communeCode: w.communeCode,
        sectorId: w.sectorId,
        homeLatitude: w.homeLatitude,
        homeLongitude: w.homeLongitude,
        transportMode: w.transportMode,
        contractHoursPerWeek: w.contractHoursPerWeek,
        maxHoursPerDay: w.maxHoursPerDay,
        /** Declared skills (competences, licences, undated diplomas). */
        skills: w.skills,
        /** What the worker holds today: declared skills and dated qualifications valid today. */
        validSkills: skillsOn(w.skills, quals, day),
        qualifications: quals,
        availability: availability.filter((a) => a.workerId === w.id).map((a) => ({ weekday: a.weekday, start: a.startTime, end: a.endTime })),
        preferences: { preferredCommuneCodes: [], worksWeekends: false, acceptsPets: true, note: null, ...(w.preferences as Partial<WorkerPreferences>) },
        alerts: qualificationAlerts([{ id: w.id, firstName: w.firstName, lastName: w.lastName, qualifications: quals }], day),
        createdAt: w.createdAt,
        updatedAt: w.updatedAt,
      };
    });
  }

  const generation = createVisitGeneration({ inTransaction, clock });

  return {
    // ------------------------------------------------------------ households

    async listHouseholds(scope: TenantScope, actor: Actor, filter: { q?: string }, requestId?: string) {
      return inTransaction(scope, async (tx) => {
        const rows = await repo.findHouseholds(tx, { q: filter.q, limit: 100 });
        await audit.record({ actor, action: 'list', entityType: 'household', entityIds: rows.map((h) => h.id), requestId }, tx.db);
        return rows.map(householdView);
      });
    },

    async createHousehold(scope: TenantScope, actor: Actor, input: HouseholdInput, requestId?: string) {
      return inTransaction(scope, async (tx) => {
        const point = await placeAddress(tx, input);
        const created = await repo.insertHousehold(tx, { ...input, ...point });
        await audit.record({ actor, action: 'create', entityType: 'household', entityIds: [created.id], requestId }, tx.db);
        return householdView(created);
      });
    },

    // ------------------------------------------------------------ beneficiaries

    async listBeneficiaries(scope: TenantScope, actor: Actor, filter: { q?: string; communeCode?: string; sectorId?: string; gir?: number; limit: number; offset: number }, requestId?: string) {
      const sectors = await sectorsRepo.findSectors(scope);
      const sector = filter.sectorId ? sectors.find((s) => s.id === filter.sectorId) : undefined;
      if (filter.sectorId && !sector) throw notFound('Secteur');
      const { sectorId: _, ...rest } = filter;
      const result = await repo.findBeneficiaries(scope, { ...rest, ...(sector ? { sector: { id: sector.id, communeCodes: sector.communeCodes } } : {}) });
      await audit.record({ actor, action: 'list', entityType: 'beneficiary', entityIds: result.items.map((b) => b.id), requestId }, scope.db);
      const byCommune = sectorByCommune(sectors);
      const nameOf = new Map(sectors.map((s) => [s.id, s.name]));
      return {
        total: result.total,
        items: result.items.map((b) => {
          const sectorId = effectiveSectorId(b, byCommune);
          return { ...b, sectorId, sectorName: sectorId ? (nameOf.get(sectorId) ?? null) : null };
        }),
      };
    },

    async getBeneficiary(scope: TenantScope, actor: Actor, id: string, requestId?: string) {
      return inTransaction(scope, async (tx) => {
        const beneficiary = await requireBeneficiary(tx, id);
        await audit.record({ actor, action: 'read', entityType: 'beneficiary', entityIds: [id], requestId }, tx.db);
        return loadFile(tx, beneficiary);
      });
    },

    async createBeneficiary(scope: TenantScope, actor: Actor, input: BeneficiaryCreateInput, requestId?: string) {
      return inTransaction(scope, async (tx) => {
        let household: repo.HouseholdRow;
        if (input.householdId) {
          const found = await repo.findHousehold(tx, input.householdId);
          if (!found) throw notFound('Foyer');
          household = found;
        } else {
          const h = input.household!;
          household = await repo.insertHousehold(tx, { ...h, ...(await placeAddress(tx, h, 'household.communeCode')) });
          await audit.record({ actor, action: 'create', entityType: 'household', entityIds: [household.id], requestId }, tx.db);
        }
        await checkWorkerIds(tx, [...input.preferences.preferredWorkerIds, ...input.preferences.refusedWorkerIds], 'preferences');
        await checkSectorId(tx, input.sectorId);
        // Without an address of its own, the person lives at the household's.
        const hasOwnAddress = Boolean(input.addressLine || input.communeCode || input.latitude != null);
        const address = hasOwnAddress
          ? { addressLine: input.addressLine, postalCode: input.postalCode, communeCode: input.communeCode, ...(await placeAddress(tx, input)) }
          : { addressLine: household.addressLine, postalCode: household.postalCode, communeCode: household.communeCode, latitude: household.latitude, longitude: household.longitude };
        const created = await repo.insertBeneficiary(tx, {
          householdId: household.id,
          firstName: input.firstName,
          lastName: input.lastName,
          birthDate: input.birthDate,
          gir: input.gir,
          ...address,
          phone: input.phone,
          sectorId: input.sectorId,
          accessDetails: input.accessDetails,
          notes: input.notes,
          needs: input.needs,
          activityCodes: input.activityCodes,
          consents: consentRows(input.consents, actor),
        });
        await repo.replaceContacts(tx, created.id, contactRows(input.contacts));
        await repo.replaceCarePlans(tx, created.id, carePlanRows(input.carePlans));
        await repo.replacePreferences(tx, created.id, preferenceRows(input.preferences));
        await audit.record({ actor, action: 'create', entityType: 'beneficiary', entityIds: [created.id], requestId }, tx.db);
        return loadFile(tx, created);
      });
    },

    async updateBeneficiary(scope: TenantScope, actor: Actor, id: string, input: BeneficiaryUpdateInput, requestId?: string) {
      return inTransaction(scope, async (tx) => {
        const before = await requireBeneficiary(tx, id);
        if (before.erasedAt) throw new DomainError('conflict', 'Ce dossier a été effacé : il ne peut plus être modifié.');
        const { contacts, carePlans, preferences, consents, ...fields } = input;
        if ('sectorId' in input) await checkSectorId(tx, input.sectorId);
        const changes: Parameters<typeof repo.updateBeneficiary>[2] = { ...fields };
        const addressChanged = ['addressLine', 'communeCode', 'latitude', 'longitude'].some((k) => k in input);
        if (addressChanged) {
          const addressLine = 'addressLine' in input ? input.addressLine : before.addressLine;
          const communeCode = 'communeCode' in input ? input.communeCode : before.communeCode;
          // A changed address moves the point, unless a new point comes with it (forms send the old one back).
          const movedAddress = (addressLine ?? null) !== before.addressLine || (communeCode ?? null) !== before.communeCode;
          const isOldPoint = input.latitude === before.latitude && input.longitude === before.longitude;
          const merged = {
            addressLine,
            communeCode,
            latitude: 'latitude' in input && !(movedAddress && isOldPoint) ? input.latitude : null,
            longitude: 'longitude' in input && !(movedAddress && isOldPoint) ? input.longitude : null,
          };
          Object.assign(changes, await placeAddress(tx, merged));
        }
        if (consents) changes.consents = consentRows(consents, actor);
        changes.updatedAt = clock.now();
        await repo.updateBeneficiary(tx, id, changes);
        if (contacts) await repo.replaceContacts(tx, id, contactRows(contacts));
        if (carePlans) await repo.replaceCarePlans(tx, id, carePlanRows(carePlans));
        if (preferences) {
          await checkWorkerIds(tx, [...preferences.preferredWorkerIds, ...preferences.refusedWorkerIds], 'preferences');
          await repo.replacePreferences(tx, id, preferenceRows(preferences));
        }
        await audit.record({ actor, action: 'update', entityType: 'beneficiary', entityIds: [id], requestId, details: { fields: Object.keys(input).sort() } }, tx.db);
        return loadFile(tx, (await repo.findBeneficiary(tx, id))!);
      });
    },

    async addDocument(scope: TenantScope, actor: Actor, beneficiaryId: string, document: { name: string; contentType: string; content: Uint8Array }, requestId?: string) {
      if (document.content.byteLength === 0) throw validation('body', 'Le document est vide.');
      if (document.content.byteLength > MAX_DOCUMENT_BYTES) throw validation('body', 'Le document dépasse 5 Mo.');
      return inTransaction(scope, async (tx) => {
        const b = await requireBeneficiary(tx, beneficiaryId);
        if (b.erasedAt) throw new DomainError('conflict', 'Ce dossier a été effacé : il ne peut plus être modifié.');
        const created = await repo.insertDocument(tx, { beneficiaryId, name: document.name, contentType: document.contentType, sizeBytes: document.content.byteLength, content: document.content, uploadedByUserId: actor.userId });
        await audit.record({ actor, action: 'create', entityType: 'beneficiary', entityIds: [beneficiaryId], requestId, details: { documentId: created.id } }, tx.db);
        return created;
      });
    },

    async getDocument(scope: TenantScope, actor: Actor, beneficiaryId: string, documentId: string, requestId?: string) {
      return inTransaction(scope, async (tx) => {
        await requireBeneficiary(tx, beneficiaryId);
        const doc = await repo.findDocument(tx, beneficiaryId, documentId);
        if (!doc) throw notFound('Document');
        await audit.record({ actor, action: 'read', entityType: 'beneficiary', entityIds: [beneficiaryId], requestId, details: { documentId } }, tx.db);
        return { name: doc.name, contentType: doc.contentType, content: doc.content };
      });
    },

    /** Everything the organisation holds about the person, as one JSON document (RGPD art. 15 and 20). */
    async exportBeneficiary(scope: TenantScope, actor: Actor, id: string, requestId?: string) {
      const data = await inTransaction(scope, async (tx) => {
        const b = await requireBeneficiary(tx, id);
        const file = await loadFile(tx, b);
        const [household, documents, visits] = await Promise.all([repo.findHousehold(tx, b.householdId), repo.findDocuments(tx, id), repo.findVisitsOfBeneficiary(tx, id)]);
        const workerIds = [...new Set([...file.preferences.preferredWorkerIds, ...file.preferences.refusedWorkerIds, ...visits.flatMap((v) => (v.workerId ? [v.workerId] : []))])];
        const workers = await repo.findWorkers(tx, { ids: workerIds });
        await audit.record({ actor, action: 'export', entityType: 'beneficiary', entityIds: [id], requestId }, tx.db);
        if (household) await audit.record({ actor, action: 'export', entityType: 'household', entityIds: [household.id], requestId, details: { beneficiaryId: id } }, tx.db);
        return {
          format: 'proxidom-export-beneficiaire',
          version: 1,
          exportedAt: clock.now(),
          beneficiary: { ...file, documents: undefined },
          household: household ? householdView(household) : null,
          workers: workers.map((w) => ({ id: w.id, firstName: w.firstName, lastName: w.lastName })),
          documents: documents.map((d) => ({ id: d.id, name: d.name, contentType: d.contentType, sizeBytes: d.sizeBytes, createdAt: d.createdAt, contentBase64: Buffer.from(d.content).toString('base64') })),
          visits: visits.map((v) => ({ id: v.id, contractId: v.contractId, workerId: v.workerId, activityCode: v.activityCode, startsAt: v.startsAt, durationMin: v.durationMin, status: v.status, cancelledReason: v.cancelledReason })),
        };
      });
      // After the transaction: the audit history reads on the database itself (one connection on PGlite).
      const accessLog = await audit.history('beneficiary', id);
      return { ...data, accessLog: accessLog.map((e) => ({ at: e.at, action: e.action, actorUserId: e.actorUserId, details: e.details })) };
    },

    /**
     * RGPD erasure: identity, address, contacts, access details, notes, needs, consents, documents and
     * preferences go; contracts (activity, mode, price, dates), care plans' funding facts and past visits stay
     * (invoices and funders' billing must be kept, Code de commerce L123-22), shown as « Personne effacée ».
     * Future planned visits are cancelled and contracts ended. Irreversible.
     */
    async eraseBeneficiary(scope: TenantScope, actor: Actor, id: string, requestId?: string) {
      return inTransaction(scope, async (tx) => {
        const b = await requireBeneficiary(tx, id);
        if (b.erasedAt) throw new DomainError('conflict', 'Ce dossier est déjà effacé.');
        const now = clock.now();
        await repo.updateBeneficiary(tx, id, {
          firstName: ERASED_FIRST_NAME,
          lastName: ERASED_LAST_NAME,
          birthDate: null,
          gir: null,
          addressLine: null,
          postalCode: null,
          latitude: null,
          longitude: null,
          phone: null,
          accessDetails: null,
          notes: null,
          needs: [],
          activityCodes: [],
          consents: [],
          erasedAt: now,
          updatedAt: now,
        });
        await repo.replaceContacts(tx, id, []);
        await repo.replacePreferences(tx, id, []);
        await repo.deleteDocuments(tx, id);
        const cancelledVisits = await visitsRepo.cancelFutureVisitsOfBeneficiary(tx, id, now, 'Dossier effacé (RGPD)');
        await repo.endContractsOfBeneficiary(tx, id);
        await audit.record({ actor, action: 'erase', entityType: 'beneficiary', entityIds: [id], requestId, details: { cancelledVisits } }, tx.db);
        return { id, erasedAt: now, displayName: `${ERASED_FIRST_NAME} ${ERASED_LAST_NAME}`, cancelledVisits };
      });
    },

    // ------------------------------------------------------------ contracts

    async listContracts(scope: TenantScope, filter: { beneficiaryId?: string }) {
      if (filter.beneficiaryId) await requireBeneficiary(scope, filter.beneficiaryId);
      const rows = await repo.findContracts(scope, filter);
      const suspensions = await repo.findSuspensions(scope, rows.map((c) => c.id));
      return rows.map((c) => contractView(c, suspensions));
    },

    async getContract(scope: TenantScope, id: string) {
      const c = await requireContract(scope, id);
      return contractView(c, await repo.findSuspensions(scope, [id]));
    },

    async createContract(scope: TenantScope, actor: Actor, input: ContractCreateInput, requestId?: string) {
      return inTransaction(scope, async (tx) => {
        const b = await requireBeneficiary(tx, input.beneficiaryId);
        if (b.erasedAt) throw new DomainError('conflict', 'Ce dossier a été effacé : aucun contrat ne peut y être ajouté.');
        const created = await repo.insertContract(tx, {
          beneficiaryId: b.id,
          householdId: b.householdId,
          activityCode: input.activityCode,
          mode: input.mode,
          hourlyPriceCents: input.hourlyPriceCents,
          recurrence: toStoredRecurrence(input.recurrence),
          startsOn: input.startsOn,
          endsOn: input.endsOn,
          status: input.status,
          requiredSkills: input.requiredSkills,
          tasks: input.tasks,
        });
        await audit.record({ actor, action: 'create', entityType: 'contract', entityIds: [created.id], requestId, details: { beneficiaryId: b.id } }, tx.db);
        return contractView(created, []);
      });
    },

    async updateContract(scope: TenantScope, actor: Actor, id: string, input: ContractUpdateInput, requestId?: string) {
      return inTransaction(scope, async (tx) => {
        const before = await requireContract(tx, id);
        const startsOn = input.startsOn ?? before.startsOn;
        const endsOn = 'endsOn' in input ? (input.endsOn ?? null) : before.endsOn;
        if (endsOn !== null && endsOn < startsOn) throw validation('endsOn', 'La date de fin ne peut pas précéder la date de début.');
        const { recurrence, ...rest } = input;
        await repo.updateContract(tx, id, { ...rest, ...(recurrence ? { recurrence: toStoredRecurrence(recurrence) } : {}), updatedAt: clock.now() });
        await audit.record({ actor, action: 'update', entityType: 'contract', entityIds: [id], requestId, details: { fields: Object.keys(input).sort() } }, tx.db);
        return contractView((await repo.findContract(tx, id))!, await repo.findSuspensions(tx, [id]));
      });
    },

    async addSuspension(scope: TenantScope, actor: Actor, contractId: string, input: SuspensionInput, requestId?: string) {
      return inTransaction(scope, async (tx) => {
        await requireContract(tx, contractId);
        const created = await repo.insertSuspension(tx, { contractId, ...input });
        await audit.record({ actor, action: 'update', entityType: 'contract', entityIds: [contractId], requestId, details: { suspensionId: created.id } }, tx.db);
        return { id: created.id, contractId, startsOn: created.startsOn, endsOn: created.endsOn, reason: created.reason };
      });
    },

    async removeSuspension(scope: TenantScope, actor: Actor, contractId: string, suspensionId: string, requestId?: string) {
      return inTransaction(scope, async (tx) => {
        await requireContract(tx, contractId);
        if (!(await repo.deleteSuspension(tx, contractId, suspensionId))) throw notFound('Suspension');
        await audit.record({ actor, action: 'update', entityType: 'contract', entityIds: [contractId], requestId, details: { removedSuspensionId: suspensionId } }, tx.db);
      });
    },

    // ------------------------------------------------------------ visits (generation, cancel, one-off)

    generateWeek: generation.generateWeek,
    cancelVisit: generation.cancelVisit,
    changeVisitOneOff: generation.changeVisitOneOff,

    // ------------------------------------------------------------ workers

    async listWorkers(scope: TenantScope) {
      return workerViews(scope, await repo.findWorkers(scope));
    },

    async getWorker(scope: TenantScope, id: string) {
      const [view] = await workerViews(scope, [await requireWorker(scope, id)]);
      return view!;
    },

    async createWorker(scope: TenantScope, input: WorkerCreateInput) {
      return inTransaction(scope, async (tx) => {
        const point = await placeAddress(tx, { latitude: input.homeLatitude, longitude: input.homeLongitude, communeCode: input.communeCode, addressLine: `${input.firstName} ${input.lastName}` });
        const { qualifications, availability, homeLatitude: _lat, homeLongitude: _lon, ...fields } = input;
        await checkSectorId(tx, input.sectorId);
        const created = await repo.insertWorker(tx, { ...fields, homeLatitude: point.latitude, homeLongitude: point.longitude });
        await repo.replaceQualifications(tx, created.id, qualificationRows(qualifications));
        await repo.replaceAvailability(tx, created.id, availabilityRows(availability));
        const [view] = await workerViews(tx, [created]);
        return view!;
      });
    },

    async updateWorker(scope: TenantScope, id: string, input: WorkerUpdateInput) {
      return inTransaction(scope, async (tx) => {
        const before = await requireWorker(tx, id);
        const { qualifications, availability, homeLatitude, homeLongitude, ...fields } = input;
        if ('sectorId' in input) await checkSectorId(tx, input.sectorId);
        const changes: Parameters<typeof repo.updateWorker>[2] = { ...fields, updatedAt: clock.now() };
        if ('homeLatitude' in input || 'homeLongitude' in input || 'communeCode' in input) {
          const point = await placeAddress(tx, {
            latitude: 'homeLatitude' in input ? homeLatitude : null,
            longitude: 'homeLongitude' in input ? homeLongitude : null,
            communeCode: 'communeCode' in input ? input.communeCode : before.communeCode,
            addressLine: `${input.firstName ?? before.firstName} ${input.lastName ?? before.lastName}`,
          });
          changes.homeLatitude = point.latitude;
          changes.homeLongitude = point.longitude;
        }
        await repo.updateWorker(tx, id, changes);
        if (qualifications) await repo.replaceQualifications(tx, id, qualificationRows(qualifications));
        if (availability) await repo.replaceAvailability(tx, id, availabilityRows(availability));
        const [view] = await workerViews(tx, [(await repo.findWorker(tx, id))!]);
        return view!;
      });
    },

    /** Adds a qualification, or replaces the dates of the one with the same code. */
    async addQualification(scope: TenantScope, workerId: string, input: QualificationInput) {
      return inTransaction(scope, async (tx) => {
        await requireWorker(tx, workerId);
        const saved = await repo.upsertQualification(tx, workerId, qualificationRows([input])[0]!);
        return { id: saved.id, workerId, skillCode: saved.skillCode, obtainedOn: saved.obtainedOn, expiresOn: saved.expiresOn, reference: saved.reference };
      });
    },

    async listQualificationAlerts(scope: TenantScope, withinDays = 60) {
      const [workers, qualifications] = await Promise.all([repo.findWorkers(scope), repo.findQualifications(scope)]);
      return qualificationAlerts(
        workers.map((w) => ({ id: w.id, firstName: w.firstName, lastName: w.lastName, qualifications: qualifications.filter((q) => q.workerId === w.id) })),
        today(),
        withinDays,
      );
    },

    async listAbsences(scope: TenantScope, workerId: string) {
      await requireWorker(scope, workerId);
      const rows = await repo.findAbsences(scope, { workerIds: [workerId] });
      return rows.map((a) => ({ id: a.id, workerId: a.workerId, startsAt: a.startsAt, endsAt: a.endsAt, kind: a.kind, note: a.note, createdAt: a.createdAt }));
    },

    async deleteAbsence(scope: TenantScope, workerId: string, absenceId: string) {
      await requireWorker(scope, workerId);
      if (!(await repo.deleteAbsence(scope, workerId, absenceId))) throw notFound('Absence');
    },

    // ------------------------------------------------------------ for the schedule feature (stable API)

    /** The organisation's workers as the planner needs them, with skills valid on `from` and absences in [from, to). */
    async listWorkersForPlanning(scope: TenantScope, range: { from: Date; to: Date }): Promise<PlanningWorker[]> {
      const rows = await repo.findWorkers(scope);
      const ids = rows.map((w) => w.id);
      const [qualifications, availability, absences] = await Promise.all([
        repo.findQualifications(scope, ids),
        repo.findAvailability(scope, ids),
        repo.findAbsences(scope, { workerIds: ids, from: range.from, to: range.to }),
      ]);
      const day = localDateOf(range.from);
      return rows.map((w) => ({
        id: w.id,
        firstName: w.firstName,
        lastName: w.lastName,
        userId: w.userId,
        skills: skillsOn(w.skills, qualifications.filter((q) => q.workerId === w.id), day),
        homeLatitude: w.homeLatitude,
        homeLongitude: w.homeLongitude,
        communeCode: w.communeCode,
        transportMode: w.transportMode,
        contractHoursPerWeek: w.contractHoursPerWeek,
        maxHoursPerDay: w.maxHoursPerDay,
        sectorId: w.sectorId,
        availability: availability.filter((a) => a.workerId === w.id).map((a) => ({ weekday: a.weekday, start: a.startTime, end: a.endTime })),
        absences: absences.filter((a) => a.workerId === w.id).map((a) => ({ id: a.id, startsAt: a.startsAt, endsAt: a.endsAt, kind: a.kind })),
      }));
    },

    /** Beneficiaries' planning facts (not audited: no health data; access details filtered by the day view). */
    async listBeneficiariesForPlanning(scope: TenantScope, ids: string[]): Promise<PlanningBeneficiary[]> {
      const unique = [...new Set(ids)];
      const [rows, preferences, sectors] = await Promise.all([repo.findBeneficiariesByIds(scope, unique), repo.findPreferences(scope, unique), sectorsRepo.findSectors(scope)]);
      const byCommune = sectorByCommune(sectors);
      return rows.map((b) => ({
        id: b.id,
        firstName: b.firstName,
        lastName: b.lastName,
        latitude: b.latitude,
        longitude: b.longitude,
        communeCode: b.communeCode,
        addressLine: b.addressLine,
        accessDetails: b.accessDetails,
        preferredWorkerIds: preferences.filter((p) => p.beneficiaryId === b.id && p.kind === 'preferred').map((p) => p.workerId),
        refusedWorkerIds: preferences.filter((p) => p.beneficiaryId === b.id && p.kind === 'refused').map((p) => p.workerId),
        sectorId: effectiveSectorId(b, byCommune),
      }));
    },

    /** The organisation's sectors (for the board's filter). */
    async listSectors(scope: TenantScope): Promise<{ id: string; name: string; coordinatorUserIds: string[] }[]> {
      return (await sectorsRepo.findSectors(scope)).map((s) => ({ id: s.id, name: s.name, coordinatorUserIds: s.coordinatorUserIds }));
    },

    /**
     * The households of these beneficiaries with the address to write to (the household's e-mail, else a contact's
     * of one of its people, emergency contacts first), one entry per household. Erased files are left out.
     */
    async listHouseholdContacts(scope: TenantScope, beneficiaryIds: string[]): Promise<HouseholdContact[]> {
      const { households, contacts } = await repo.findHouseholdEmailsOfBeneficiaries(scope, [...new Set(beneficiaryIds)]);
      const out = new Map<string, HouseholdContact>();
      for (const h of households) {
        const entry = out.get(h.householdId) ?? { householdId: h.householdId, householdName: h.householdName, email: null, beneficiaryIds: [] };
        entry.beneficiaryIds.push(h.beneficiaryId);
        entry.email ??= h.email;
        out.set(h.householdId, entry);
      }
      for (const entry of out.values()) entry.email ??= contacts.find((c) => entry.beneficiaryIds.includes(c.beneficiaryId))?.email ?? null;
      return [...out.values()];
    },

    /** Records an absence of a worker of the organisation (404 otherwise), in the caller's transaction when given. */
    async recordAbsence(scope: TenantScope, actor: Actor, workerId: string, absence: { from: Date; to: Date; kind?: string; note?: string }, executor?: Executor) {
      const s = executor ? scope.withExecutor(executor) : scope;
      await requireWorker(s, workerId);
      if (!(absence.to.getTime() > absence.from.getTime())) throw validation('to', "La fin de l'absence doit suivre son début.");
      const kind = (absence.kind ?? 'autre') as AbsenceKind;
      if (!['conge', 'maladie', 'formation', 'autre'].includes(kind)) throw validation('kind', "Choisissez le type d'absence : congé, maladie, formation ou autre.");
      const created = await repo.insertAbsence(s, { workerId, startsAt: absence.from, endsAt: absence.to, kind, note: absence.note ?? null, createdByUserId: actor.userId });
      return { id: created.id, startsAt: created.startsAt, endsAt: created.endsAt };
    },

    findWorkerByUserId: (scope: TenantScope, userId: string) => repo.findWorkerByUserId(scope, userId),

    // ------------------------------------------------------------ for the requests feature (stable API)

    /** The household a user account is, or undefined when it has none yet. */
    findHouseholdOfUser: (userId: string, executor?: Executor) => repo.findHouseholdByUserId(executor ?? deps.db, userId),

    /**
     * The household of a household account, created from the given facts when it has none yet (right after
     * sign-up), in the caller's transaction when given. The household is its own: no organisation created it.
     */
    async ensureHouseholdOfUser(actor: Actor, facts: { name: string; email: string | null; addressLine: string | null; postalCode: string | null; communeCode: string | null }, executor?: Executor) {
      const db = executor ?? deps.db;
      const existing = await repo.findHouseholdByUserId(db, actor.userId);
      if (existing) return householdView(existing);
      const commune = facts.communeCode ? await repo.findCommune(db, facts.communeCode) : undefined;
      const point = commune ? placeNearCentre(commune, `${facts.communeCode}|${(facts.addressLine ?? '').toLowerCase()}`) : { latitude: null, longitude: null };
      const created = await repo.insertOwnHousehold(db, { ...facts, ...point, userId: actor.userId });
      await audit.record({ actor, action: 'create', entityType: 'household', entityIds: [created.id] }, db);
      return householdView(created);
    },

    /** Minutes planned per worker of the organisation for visits starting in [from, to) (cancelled ones excluded). */
    async plannedMinutesByWorker(scope: TenantScope, range: { from: Date; to: Date }, workerIds: string[]): Promise<Map<string, number>> {
      const rows = await visitsRepo.findPlannedVisitsOfWorkers(scope, workerIds, range.from, range.to);
      const out = new Map<string, number>();
      for (const v of rows) {
        if (!v.workerId || v.startsAt.getTime() < range.from.getTime()) continue;
        out.set(v.workerId, (out.get(v.workerId) ?? 0) + v.durationMin);
      }
      return out;
    },

    /**
     * An accepted request becomes a client of the organisation, in the caller's transaction: the requesting
     * household is linked (the beneficiary and the contracts refer to it, which makes it visible to the
     * organisation), the person's file is created — or the organisation's existing file of the same person in
     * that household is reused (no double entry) — with the APA plan when there is one, and one contract per
     * activity with its weekly recurrence.
     */
    async createClientFromRequest(
      scope: TenantScope,
      actor: Actor,
      input: {
        householdId: string;
        beneficiary: { firstName: string; lastName: string; birthDate: string | null; gir: number | null; addressLine: string | null; postalCode: string | null; communeCode: string | null; needs: string[]; activityCodes: string[] };
        carePlan: { funder: 'apa'; hoursPerMonth: number; startsOn: string } | null;
        contracts: { activityCode: string; mode: string; hourlyPriceCents: number; recurrence: RecurrenceSlot[]; startsOn: string; endsOn: string | null; requiredSkills: string[]; tasks: string[] }[];
      },
      executor: Executor,
      requestId?: string,
    ) {
      const tx = scope.withExecutor(executor);
      let beneficiary = await repo.findBeneficiaryOfHousehold(tx, input.householdId, input.beneficiary.firstName);
      const isLinked = beneficiary !== undefined;
      if (!beneficiary) {
        const point = await placeAddress(tx, input.beneficiary);
        beneficiary = await repo.insertBeneficiary(tx, { ...input.beneficiary, ...point, householdId: input.householdId, consents: [] });
        if (input.carePlan) await repo.replaceCarePlans(tx, beneficiary.id, [{ funder: input.carePlan.funder, hoursPerMonth: input.carePlan.hoursPerMonth, startsOn: input.carePlan.startsOn }]);
        await audit.record({ actor, action: 'create', entityType: 'beneficiary', entityIds: [beneficiary.id], requestId, details: { from: 'service_request' } }, executor);
      }
      const created = [];
      for (const c of input.contracts) {
        created.push(await repo.insertContract(tx, { ...c, beneficiaryId: beneficiary.id, householdId: input.householdId, status: 'active' }));
      }
      await audit.record({ actor, action: 'create', entityType: 'contract', entityIds: created.map((c) => c.id), requestId, details: { beneficiaryId: beneficiary.id, from: 'service_request' } }, executor);
      return { beneficiaryId: beneficiary.id, isExistingBeneficiary: isLinked, contractIds: created.map((c) => c.id) };
    },

    // ------------------------------------------------------------ for the billing, urssaf and visits features (stable API)
    // Each is one query for any number of ids: callers pass the ids of a whole month at once.

    /** APA/PCH plans of these beneficiaries in force during the days [firstDay, lastDay] (for invoicing their shares). */
    async listFundingPlans(scope: TenantScope, beneficiaryIds: string[], days: { firstDay: string; lastDay: string }): Promise<FundingPlanInForce[]> {
      const rows = await repo.findFundingPlansInForce(scope, beneficiaryIds, days.firstDay, days.lastDay);
      return rows.map((r) => ({ ...r, funder: r.funder as 'apa' | 'pch' }));
    },

    /** Identity and address of households (printed on invoices), with their commune's name. */
    listHouseholdIdentities: (householdIds: string[]): Promise<HouseholdIdentity[]> => repo.findHouseholdIdentities(deps.db, householdIds),

    /** Every household a user account is (a person may hold more than one). */
    listHouseholdIdsOfUser: (userId: string): Promise<string[]> => repo.findHouseholdIdsByUserId(deps.db, userId),

    /** Whether the organisation keeps the file of someone of this household (erased files included). */
    hasBeneficiaryInHousehold: (scope: TenantScope, householdId: string): Promise<boolean> => repo.hasBeneficiaryInHousehold(scope, householdId),

    /** Names and household of the organisation's beneficiaries (no health data, not audited), by ids or of one household. */
    listBeneficiaryNames: (scope: TenantScope, filter: { ids?: string[]; householdId?: string }): Promise<BeneficiaryName[]> => repo.findBeneficiaryNames(scope, filter),

    /**
     * What a worker's travel credit needs, in one query: the homes of these beneficiaries of the organisation (points
     * null when unknown) and the worker's transport mode (null when not a worker of the organisation).
     */
    async getTravelFacts(scope: TenantScope, workerId: string, beneficiaryIds: string[]): Promise<{ transportMode: string | null; places: { beneficiaryId: string; latitude: number | null; longitude: number | null }[] }> {
      const rows = await repo.findTravelFacts(scope, workerId, [...new Set(beneficiaryIds)]);
      return { transportMode: rows[0]?.transportMode ?? null, places: rows.map((r) => ({ beneficiaryId: r.beneficiaryId, latitude: r.latitude, longitude: r.longitude })) };
    },

    /** Names of the organisation's workers with these ids. */
    listWorkerNames: (scope: TenantScope, ids: string[]): Promise<WorkerName[]> => repo.findWorkerNames(scope, [...new Set(ids)]),

    /** Mode, hourly price and tasks of the organisation's contracts with these ids. */
    listContractTerms: (scope: TenantScope, ids: string[]): Promise<ContractTerms[]> => repo.findContractTerms(scope, [...new Set(ids)]),

    /** The beneficiaries of the households a user holds, whichever organisation keeps their file, by last then first name. */
    listBeneficiariesOfHouseholdUser: (userId: string): Promise<{ beneficiaryId: string; organisationId: string }[]> => repo.findBeneficiariesOfHouseholdUser(deps.db, userId),
  };
}

function qualificationRows(rows: QualificationInput[]) {
  return rows.map((q) => ({ skillCode: q.skillCode, obtainedOn: q.obtainedOn, expiresOn: q.expiresOn, reference: q.reference }));
}

function availabilityRows(rows: AvailabilitySlot[]) {
  return rows.map((a) => ({ weekday: a.weekday, startTime: a.start, endTime: a.end }));
}

export type CareService = ReturnType<typeof createCareService>;
