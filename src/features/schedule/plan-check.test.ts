import { describe, expect, it } from 'vitest';
import { checkWorkerDay } from './plan-check';
import { placeOf, travelBetween } from './planning';
import { at, beneficiary, EAST, visit, worker } from './testing';

const home = beneficiary('b1');
const east = beneficiary('b2', EAST);
const byId = new Map([home, east].map((b) => [b.id, b]));
const codes = (cs: ReturnType<typeof checkWorkerDay>) => cs.map((c) => `${c.visitId}:${c.code}`).sort();
const travelEastMin = travelBetween(placeOf(home), placeOf(east), 'car').seconds / 60;

describe('a worker’s day through the optimiser’s check mode', () => {
  it('accepts a day whose visits leave time for the travel between them', () => {
    const day = [visit('v1', 'b1', 'w1', '09:00'), visit('v2', 'b2', 'w1', '10:15')];
    expect(travelEastMin).toBeLessThan(15);
    expect(checkWorkerDay(worker('w1'), day, byId)).toEqual([]);
  });

  it('tells a travel the worker cannot make from an overlap, with the earliest arrival', () => {
    const day = [visit('v1', 'b1', 'w1', '09:00'), visit('v2', 'b2', 'w1', '10:00')];
    const [c] = checkWorkerDay(worker('w1'), day, byId);
    expect(c).toMatchObject({ visitId: 'v2', workerId: 'w1', code: 'travel_impossible' });
    const arrival = new Date(at('10:00').getTime() + travelBetween(placeOf(home), placeOf(east), 'car').seconds * 1000);
    const hhmm = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' }).format(arrival);
    expect(c!.message).toContain(`arrivée au plus tôt à ${hhmm}`);

    const overlapping = [visit('v1', 'b1', 'w1', '09:00'), visit('v2', 'b1', 'w1', '09:30')];
    expect(codes(checkWorkerDay(worker('w1'), overlapping, byId))).toEqual(['v2:overlap']);
  });

  it('carries a delay to the next visits, and does not call the late start a window conflict', () => {
    // v2 is dropped on v1: v2 starts when v1 ends, so v3 (planned right after v2's planned end) is late too.
    const day = [visit('v1', 'b1', 'w1', '09:00'), visit('v2', 'b1', 'w1', '09:30'), visit('v3', 'b1', 'w1', '10:30', { windowEndsAt: at('10:40') })];
    expect(codes(checkWorkerDay(worker('w1'), day, byId))).toEqual(['v2:overlap', 'v3:travel_impossible']);
  });

  it('forgives a travel short by less than a minute (starts are on the minute)', () => {
    const travelS = travelBetween(placeOf(home), placeOf(east), 'car').seconds;
    const justEnough = new Date(at('10:00').getTime() + Math.floor(travelS / 60) * 60_000);
    const day = [visit('v1', 'b1', 'w1', '09:00'), visit('v2', 'b2', 'w1', '', { startsAt: justEnough })];
    expect(travelS % 60).toBeGreaterThan(0);
    expect(checkWorkerDay(worker('w1'), day, byId)).toEqual([]);
  });

  it('finds a missing skill, a refused worker and a start outside the window', () => {
    const refusing = new Map([...byId, ['b3', beneficiary('b3', { refusedWorkerIds: ['w1'] })]]);
    const day = [
      visit('v1', 'b1', 'w1', '08:00', { requiredSkills: ['soins_infirmiers', 'aide_toilette'] }),
      visit('v2', 'b3', 'w1', '10:00'),
      visit('v3', 'b1', 'w1', '15:00', { windowStartsAt: at('16:00'), windowEndsAt: at('17:00') }),
    ];
    const found = checkWorkerDay(worker('w1'), day, refusing);
    expect(codes(found)).toEqual(['v1:skill_missing', 'v2:refused_worker', 'v3:outside_window']);
    expect(found.find((c) => c.code === 'skill_missing')!.message).toContain('soins_infirmiers');
    expect(found.find((c) => c.code === 'skill_missing')!.message).not.toContain('aide_toilette');
  });

  it('marks the visit that takes the day over its maximum of visit time', () => {
    const day = ['08:00', '09:15', '10:30', '11:45'].map((t, i) => visit(`v${i + 1}`, 'b1', 'w1', t));
    expect(checkWorkerDay(worker('w1', { maxHoursPerDay: 3 }), day, byId)).toEqual([
      expect.objectContaining({ visitId: 'v4', code: 'over_contract_hours', message: expect.stringContaining('maximum de 3 h par jour') }),
    ]);
    expect(checkWorkerDay(worker('w1', { maxHoursPerDay: 4 }), day, byId)).toEqual([]);
  });

  it('checks a worker without a home and a person without a place (no travel to count)', () => {
    const nowhere = new Map([['b9', beneficiary('b9', { latitude: null, longitude: null })]]);
    const day = [visit('v1', 'b9', 'w1', '09:00'), visit('v2', 'b9', 'w1', '10:00')];
    expect(checkWorkerDay(worker('w1', { homeLatitude: null, homeLongitude: null }), day, nowhere)).toEqual([]);
  });
});
