/**
 * The plain rows the generators produce, one type per table: the table's insert type (so that a column
 * added later, nullable or with a default, needs no change here) with the columns the generators set and
 * read made required. created_at/updated_at are left to the database.
 */
import type {
  beneficiaries,
  communes,
  contracts,
  households,
  organisationActivities,
  organisationCommunes,
  organisationRegimes,
  organisations,
  territories,
  visits,
  workers,
} from '../schema';

type Row<T> = Omit<T, 'createdAt' | 'updatedAt'>;

export type TerritoryRow = Row<typeof territories.$inferInsert> & { id: string };
export type CommuneRow = Row<typeof communes.$inferInsert> & { territoryId: string; postalCodes: string[] };
export type OrganisationRow = Row<typeof organisations.$inferInsert> & {
  id: string;
  communeCode: string;
  postalCode: string;
  addressLine: string;
  latitude: number;
  longitude: number;
  phone: string;
  email: string;
  website: string | null;
  description: string;
  modes: string[];
  publics: string[];
  qualityLabels: string[];
  isAcceptingClients: boolean;
};
export type OrganisationActivityRow = Row<typeof organisationActivities.$inferInsert> & {
  hourlyPriceCents: number;
};
export type OrganisationCommuneRow = Row<typeof organisationCommunes.$inferInsert>;
export type OrganisationRegimeRow = Row<typeof organisationRegimes.$inferInsert> & {
  startsOn: string | null;
  endsOn: string | null;
};
export type WorkerRow = Row<typeof workers.$inferInsert> & {
  id: string;
  userId: string | null;
  phone: string;
  email: string | null;
  communeCode: string;
  homeLatitude: number;
  homeLongitude: number;
  transportMode: string;
  contractHoursPerWeek: number;
  maxHoursPerDay: number;
  skills: string[];
};
export type HouseholdRow = Row<typeof households.$inferInsert> & {
  id: string;
  userId: string | null;
  addressLine: string;
  phone: string;
  email: string | null;
  communeCode: string;
  postalCode: string;
  latitude: number;
  longitude: number;
};
export type BeneficiaryRow = Row<typeof beneficiaries.$inferInsert> & {
  id: string;
  birthDate: string | null;
  gir: number | null;
  addressLine: string;
  phone: string | null;
  accessDetails: string | null;
  notes: string | null;
  communeCode: string;
  postalCode: string;
  latitude: number;
  longitude: number;
};
/** One weekly slot of a contract (contracts.recurrence), local time Europe/Paris. */
export interface RecurrenceSlot {
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** "HH:MM". */
  start: string;
  durationMin: number;
  /** The visit may start this many minutes before or after `start`. */
  toleranceMin: number;
}
export type ContractRow = Row<typeof contracts.$inferInsert> & {
  id: string;
  recurrence: RecurrenceSlot[];
  startsOn: string;
  endsOn: string | null;
  status: string;
};
export type VisitRow = Row<typeof visits.$inferInsert> & {
  id: string;
  contractId: string | null;
  workerId: string | null;
  requiredSkills: string[];
  status: string;
  isLocked: boolean;
};
