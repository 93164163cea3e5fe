import { doublePrecision, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const territories = pgTable('territories', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  /** SIREN of the EPCI (métropole, agglomération) that runs the instance. */
  epciSiren: text('epci_siren'),
  departementCode: text('departement_code'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const communes = pgTable('communes', {
  /** INSEE code: a string, it has leading zeros and Corsican letters. */
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  postalCodes: text('postal_codes').array().notNull(),
  population: integer('population').notNull().default(0),
  latitude: doublePrecision('latitude').notNull(),
  longitude: doublePrecision('longitude').notNull(),
  /** GeoJSON geometry (Polygon or MultiPolygon, WGS84), null outside the territory. */
  outline: jsonb('outline'),
  territoryId: uuid('territory_id').references(() => territories.id),
});
