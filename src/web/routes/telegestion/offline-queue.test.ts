import { describe, expect, it } from 'vitest';
import { enqueue, isoWithOffset, readDraft, readQueue, saveDraft, syncQueue, type KeyValueStore, type QueuedAction } from './offline-queue';

function memoryStore(): KeyValueStore {
  const map = new Map<string, string>();
  return { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
}

const action = (type: QueuedAction['type'], key: string): QueuedAction => ({ type, visitId: 'v1', at: '2026-03-02T09:00:00+01:00', idempotencyKey: key });

describe('the offline queue', () => {
  it('keeps every action when the network fails, per user', async () => {
    const store = memoryStore();
    enqueue(store, 'u1', action('check_in', 'k1'));
    enqueue(store, 'u1', action('check_out', 'k2'));
    enqueue(store, 'u2', action('check_in', 'k3'));
    await expect(syncQueue(store, 'u1', () => Promise.reject(new Error('offline')))).rejects.toThrow('offline');
    expect(readQueue(store, 'u1').map((a) => a.idempotencyKey)).toEqual(['k1', 'k2']);
    expect(readQueue(store, 'u2')).toHaveLength(1);
  });

  it('drops answered actions (200, and 409 duplicates), reports refusals, keeps 5xx for the next try', async () => {
    const store = memoryStore();
    for (const [type, key] of [['check_in', 'a'], ['check_out', 'b'], ['report', 'c'], ['report', 'd']] as const) enqueue(store, 'u1', action(type, key));
    const outcome = await syncQueue(store, 'u1', async (actions) => [
      { type: actions[0]!.type, visitId: 'v1', idempotencyKey: 'a', status: 200 },
      { type: actions[1]!.type, visitId: 'v1', idempotencyKey: 'b', status: 409, error: { code: 'conflict', detail: 'Déjà pointé.' } },
      { type: actions[2]!.type, visitId: 'v1', idempotencyKey: 'c', status: 404, error: { code: 'not_found', detail: 'Intervention introuvable.' } },
      { type: actions[3]!.type, visitId: 'v1', idempotencyKey: 'd', status: 503 },
    ]);
    expect(outcome.sent).toBe(3);
    expect(outcome.refused.map((r) => r.detail)).toEqual(['Intervention introuvable.']);
    expect(readQueue(store, 'u1').map((a) => a.idempotencyKey)).toEqual(['d']);
  });

  it('keeps actions queued while a sync was running', async () => {
    const store = memoryStore();
    enqueue(store, 'u1', action('check_in', 'a'));
    await syncQueue(store, 'u1', async () => {
      enqueue(store, 'u1', action('check_out', 'late'));
      return [{ type: 'check_in', visitId: 'v1', idempotencyKey: 'a', status: 200 }];
    });
    expect(readQueue(store, 'u1').map((a) => a.idempotencyKey)).toEqual(['late']);
  });

  it('keeps drafts as typed', () => {
    const store = memoryStore();
    saveDraft(store, 'u1', 'v1', { tasksDone: ['Toilette'], transmission: 'Bon appétit' });
    expect(readDraft(store, 'u1', 'v1')).toEqual({ tasksDone: ['Toilette'], transmission: 'Bon appétit' });
    expect(readDraft(store, 'u2', 'v1')).toBeNull();
  });

  it('writes device times with their offset', () => {
    expect(isoWithOffset(new Date('2026-03-02T08:00:00Z'))).toMatch(/^2026-03-02T\d{2}:00:00[+-]\d{2}:\d{2}$/);
  });
});
