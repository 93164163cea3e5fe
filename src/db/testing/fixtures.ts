import { hash } from '@node-rs/argon2';
import type { Db } from '../client';
import { beneficiaries, communes, households, organisations, territories, users, workerAbsences, workers } from '../schema';
import territoryGeo from '../geo/orleans-metropole.json' with { type: 'json' };
import type { Role } from '../../domain/access';

export const fixturePassword = 'mot-de-passe-de-test';
// One hash for every fixture account: argon2 on each would make every test file slower.
let passwordHash: Promise<string> | undefined;

export interface FixtureOrganisation {
  id: string;
  name: string;
  accounts: Record<'provider_admin' | 'coordinator' | 'worker', string>;
  beneficiaryIds: string[];
  workerIds: string[];
  /** One absence of the first worker, long past (1–2 January 2020), for routes that need an absence id. */
  absenceIds: string[];
}

export interface Fixture {
  territoryId: string;
  orgA: FixtureOrganisation;
  orgB: FixtureOrganisation;
  accounts: { household: string; territory_admin: string; innovator: string };
}

/** A small territory with two provider organisations (A and B), their staff and a few beneficiaries. */
export async function insertFixture(db: Db): Promise<Fixture> {
  const hashed = await (passwordHash ??= hash(fixturePassword, { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 }));
  const [territory] = await db.insert(territories).values({ name: territoryGeo.name, epciSiren: territoryGeo.epciSiren, departementCode: '45' }).returning();
  await db.insert(communes).values(
    territoryGeo.communes.map((c) => ({ code: c.code, name: c.name, postalCodes: c.postalCodes, population: c.population, latitude: c.latitude, longitude: c.longitude, outline: c.outline, territoryId: territory!.id })),
  );
  const addUser = async (email: string, role: Role, organisationId: string | null = null) => {
    await db.insert(users).values({ email, passwordHash: hashed, displayName: email.split('@')[0]!, role, organisationId, territoryId: role === 'territory_admin' ? territory!.id : null });
    return email;
  };
  const addOrganisation = async (tag: string, siret: string): Promise<FixtureOrganisation> => {
    const [org] = await db
      .insert(organisations)
      .values({ name: `Structure ${tag}`, siret, legalForm: 'association', communeCode: '45234', territoryId: territory!.id, modes: ['prestataire'] })
      .returning();
    const [household] = await db.insert(households).values({ name: `Foyer ${tag}`, communeCode: '45234' }).returning();
    const people = await db
      .insert(beneficiaries)
      .values(['Martin', 'Bernard'].map((lastName) => ({ organisationId: org!.id, householdId: household!.id, firstName: `Jeanne ${tag}`, lastName, gir: 3 })))
      .returning();
    const staff = await db
      .insert(workers)
      .values([{ organisationId: org!.id, firstName: 'Sami', lastName: `Intervenant ${tag}`, skills: ['aide_toilette'] }])
      .returning();
    const absences = await db
      .insert(workerAbsences)
      .values([{ organisationId: org!.id, workerId: staff[0]!.id, startsAt: new Date('2020-01-01T08:00:00Z'), endsAt: new Date('2020-01-02T18:00:00Z'), kind: 'formation' }])
      .returning();
    const lower = tag.toLowerCase();
    return {
      id: org!.id,
      name: org!.name,
      accounts: {
        provider_admin: await addUser(`admin-${lower}@test.proxidom`, 'provider_admin', org!.id),
        coordinator: await addUser(`coordination-${lower}@test.proxidom`, 'coordinator', org!.id),
        worker: await addUser(`intervenant-${lower}@test.proxidom`, 'worker', org!.id),
      },
      beneficiaryIds: people.map((p) => p.id),
      workerIds: staff.map((w) => w.id),
      absenceIds: absences.map((x) => x.id),
    };
  };
  return {
    territoryId: territory!.id,
    orgA: await addOrganisation('A', '73282932000074'),
    orgB: await addOrganisation('B', '55208131766522'),
    accounts: {
      household: await addUser('foyer@test.proxidom', 'household'),
      territory_admin: await addUser('territoire@test.proxidom', 'territory_admin'),
      innovator: await addUser('lab@test.proxidom', 'innovator'),
    },
  };
}
