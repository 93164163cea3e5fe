/**
 * Provider profiles: the public page of each organisation, and the profile its administrator edits
 * (validated by organisationProfileSchema, audited, written in one transaction).
 */
import type { Db } from '../../db/client';
import type { TenantScope } from '../../db/tenant-scope';
import { ACTIVITIES } from '../../domain/activities';
import type { Actor } from '../../domain/access';
import { LEGAL_FORM_INFO, type LegalForm } from '../../domain/organisation';
import {
  WEEKDAYS,
  type OrganisationProfile,
  type OrganisationProfileInput,
  type Weekday,
} from '../../domain/schemas/organisation';
import { DomainError, notFound, type FieldError } from '../../shared/errors';
import type { AuditService } from '../audit/audit.service';
import * as repo from './profile.repo';

/** The seed stores opening hours by English day key; the API speaks French days. */
const DAY_KEYS: Readonly<Record<Weekday, string>> = {
  lundi: 'mon',
  mardi: 'tue',
  mercredi: 'wed',
  jeudi: 'thu',
  vendredi: 'fri',
  samedi: 'sat',
  dimanche: 'sun',
};

type Slot = { day: Weekday; opens: string; closes: string };

/** Opening hours as stored (`{mon: [{opens, closes}]}`, or already a list) → `[{day, opens, closes}]`, Monday first. */
export function openingHoursFromStored(stored: unknown): Slot[] {
  if (Array.isArray(stored)) return stored as Slot[];
  if (stored === null || typeof stored !== 'object') return [];
  const record = stored as Record<string, { opens: string; closes: string }[] | undefined>;
  return WEEKDAYS.flatMap((day) =>
    (record[DAY_KEYS[day]] ?? record[day] ?? []).map((s) => ({ day, opens: s.opens, closes: s.closes })),
  );
}

export function openingHoursToStored(
  slots: readonly Slot[],
): Record<string, { opens: string; closes: string }[]> {
  const stored: Record<string, { opens: string; closes: string }[]> = {};
  for (const day of WEEKDAYS) stored[DAY_KEYS[day]] = [];
  for (const slot of [...slots].sort((a, b) => a.opens.localeCompare(b.opens)))
    stored[DAY_KEYS[slot.day]]!.push({ opens: slot.opens, closes: slot.closes });
  return stored;
}

type Price = OrganisationProfile['prices'][number];

function pricesOf(rows: repo.ProfileRows): Price[] {
  if (Array.isArray(rows.organisation.prices)) return rows.organisation.prices as Price[];
  return rows.activities
    .filter((a) => a.hourlyPriceCents !== null)
    .map(
      (a) =>
        ({
          activityCode: a.activityCode,
          mode: a.mode,
          unit: 'heure',
          priceTtcCents: a.hourlyPriceCents!,
        }) as Price,
    );
}

function registration(rows: repo.ProfileRows, kind: string) {
  const r = rows.regimes.find((x) => x.kind === kind);
  if (!r) return null;
  return { number: r.number, date: r.startsOn ?? '', ...(r.endsOn ? { expiresOn: r.endsOn } : {}) };
}

/** The profile in the shape of organisationProfileSchema's input, plus its id. */
export function toProfileInput(rows: repo.ProfileRows): OrganisationProfileInput & { id: string } {
  const o = rows.organisation;
  const autorisation = rows.regimes.find((x) => x.kind === 'autorisation');
  const byActivity = new Map<string, ('prestataire' | 'mandataire')[]>();
  for (const a of rows.activities) {
    if (a.mode !== 'prestataire' && a.mode !== 'mandataire') continue;
    byActivity.set(a.activityCode, [...(byActivity.get(a.activityCode) ?? []), a.mode]);
  }
  return {
    id: o.id,
    name: o.name,
    siret: o.siret,
    legalForm: o.legalForm as LegalForm,
    address: {
      street: o.addressLine ?? '',
      ...(o.addressComplement ? { complement: o.addressComplement } : {}),
      postalCode: o.postalCode ?? '',
      communeCode: o.communeCode ?? '',
      city: rows.communeName ?? '',
    },
    phone: o.phone ?? '',
    email: o.email ?? '',
    ...(o.website ? { website: o.website } : {}),
    ...(o.description ? { description: o.description } : {}),
    activities: [...byActivity].map(([activityCode, modes]) => ({
      activityCode: activityCode as never,
      modes,
    })),
    regime: {
      declaration: registration(rows, 'declaration'),
      agrement: registration(rows, 'agrement'),
      autorisation: autorisation
        ? { ...registration(rows, 'autorisation')!, departement: autorisation.departement ?? '' }
        : null,
    },
    publics: o.publics as OrganisationProfileInput['publics'],
    openingHours: openingHoursFromStored(o.openingHours),
    prices: pricesOf(rows),
    labels: o.qualityLabels,
    communesServed: rows.communesServed.map((c) => c.code),
    acceptingNewClients: o.isAcceptingClients,
  };
}

const activityName = new Map(ACTIVITIES.map((a) => [a.code as string, a.name]));

export function createProfileService(deps: { db: Db; audit: AuditService; onChange?: () => void }) {
  const { db } = deps;

  async function getRows(organisationId: string) {
    const rows = await repo.findProfileRows(db, organisationId);
    if (!rows) throw notFound('Structure');
    return rows;
  }

  return {
    /** The public page of a provider (no personal data: the organisation's own contact details only). */
    async getPublicProfile(organisationId: string) {
      const rows = await getRows(organisationId);
      const o = rows.organisation;
      const prices = pricesOf(rows);
      const modesOf = new Map<string, string[]>();
      for (const a of rows.activities)
        modesOf.set(a.activityCode, [...(modesOf.get(a.activityCode) ?? []), a.mode]);
      const reg = (kind: string) => {
        const r = rows.regimes.find((x) => x.kind === kind);
        return r
          ? {
              number: r.number,
              date: r.startsOn,
              ...(r.endsOn ? { expiresOn: r.endsOn } : {}),
              ...(kind === 'autorisation' ? { departement: r.departement } : {}),
            }
          : null;
      };
      const modes = [...new Set([...o.modes, ...rows.activities.map((a) => a.mode)])].sort();
      return {
        id: o.id,
        name: o.name,
        siret: o.siret,
        legalForm: o.legalForm,
        legalFormLabel: LEGAL_FORM_INFO[o.legalForm as LegalForm]?.label ?? o.legalForm,
        address: {
          street: o.addressLine,
          complement: o.addressComplement,
          postalCode: o.postalCode,
          communeCode: o.communeCode,
          city: rows.communeName,
        },
        latitude: o.latitude,
        longitude: o.longitude,
        phone: o.phone,
        email: o.email,
        website: o.website,
        description: o.description,
        modes,
        publics: o.publics,
        qualityLabels: o.qualityLabels,
        openingHours: openingHoursFromStored(o.openingHours),
        isAcceptingClients: o.isAcceptingClients,
        activities: [...modesOf].map(([code, activityModes]) => ({
          code,
          name: activityName.get(code) ?? code,
          modes: activityModes,
          prices: prices
            .filter((p) => p.activityCode === code)
            .map((p) => ({ mode: p.mode, unit: p.unit, priceTtcCents: p.priceTtcCents })),
        })),
        communesServed: rows.communesServed.map((c) => ({ code: c.code, name: c.name ?? c.code })),
        regimes: {
          declaration: reg('declaration'),
          agrement: reg('agrement'),
          autorisation: reg('autorisation'),
        },
      };
    },

    async getOwnProfile(scope: TenantScope) {
      return toProfileInput(await getRows(scope.organisationId));
    },

    /**
     * Replaces the organisation's profile. Validation that needs the database (communes exist, SIRET not
     * another organisation's) happens before anything is written; the write and its audit entry (the
     * names of the fields that changed) share one transaction.
     */
    async updateOwnProfile(
      scope: TenantScope,
      actor: Actor,
      profile: OrganisationProfile,
      requestId?: string,
    ) {
      const before = toProfileInput(await getRows(scope.organisationId));
      const codes = [...new Set([profile.address.communeCode, ...profile.communesServed])];
      let found = await repo.findCommunesByCode(db, codes);
      if (found.length < codes.length) {
        await repo.loadFranceCommunes(db);
        found = await repo.findCommunesByCode(db, codes);
      }
      const known = new Map(found.map((c) => [c.code, c]));
      const errors: FieldError[] = [];
      if (!known.has(profile.address.communeCode))
        errors.push({ field: 'address.communeCode', message: 'Commune inconnue.' });
      profile.communesServed.forEach((code, i) => {
        if (!known.has(code))
          errors.push({ field: `communesServed.${i}`, message: `Commune inconnue : ${code}.` });
      });
      if (await repo.isSiretTakenByAnother(db, profile.siret, scope.organisationId)) {
        errors.push({ field: 'siret', message: 'Ce SIRET est déjà celui d’une autre structure.' });
      }
      if (errors.length > 0)
        throw new DomainError(
          'validation',
          'Certains champs sont invalides : corrigez-les puis réessayez.',
          errors,
        );

      const after = { id: before.id, ...profile };
      const changedFields = (Object.keys(profile) as (keyof OrganisationProfile)[]).filter(
        (key) => JSON.stringify(normalise(before[key])) !== JSON.stringify(normalise(after[key])),
      );
      const site = known.get(profile.address.communeCode)!;
      const communeChanged = before.address.communeCode !== profile.address.communeCode;
      const current = (await repo.findProfileRows(db, scope.organisationId))!.organisation;
      const hourly = (activityCode: string, mode: string) =>
        profile.prices.find((p) => p.activityCode === activityCode && p.mode === mode && p.unit === 'heure')
          ?.priceTtcCents ?? null;

      await db.transaction(async (tx) => {
        const txScope = scope.withExecutor(tx);
        await repo.replaceProfile(txScope, {
          organisation: {
            name: profile.name,
            siret: profile.siret,
            legalForm: profile.legalForm,
            addressLine: profile.address.street,
            addressComplement: profile.address.complement ?? null,
            postalCode: profile.address.postalCode,
            communeCode: profile.address.communeCode,
            latitude: communeChanged || current.latitude === null ? site.latitude : current.latitude,
            longitude: communeChanged || current.longitude === null ? site.longitude : current.longitude,
            phone: profile.phone,
            email: profile.email,
            website: profile.website ?? null,
            description: profile.description ?? null,
            modes: [...new Set(profile.activities.flatMap((a) => a.modes))].sort(),
            publics: profile.publics,
            qualityLabels: profile.labels,
            openingHours: openingHoursToStored(profile.openingHours),
            isAcceptingClients: profile.acceptingNewClients,
            prices: profile.prices,
            // From now on the organisation manages its profile here: a later import of the national list leaves it alone.
            importHash: null,
          },
          activities: profile.activities.flatMap((a) =>
            a.modes.map((mode) => ({
              activityCode: a.activityCode,
              mode,
              hourlyPriceCents: hourly(a.activityCode, mode),
            })),
          ),
          communeCodes: [...new Set(profile.communesServed)],
          regimes: (['declaration', 'agrement', 'autorisation'] as const).flatMap((kind) => {
            const r = profile.regime[kind];
            if (!r) return [];
            return [
              {
                kind,
                number: r.number,
                startsOn: r.date,
                endsOn: r.expiresOn ?? null,
                departement: 'departement' in r ? r.departement : null,
              },
            ];
          }),
        });
        await deps.audit.record(
          {
            actor,
            action: 'update',
            entityType: 'organisation',
            entityIds: [scope.organisationId],
            requestId,
            details: { changedFields },
          },
          tx,
        );
      });
      deps.onChange?.();
      return toProfileInput(await getRows(scope.organisationId));
    },

    async getTerritoryMap() {
      return { communes: await repo.findTerritoryCommunes(db) };
    },
  };
}

/** Undefined and empty optional values compare equal; lists of scalars compare as sets. */
function normalise(value: unknown): unknown {
  if (value === undefined || value === '') return null;
  if (Array.isArray(value)) {
    const items = value.map(normalise);
    return items.every((v) => typeof v !== 'object' || v === null) ? [...items].sort() : items;
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, normalise(v)]),
    );
  }
  return value;
}

export type ProfileService = ReturnType<typeof createProfileService>;
