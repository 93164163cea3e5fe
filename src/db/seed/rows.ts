/**
 * The plain rows the generators produce, one type per table: every column given explicitly (null when
 * unknown) so that the same seed gives byte-for-byte the same rows; created_at/updated_at are left to the
 * database.
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

type Row<T> = Omit<Required<T>, 'createdAt' | 'updatedAt'>;

export type TerritoryRow = Row<typeof territories.$inferInsert> & { id: string };
export type CommuneRow = Row<typeof communes.$inferInsert> & { territoryId: string };
export type OrganisationRow = Row<typeof organisations.$inferInsert> & {
  id: string;
  communeCode: string;
  postalCode: string;
  latitude: number;
  longitude: number;
  modes: string[];
  publics: string[];
};
export type OrganisationActivityRow = Row<typeof organisationActivities.$inferInsert> & { hourlyPriceCents: number };
export type OrganisationCommuneRow = Row<typeof organisationCommunes.$inferInsert>;
export type OrganisationRegimeRow = Row<typeof organisationRegimes.$inferInsert>;
export type WorkerRow = Row<typeof workers.$inferInsert> & {
  id: string;
  communeCode: string;
  homeLatitude: number;
  homeLongitude: number;
  skills: string[];
};
export type HouseholdRow = Row<typeof households.$inferInsert> & {
  id: string;
  communeCode: string;
  postalCode: string;
  latitude: number;
  longitude: number;
};
export type BeneficiaryRow = Row<typeof beneficiaries.$inferInsert> & {
  id: string;
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
export type ContractRow = Row<typeof contracts.$inferInsert> & { id: string; recurrence: RecurrenceSlot[] };
export type VisitRow = Row<typeof visits.$inferInsert> & { id: string; requiredSkills: string[] };
