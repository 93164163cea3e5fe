import { describe, expect, it } from 'vitest';
import { beneficiaryCreateSchema, contractCreateSchema, generateWeekSchema, toStoredRecurrence, workerCreateSchema, absenceInputSchema } from './care';

const fieldsOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  (result.error?.issues ?? []).map((i) => i.path.join('.'));

describe('care schemas', () => {
  it('accepts a beneficiary with a new household and fills the lists', () => {
    const parsed = beneficiaryCreateSchema.parse({ firstName: 'Jeanne', lastName: 'Martin', household: { name: 'Foyer Martin', communeCode: '45234' }, gir: 3 });
    expect(parsed.contacts).toEqual([]);
    expect(parsed.preferences).toEqual({ preferredWorkerIds: [], refusedWorkerIds: [] });
    expect(parsed.phone).toBeNull();
  });

  it('names the fields at fault, in French', () => {
    const result = beneficiaryCreateSchema.safeParse({ firstName: '', lastName: 'Martin', gir: 9, phone: '12' });
    expect(fieldsOf(result).sort()).toEqual(['firstName', 'gir', 'phone']);
    expect(result.error!.issues.find((i) => i.path[0] === 'phone')!.message).toMatch(/numéro français/);
    const crossField = beneficiaryCreateSchema.safeParse({ firstName: 'Jeanne', lastName: 'Martin', latitude: 47.9 });
    expect(fieldsOf(crossField).sort()).toEqual(['householdId', 'longitude']);
    expect(crossField.error!.issues.find((i) => i.path[0] === 'householdId')!.message).toMatch(/foyer/);
  });

  it('refuses a care plan ending before it starts and a worker both preferred and refused', () => {
    const id = '6f1c8a2e-4b7d-4c3a-9e1f-2a3b4c5d6e7f';
    const result = beneficiaryCreateSchema.safeParse({
      firstName: 'A',
      lastName: 'B',
      householdId: id,
      carePlans: [{ funder: 'apa', hoursPerMonth: 20, startsOn: '2026-02-01', endsOn: '2026-01-01' }],
      preferences: { preferredWorkerIds: [id], refusedWorkerIds: [id] },
    });
    expect(fieldsOf(result).sort()).toEqual(['carePlans.0.endsOn', 'preferences.refusedWorkerIds']);
  });

  it('checks the recurrence slots and stores one weekday per slot', () => {
    const base = { beneficiaryId: '6f1c8a2e-4b7d-4c3a-9e1f-2a3b4c5d6e7f', activityCode: 'assistance-personnes-agees-handicapees', mode: 'prestataire', hourlyPriceCents: 2600, startsOn: '2026-01-05' };
    const bad = contractCreateSchema.safeParse({ ...base, recurrence: [{ weekdays: [8], start: '25:00', durationMin: 5 }] });
    expect(fieldsOf(bad).sort()).toEqual(['recurrence.0.durationMin', 'recurrence.0.start', 'recurrence.0.weekdays.0']);
    const ok = contractCreateSchema.parse({ ...base, recurrence: [{ weekdays: [5, 2], start: '14:00', durationMin: 120 }] });
    expect(toStoredRecurrence(ok.recurrence)).toEqual([
      { weekday: 2, start: '14:00', durationMin: 120, toleranceMin: 0 },
      { weekday: 5, start: '14:00', durationMin: 120, toleranceMin: 0 },
    ]);
  });

  it('wants a Monday to generate a week, and an absence that ends after it starts', () => {
    expect(generateWeekSchema.safeParse({ weekStart: '2026-03-23' }).success).toBe(true);
    expect(generateWeekSchema.safeParse({ weekStart: '2026-03-24' }).error!.issues[0]!.message).toMatch(/lundi/);
    expect(fieldsOf(absenceInputSchema.safeParse({ from: '2026-03-24T08:00:00+01:00', to: '2026-03-24T07:00:00+01:00' }))).toEqual(['to']);
  });

  it('checks workers: transport mode, hours, availability order', () => {
    const result = workerCreateSchema.safeParse({ firstName: 'Awa', lastName: 'Diallo', transportMode: 'jetpack', maxHoursPerDay: 20, availability: [{ weekday: 1, start: '18:00', end: '08:00' }], qualifications: [{ skillCode: 'deaes', obtainedOn: '2020-01-01', expiresOn: '2019-01-01' }] });
    expect(fieldsOf(result).sort()).toEqual(['availability.0.end', 'maxHoursPerDay', 'qualifications.0.expiresOn', 'transportMode']);
  });
});
