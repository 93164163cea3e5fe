import { beforeAll, describe, expect, it } from 'vitest';
import { isActivityCode } from '../../domain/activities';
import {
  isMobilePhoneFr,
  isPostalCodeConsistentWithCommune,
  isValidPhoneFr,
  isValidSiret,
} from '../../domain/identifiers';
import { isSkillCode } from '../../domain/skills';
import { classifyVisit } from '../../domain/telegestion';
import { demoAccounts } from './demo-accounts';
import { demoGeography } from './demo-geography';
import { DEMO_ORGANISATION } from './generate-organisations';
import { generateDemoData, type DemoData } from './generate-demo-data';
import { isInOutline } from './geography';
import { addDays, createLocalClock, localDateOf, localFields, localToInstant, offsetMinutes } from '../../shared/local-time';

// The week of the spring DST change: Sunday 29 March 2026 is on summer time, the other days on winter time.
const WEEK = '2026-03-23';
const SEED = 20_260_323;

let data: DemoData;
beforeAll(() => {
  data = generateDemoData({ seed: SEED, weekStart: WEEK, geography: demoGeography });
});

const communeOf = (code: string) => demoGeography.communes.find((c) => c.code === code)!;
const parisTime = (instant: Date) => {
  const f = localFields(instant, 'Europe/Paris');
  return `${String(f.hour).padStart(2, '0')}:${String(f.minute).padStart(2, '0')}`;
};

describe('generateDemoData: sizes', () => {
  it('makes 22 communes, 150 organisations, 800 workers, 2 500 beneficiaries and their households', () => {
    expect(data.communes).toHaveLength(22);
    expect(data.organisations).toHaveLength(150);
    expect(data.workers).toHaveLength(800);
    expect(data.beneficiaries).toHaveLength(2500);
    expect(data.households.length).toBeGreaterThan(2000);
    expect(data.households.length).toBeLessThan(2500);
    expect(data.contracts.length).toBeGreaterThanOrEqual(2500);
    expect(data.visits.length).toBeGreaterThan(5000);
    expect(data.users.map((u) => u.email)).toEqual(demoAccounts.map((a) => a.email));
  });

  it('mixes associations, companies, CCAS and micro-entrepreneurs', () => {
    const forms = new Map<string, number>();
    for (const o of data.organisations) forms.set(o.legalForm, (forms.get(o.legalForm) ?? 0) + 1);
    expect(forms.get('association')).toBeGreaterThanOrEqual(10);
    expect(forms.get('societe')).toBeGreaterThanOrEqual(30);
    expect(forms.get('ccas_cias')).toBeGreaterThanOrEqual(3);
    expect(forms.get('micro_entrepreneur')).toBeGreaterThanOrEqual(40);
  });
});

describe('generateDemoData: determinism', () => {
  it('gives exactly the same rows for the same seed and week', () => {
    const again = generateDemoData({ seed: SEED, weekStart: WEEK, geography: demoGeography });
    expect(again).toEqual(data);
  });

  it('gives other people and places for another seed', () => {
    const other = generateDemoData({ seed: SEED + 1, weekStart: WEEK, geography: demoGeography });
    expect(other.workers.map((w) => `${w.firstName} ${w.lastName}`)).not.toEqual(
      data.workers.map((w) => `${w.firstName} ${w.lastName}`),
    );
    expect(other.households[5]!.latitude).not.toBe(data.households[5]!.latitude);
  });
});

describe('generateDemoData: identifiers and contact details', () => {
  it('gives every organisation a unique Luhn-valid SIRET and a unique name', () => {
    for (const o of data.organisations) expect(isValidSiret(o.siret), o.siret).toBe(true);
    expect(new Set(data.organisations.map((o) => o.siret)).size).toBe(150);
    expect(new Set(data.organisations.map((o) => o.name)).size).toBe(150);
  });

  it('uses postal codes of the commune, and places inside the commune outline', () => {
    const located = [...data.organisations, ...data.households, ...data.beneficiaries];
    for (const row of located) {
      const commune = communeOf(row.communeCode);
      expect(commune.postalCodes).toContain(row.postalCode);
      expect(isPostalCodeConsistentWithCommune(row.postalCode, row.communeCode)).toBe(true);
      expect(isInOutline(row, commune.outline!), `${row.communeCode} ${row.latitude},${row.longitude}`).toBe(
        true,
      );
    }
    for (const w of data.workers)
      expect(
        isInOutline(
          { latitude: w.homeLatitude, longitude: w.homeLongitude },
          communeOf(w.communeCode).outline!,
        ),
      ).toBe(true);
  });

  it('gives French phone numbers from the ARCEP fiction ranges: mobiles to workers, 02 landlines', () => {
    for (const w of data.workers) expect(isMobilePhoneFr(w.phone!), w.phone!).toBe(true);
    for (const h of data.households) {
      expect(isValidPhoneFr(h.phone!)).toBe(true);
      expect(h.phone).toMatch(/^(06 39 98|02 61 91)/);
    }
    for (const o of data.organisations) expect(isValidPhoneFr(o.phone!)).toBe(true);
  });

  it('uses e-mail domains reserved for examples (or proxidom.test for the demo accounts)', () => {
    const emails = [...data.workers, ...data.households, ...data.organisations].flatMap((r) =>
      r.email ? [r.email] : [],
    );
    for (const e of emails)
      expect(e).toMatch(/^[a-z0-9.-]+@([a-z0-9-]+\.example|example\.(com|net|org)|proxidom\.test)$/);
  });

  it('writes street addresses that look French', () => {
    for (const row of [...data.organisations, ...data.households]) {
      expect(row.addressLine).toMatch(
        /^\d+( bis)? (rue|avenue|boulevard|place|allée|impasse|chemin|square) .+/,
      );
    }
  });
});

describe('generateDemoData: organisations', () => {
  it('sells official activities, per mode, at plausible prices', () => {
    for (const a of data.organisationActivities) {
      expect(isActivityCode(a.activityCode)).toBe(true);
      if (a.mode === 'prestataire') {
        expect(a.hourlyPriceCents).toBeGreaterThanOrEqual(2200);
        expect(a.hourlyPriceCents).toBeLessThanOrEqual(3500);
      } else {
        expect(a.mode).toBe('mandataire');
        expect(a.hourlyPriceCents).toBeLessThan(2200);
      }
    }
    for (const o of data.organisations)
      expect(data.organisationActivities.some((a) => a.organisationId === o.id)).toBe(true);
  });

  it('serves the home commune and neighbours', () => {
    for (const o of data.organisations) {
      const served = data.organisationCommunes
        .filter((c) => c.organisationId === o.id)
        .map((c) => c.communeCode);
      expect(served).toContain(o.communeCode);
    }
  });

  it('declares every organisation, and holds the autorisation / agrément its activities and publics need', () => {
    for (const o of data.organisations) {
      const kinds = data.organisationRegimes.filter((r) => r.organisationId === o.id).map((r) => r.kind);
      expect(kinds).toContain('declaration');
      const acts = data.organisationActivities.filter((a) => a.organisationId === o.id);
      if (
        acts.some(
          (a) => a.activityCode === 'assistance-personnes-agees-handicapees' && a.mode === 'prestataire',
        )
      )
        expect(kinds).toContain('autorisation');
      if (
        acts.some(
          (a) => a.activityCode === 'assistance-personnes-agees-handicapees' && a.mode === 'mandataire',
        )
      )
        expect(kinds).toContain('agrement');
      if (acts.some((a) => a.activityCode === 'garde-enfants-moins-3-ans'))
        expect(kinds).toContain('agrement');
    }
    for (const r of data.organisationRegimes.filter((x) => x.kind !== 'declaration')) {
      expect(r.startsOn! <= WEEK).toBe(true);
      expect(r.endsOn! > WEEK).toBe(true);
    }
  });

  it('makes « Aide & Présence Orléans » a large association serving all 22 communes', () => {
    const demo = data.organisations.find((o) => o.id === data.demo.organisationId)!;
    expect(demo).toMatchObject({
      name: DEMO_ORGANISATION.name,
      legalForm: 'association',
      modes: ['prestataire', 'mandataire'],
      communeCode: '45234',
    });
    expect(data.organisationCommunes.filter((c) => c.organisationId === demo.id)).toHaveLength(22);
    expect(
      data.organisationRegimes
        .filter((r) => r.organisationId === demo.id)
        .map((r) => r.kind)
        .sort(),
    ).toEqual(['agrement', 'autorisation', 'declaration']);
    expect(data.workers.filter((w) => w.organisationId === demo.id).length).toBeGreaterThanOrEqual(40);
    expect(data.beneficiaries.filter((b) => b.organisationId === demo.id).length).toBeGreaterThanOrEqual(400);
  });
});

describe('generateDemoData: workers', () => {
  it('have catalogue skills, 24–35 contract hours and a transport mode', () => {
    for (const w of data.workers) {
      for (const s of w.skills) expect(isSkillCode(s), s).toBe(true);
      expect(w.contractHoursPerWeek).toBeGreaterThanOrEqual(24);
      expect(w.contractHoursPerWeek).toBeLessThanOrEqual(35);
      expect(w.maxHoursPerDay * 5).toBeGreaterThanOrEqual(w.contractHoursPerWeek);
      expect(['car', 'bike', 'public_transport', 'walk']).toContain(w.transportMode);
      if (w.transportMode === 'car') expect(w.skills).toContain('permis_b');
    }
  });
});

describe('generateDemoData: contracts and visits', () => {
  const weekStartsAt = () => localToInstant(WEEK, '00:00').getTime();
  const weekEndsAt = () => localToInstant(addDays(WEEK, 7), '00:00').getTime();

  it('starts every visit inside its window, windows of ±15 to ±30 minutes', () => {
    for (const v of data.visits) {
      expect(v.startsAt.getTime()).toBeGreaterThanOrEqual(v.windowStartsAt.getTime());
      expect(v.startsAt.getTime()).toBeLessThanOrEqual(v.windowEndsAt.getTime());
      const halfWidthMin = (v.windowEndsAt.getTime() - v.windowStartsAt.getTime()) / 120_000;
      expect(halfWidthMin).toBeGreaterThanOrEqual(15);
      expect(halfWidthMin).toBeLessThanOrEqual(30);
      expect(v.startsAt.getTime()).toBeGreaterThanOrEqual(weekStartsAt());
      expect(v.startsAt.getTime() + v.durationMin * 60_000).toBeLessThan(weekEndsAt());
    }
  });

  it('puts each visit at its contract slot in Paris local time, on both sides of the DST change', () => {
    const contracts = new Map(data.contracts.map((c) => [c.id, c]));
    let onSummerSunday = 0;
    for (const v of data.visits) {
      const nominal = new Date((v.windowStartsAt.getTime() + v.windowEndsAt.getTime()) / 2);
      const contract = contracts.get(v.contractId!)!;
      const f = localFields(nominal, 'Europe/Paris');
      const localDate = `${f.year}-${String(f.month).padStart(2, '0')}-${String(f.day).padStart(2, '0')}`;
      const weekday = (Date.UTC(f.year, f.month - 1, f.day) - Date.UTC(2026, 2, 23)) / 86_400_000 + 1;
      expect(
        contract.recurrence.some((s) => s.weekday === weekday && s.start === parisTime(nominal)),
        `${localDate} ${parisTime(nominal)}`,
      ).toBe(true);
      if (weekday === 7) onSummerSunday++;
    }
    expect(onSummerSunday).toBeGreaterThan(50);
    // A 08:00 slot is 07:00 UTC on Monday (CET) and 06:00 UTC on Sunday (CEST).
    expect(localToInstant(WEEK, '08:00').getUTCHours()).toBe(7);
    expect(localToInstant(addDays(WEEK, 6), '08:00').getUTCHours()).toBe(6);
  });

  it('follows the usual home-care day: toilettes in the morning, couchers in the evening', () => {
    const contracts = new Map(data.contracts.map((c) => [c.id, c]));
    for (const v of data.visits) {
      const nominal = parisTime(new Date((v.windowStartsAt.getTime() + v.windowEndsAt.getTime()) / 2));
      const end = parisTime(
        new Date(Date.parse(`2026-01-01T${nominal}:00Z`) + v.durationMin * 60_000 - 3_600_000),
      );
      const within = (from: string, to: string) => nominal >= from && end <= to;
      if (v.requiredSkills.includes('aide_toilette'))
        expect(within('07:30', '10:00') || within('18:00', '20:00'), `${nominal}–${end}`).toBe(true);
      if (v.requiredSkills.includes('aide_repas'))
        expect(within('11:30', '13:00'), `${nominal}–${end}`).toBe(true);
      if (v.requiredSkills.includes('menage'))
        expect(within('14:00', '17:00') || within('08:00', '12:00'), `${nominal}–${end}`).toBe(true);
      expect(contracts.get(v.contractId!)!.organisationId).toBe(v.organisationId);
    }
  });

  it('never gives a worker two visits at once, nor a visit they lack the skills for', () => {
    const workers = new Map(data.workers.map((w) => [w.id, w]));
    const byWorker = new Map<string, typeof data.visits>();
    for (const v of data.visits)
      if (v.workerId) byWorker.set(v.workerId, [...(byWorker.get(v.workerId) ?? []), v]);
    for (const [workerId, list] of byWorker) {
      const worker = workers.get(workerId)!;
      list.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
      for (let i = 0; i < list.length; i++) {
        const v = list[i]!;
        expect(worker.organisationId).toBe(v.organisationId);
        for (const s of v.requiredSkills) expect(worker.skills).toContain(s);
        const next = list[i + 1];
        if (next)
          expect(v.startsAt.getTime() + v.durationMin * 60_000).toBeLessThanOrEqual(next.startsAt.getTime());
      }
      const minutes = list.reduce((sum, v) => sum + v.durationMin, 0);
      expect(minutes).toBeLessThanOrEqual(worker.contractHoursPerWeek * 60);
    }
  });

  it('plans most visits, and leaves some of the demo organisation’s to plan', () => {
    const assigned = data.visits.filter((v) => v.workerId !== null).length;
    expect(assigned / data.visits.length).toBeGreaterThan(0.85);
    expect(
      data.visits.some((v) => v.organisationId === data.demo.organisationId && v.workerId === null),
    ).toBe(true);
  });

  it('gives the demo accounts their data: the family’s visits and the intervenant’s week', () => {
    const family = data.households.find((h) => h.id === data.demo.householdId)!;
    expect(family.userId).toBe(data.users.find((u) => u.email === 'famille@proxidom.test')!.id);
    const beneficiary = data.beneficiaries.find((b) => b.id === data.demo.beneficiaryId)!;
    expect(beneficiary.organisationId).toBe(data.demo.organisationId);
    expect(data.contracts.filter((c) => c.beneficiaryId === beneficiary.id).length).toBeGreaterThanOrEqual(2);
    expect(data.visits.filter((v) => v.beneficiaryId === beneficiary.id).length).toBeGreaterThanOrEqual(7);
    const worker = data.workers.find((w) => w.id === data.demo.workerId)!;
    expect(worker.userId).toBe(data.users.find((u) => u.email === 'intervenant@proxidom.test')!.id);
    expect(data.visits.filter((v) => v.workerId === worker.id).length).toBeGreaterThanOrEqual(10);
    expect(data.visits.some((v) => v.workerId === worker.id && v.beneficiaryId === beneficiary.id)).toBe(
      true,
    );
  });

  it('uses official activities for contracts, with a slot list in the documented shape', () => {
    for (const c of data.contracts) {
      expect(isActivityCode(c.activityCode)).toBe(true);
      expect(c.startsOn <= WEEK).toBe(true);
      for (const s of c.recurrence) {
        expect(Object.keys(s).sort()).toEqual(['durationMin', 'start', 'toleranceMin', 'weekday']);
        expect(s.weekday).toBeGreaterThanOrEqual(1);
        expect(s.weekday).toBeLessThanOrEqual(7);
        expect(s.start).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/);
      }
    }
  });
});

describe('generateDemoData: care details', () => {
  it('gives an APA plan and a family contact to every beneficiary of GIR 1 to 4, and to no one else', () => {
    const dependent = data.beneficiaries
      .filter((b) => b.gir !== null && b.gir <= 4)
      .map((b) => b.id)
      .sort();
    expect(dependent.length).toBeGreaterThan(100);
    expect(data.careDetails.carePlans.map((p) => p.beneficiaryId).sort()).toEqual(dependent);
    expect(data.careDetails.contacts.map((c) => c.beneficiaryId).sort()).toEqual(dependent);
    for (const plan of data.careDetails.carePlans) {
      expect(plan.funder).toBe('apa');
      expect(plan.hoursPerMonth).toBeGreaterThan(0);
      expect(plan.funderShareBp).toBeGreaterThanOrEqual(6_000);
      expect(plan.funderShareBp).toBeLessThanOrEqual(10_000);
      expect(plan.startsOn < WEEK).toBe(true);
    }
  });

  it("keeps the demo family's plan as its file says: 38 hours a month", () => {
    const plan = data.careDetails.carePlans.find((p) => p.beneficiaryId === data.demo.beneficiaryId);
    expect(plan?.hoursPerMonth).toBe(38);
  });

  it('dates every diploma and licence a worker holds; SST lapses within two years but never before the demo week', () => {
    const held = data.workers.flatMap((w) =>
      (w.skills ?? [])
        .filter((s) => ['sst', 'permis_b', 'deaes', 'advf'].includes(s))
        .map((s) => `${w.id}:${s}`),
    );
    const dated = new Set(data.careDetails.qualifications.map((q) => `${q.workerId}:${q.skillCode}`));
    for (const key of held) expect(dated.has(key), key).toBe(true);
    const sst = data.careDetails.qualifications.filter((q) => q.skillCode === 'sst');
    expect(sst.length).toBeGreaterThan(10);
    for (const q of sst) expect(q.expiresOn! > WEEK).toBe(true);
    const inSixtyDays = new Date(Date.parse(`${WEEK}T12:00:00Z`) + 60 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    expect(
      sst.some((q) => q.expiresOn! <= inSixtyDays),
      'some SST due within 60 days',
    ).toBe(true);
    for (const q of data.careDetails.qualifications.filter((q) => q.skillCode !== 'sst'))
      expect(q.expiresOn).toBeNull();
  });
});

describe('generateDemoData: availability', () => {
  const minutesOf = (instant: Date) => {
    const f = localFields(instant, 'Europe/Paris');
    return f.hour * 60 + f.minute;
  };
  const weekdayOf = (instant: Date) =>
    ((new Date(`${localDateOf(instant)}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;
  const slotsOf = (workerId: string) => data.availability.filter((a) => a.workerId === workerId);

  it('gives every worker weekly slots, and plans every visit inside its worker’s slots', () => {
    const withSlots = new Set(data.availability.map((a) => a.workerId));
    expect(data.workers.every((w) => withSlots.has(w.id))).toBe(true);
    for (const v of [...data.visits, ...data.history.visits]) {
      if (!v.workerId) continue;
      const start = minutesOf(v.startsAt);
      const fits = slotsOf(v.workerId).some(
        (a) =>
          a.weekday === weekdayOf(v.startsAt) &&
          a.startTime <=
            `${String(Math.floor(start / 60)).padStart(2, '0')}:${String(start % 60).padStart(2, '0')}` &&
          Date.parse(`2026-01-01T${a.endTime}:00Z`) >=
            Date.parse('2026-01-01T00:00:00Z') + (start + v.durationMin) * 60_000,
      );
      expect(fits, `${v.id} ${localDateOf(v.startsAt)} ${start}`).toBe(true);
    }
  });

  it('has demo home carers who cover the weekend and others who never work it, part-timers with fewer days', () => {
    const demoWorkers = data.workers.filter((w) => w.organisationId === data.demo.organisationId);
    const days = (id: string) => new Set(slotsOf(id).map((a) => a.weekday));
    const weekend = demoWorkers.filter((w) => days(w.id).has(6) && days(w.id).has(7));
    const weekdaysOnly = demoWorkers.filter((w) => !days(w.id).has(6) && !days(w.id).has(7));
    expect(weekend.length).toBeGreaterThanOrEqual(5);
    expect(weekdaysOnly.length).toBeGreaterThanOrEqual(20);
    const partTime = demoWorkers.filter((w) => w.contractHoursPerWeek <= 26);
    expect(partTime.length).toBeGreaterThan(0);
    for (const w of partTime) expect(days(w.id).size, `${w.firstName} ${w.lastName}`).toBeLessThanOrEqual(4);
    // The intervenant@ account works Monday to Friday.
    expect([...days(data.demo.workerId)].sort()).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('generateDemoData: the demo organisation’s past weeks', () => {
  const weekStartsAt = () => localToInstant(WEEK, '00:00').getTime();

  it('covers every day from the first of the previous month to the day before the demo week, for the demo organisation only', () => {
    expect(data.history.fromDate).toBe('2026-02-01');
    const days = new Set(data.history.visits.map((v) => localDateOf(v.startsAt)));
    expect(days.has('2026-02-01')).toBe(true);
    expect(days.has(addDays(WEEK, -1))).toBe(true);
    for (const v of data.history.visits) {
      expect(v.organisationId).toBe(data.demo.organisationId);
      expect(localDateOf(v.startsAt) >= '2026-02-01').toBe(true);
      expect(v.startsAt.getTime()).toBeLessThan(weekStartsAt());
      expect(v.workerId).not.toBeNull();
      expect(v.status).toBe('done');
    }
    expect(data.history.visits.length).toBeGreaterThan(6 * 1000);
  });

  it('records every past visit as the télégestion would: checked in and out within the tolerances, validated, no anomaly', () => {
    const actualOf = new Map(data.history.actuals.map((a) => [a.visitId, a]));
    expect(actualOf.size).toBe(data.history.visits.length);
    for (const v of data.history.visits) {
      const a = actualOf.get(v.id)!;
      expect(a.workerId).toBe(v.workerId);
      expect(a.validationStatus).toBe('valid');
      const c = classifyVisit(
        { ...v, actualStartAt: a.actualStartAt!, actualEndAt: a.actualEndAt! },
        new Date(weekStartsAt()),
      );
      expect(c.anomalies, v.id).toEqual([]);
      expect(c.state).toBe('complete');
    }
    // The demo account's worker has the phone's events too, one check-in and one check-out per visit, written with the Paris offset.
    const hers = data.history.visits.filter((v) => v.workerId === data.demo.workerId);
    expect(hers.length).toBeGreaterThan(50);
    expect(data.history.checkEvents).toHaveLength(hers.length * 2);
    for (const e of data.history.checkEvents) {
      const a = actualOf.get(e.visitId)!;
      expect(e.at).toEqual(e.kind === 'check_in' ? a.actualStartAt : a.actualEndAt);
      expect(Date.parse(e.atText)).toBe(e.at.getTime());
      expect(e.atText.endsWith(offsetMinutes(e.at, 'Europe/Paris') === 60 ? '+01:00' : '+02:00')).toBe(true);
    }
  });

  it('never gives a worker two visits at once, nor a visit during their leave; credits the travel of each day', () => {
    const byWorker = new Map<string, typeof data.visits>();
    for (const v of data.history.visits) byWorker.set(v.workerId!, [...(byWorker.get(v.workerId!) ?? []), v]);
    for (const list of byWorker.values()) {
      list.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
      for (let i = 1; i < list.length; i++)
        expect(list[i - 1]!.startsAt.getTime() + list[i - 1]!.durationMin * 60_000).toBeLessThanOrEqual(
          list[i]!.startsAt.getTime(),
        );
    }
    expect(data.history.absences.length).toBeGreaterThan(0);
    for (const a of data.history.absences) {
      const during = data.history.visits.filter(
        (v) => v.workerId === a.workerId && v.startsAt >= a.startsAt && v.startsAt < a.endsAt,
      );
      expect(during).toEqual([]);
    }
    const days = new Set(data.history.visits.map((v) => `${v.workerId}|${localDateOf(v.startsAt)}`));
    expect(new Set(data.history.travelCredits.map((c) => `${c.workerId}|${c.localDate}`))).toEqual(days);
  });

  it('makes the demo week’s plan mostly continuous: 55–90 % of its visits go to a worker who went to the person in the last 4 weeks', () => {
    const since = weekStartsAt() - 28 * 86_400_000;
    const counts = new Map<string, Map<string, number>>();
    for (const v of data.history.visits) {
      if (v.startsAt.getTime() < since) continue;
      const m = counts.get(v.beneficiaryId) ?? new Map<string, number>();
      m.set(v.workerId!, (m.get(v.workerId!) ?? 0) + 1);
      counts.set(v.beneficiaryId, m);
    }
    const usual = (b: string) =>
      [...(counts.get(b) ?? new Map<string, number>())]
        .sort((x, y) => y[1] - x[1])
        .slice(0, 2)
        .map(([w]) => w);
    const planned = data.visits.filter((v) => v.organisationId === data.demo.organisationId && v.workerId);
    const rate = planned.filter((v) => usual(v.beneficiaryId).includes(v.workerId!)).length / planned.length;
    expect(rate).toBeGreaterThan(0.55);
    expect(rate).toBeLessThan(0.9);
  });
});

describe('generateDemoData: sectors', () => {
  it('splits the demo organisation’s 22 communes into 2–4 sectors, each commune in exactly one, coordination@ responsible for one', () => {
    const mine = data.sectors.filter((s) => s.organisationId === data.demo.organisationId);
    expect(mine.length).toBeGreaterThanOrEqual(2);
    expect(mine.length).toBeLessThanOrEqual(4);
    const codes = mine.flatMap((s) => s.communeCodes).sort();
    expect(codes).toEqual(demoGeography.communes.map((c) => c.code).sort());
    expect(new Set(mine.map((s) => s.name)).size).toBe(mine.length);
    const coordinator = data.users.find((u) => u.email === 'coordination@proxidom.test')!;
    expect(mine.filter((s) => s.coordinatorUserIds.includes(coordinator.id))).toHaveLength(1);
  });

  it('gives sectors to the larger organisations only, and each of their workers the sector of their home commune when it has one', () => {
    const withSectors = new Set(data.sectors.map((s) => s.organisationId));
    for (const w of data.workers) {
      if (!withSectors.has(w.organisationId)) {
        expect(w.sectorId ?? null).toBeNull();
        continue;
      }
      const sector = data.sectors.find((s) => s.id === w.sectorId)!;
      expect(sector.organisationId).toBe(w.organisationId);
      const own = data.sectors.find(
        (s) => s.organisationId === w.organisationId && s.communeCodes.includes(w.communeCode),
      );
      if (own) expect(sector.id).toBe(own.id);
    }
    const staff = new Map<string, number>();
    for (const w of data.workers) staff.set(w.organisationId, (staff.get(w.organisationId) ?? 0) + 1);
    for (const orgId of withSectors) expect(staff.get(orgId)!).toBeGreaterThanOrEqual(9);
  });
});

describe('createLocalClock', () => {
  it('agrees with localDateOf and the Intl offset around both DST changes', () => {
    const clock = createLocalClock('Europe/Paris');
    for (const iso of [
      '2026-03-29T00:59:59Z',
      '2026-03-29T01:00:00Z',
      '2026-10-25T00:30:00Z',
      '2026-10-25T01:00:00Z',
      '2026-11-22T23:30:00Z',
      '2026-07-01T21:59:00Z',
    ]) {
      const at = new Date(iso);
      expect(clock.localDateOf(at), iso).toBe(localDateOf(at));
      expect(clock.offsetMinutes(at), iso).toBe(offsetMinutes(at, 'Europe/Paris'));
      expect(Date.parse(clock.isoWithOffset(at))).toBe(Math.floor(at.getTime() / 1000) * 1000);
    }
    expect(clock.isoWithOffset(new Date('2026-11-16T07:02:00Z'))).toBe('2026-11-16T08:02:00+01:00');
  });
});
