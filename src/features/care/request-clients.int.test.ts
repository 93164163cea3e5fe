import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenantScope } from '../../db/tenant-scope';
import type { Actor } from '../../domain/access';
import { localToInstant } from '../../shared/local-time';
import { createRequestsTestApp, type RequestsTestApp } from '../requests/testing';

let t: RequestsTestApp;
beforeAll(async () => {
  t = await createRequestsTestApp();
});
afterAll(() => t?.close());

describe('care functions for accepted requests (used by the requests feature)', () => {
  it('gives a household account its household once, then links it to a provider with a file and a contract, without double entry', async () => {
    const { care, accounts } = t.app.services;
    const user = await accounts.createUser({
      email: 'demande@test.proxidom',
      password: 'une phrase de passe',
      displayName: 'Claire Dupont',
      role: 'household',
    });
    const actor: Actor = {
      userId: (user as { id: string }).id,
      role: 'household',
      organisationId: null,
      territoryId: null,
    };
    const facts = {
      name: 'Claire Dupont',
      email: 'demande@test.proxidom',
      addressLine: '3 rue Jeanne d’Arc',
      postalCode: '45000',
      communeCode: '45234',
    };
    const household = await care.ensureHouseholdOfUser(actor, facts);
    expect((await care.ensureHouseholdOfUser(actor, facts)).id).toBe(household.id);
    expect(household.latitude).not.toBeNull();
    expect((await care.findHouseholdOfUser(actor.userId))?.id).toBe(household.id);

    const scope = createTenantScope(t.db, t.fixture.orgA.id);
    const input = {
      householdId: household.id,
      beneficiary: {
        firstName: 'Émile',
        lastName: 'Dupont',
        birthDate: null,
        gir: 4,
        addressLine: '3 rue Jeanne d’Arc',
        postalCode: '45000',
        communeCode: '45234',
        needs: [],
        activityCodes: ['entretien-maison'],
      },
      carePlan: null,
      contracts: [
        {
          activityCode: 'entretien-maison',
          mode: 'prestataire',
          hourlyPriceCents: 2500,
          recurrence: [{ weekday: 2, start: '10:00', durationMin: 120, toleranceMin: 0 }],
          startsOn: '2026-01-05',
          endsOn: null,
          requiredSkills: [],
          tasks: [],
        },
      ],
    };
    const first = await t.db.transaction((tx) => care.createClientFromRequest(scope, actor, input, tx));
    const second = await t.db.transaction((tx) =>
      care.createClientFromRequest(
        scope,
        actor,
        { ...input, beneficiary: { ...input.beneficiary, firstName: 'emile' } },
        tx,
      ),
    );
    expect(first.isExistingBeneficiary).toBe(false);
    expect(second).toMatchObject({ isExistingBeneficiary: true, beneficiaryId: first.beneficiaryId });
    expect((await care.listContracts(scope, { beneficiaryId: first.beneficiaryId })).length).toBe(2);
    // The household is now visible to the organisation, not to another one.
    expect((await care.listHouseholds(scope, actor, {})).some((h) => h.id === household.id)).toBe(true);
    expect(
      (await care.listHouseholds(createTenantScope(t.db, t.fixture.orgB.id), actor, {})).some(
        (h) => h.id === household.id,
      ),
    ).toBe(false);
  });

  it('sums the planned minutes of each worker over a range, cancelled visits and earlier ones left out', async () => {
    const { care } = t.app.services;
    const scope = createTenantScope(t.db, t.fixture.orgA.id);
    const workers = await care.listWorkersForPlanning(scope, {
      from: new Date('2026-01-05T00:00:00Z'),
      to: new Date('2026-01-12T00:00:00Z'),
    });
    const admin = (await t.app.services.accounts.listMembers(scope)).find(
      (m) => m.role === 'provider_admin',
    )!;
    const actor: Actor = {
      userId: admin.id,
      role: 'provider_admin',
      organisationId: t.fixture.orgA.id,
      territoryId: null,
    };
    const generated = await care.generateWeek(scope, actor, '2026-01-05');
    expect(generated.created).toBeGreaterThan(0);
    const range = { from: localToInstant('2026-01-05', '00:00'), to: localToInstant('2026-01-12', '00:00') };
    // Generated visits are unassigned: nobody has planned minutes yet.
    expect(
      (
        await care.plannedMinutesByWorker(
          scope,
          range,
          workers.map((w) => w.id),
        )
      ).size,
    ).toBe(0);
    const week = await t.app.services.schedule.getWeek(scope, actor, { start: '2026-01-05' });
    const lina = workers.find((w) => w.firstName === 'Lina')!;
    await t.app.services.schedule.setAssignment(scope, actor, week.visits[0]!.id, { workerId: lina.id });
    expect(
      await care.plannedMinutesByWorker(
        scope,
        range,
        workers.map((w) => w.id),
      ),
    ).toEqual(new Map([[lina.id, week.visits[0]!.durationMin]]));
  });
});
