/**
 * The phone's offline queue: every check-in, check-out and report is queued first (with an idempotency key
 * made on the device), then sent by `POST /api/telegestion/sync`. An action leaves the queue only once the
 * server answered it (done, or refused for good); a network failure keeps it. Drafts of reports are kept as
 * they are typed. Stored in localStorage, per user, so nothing typed is lost on a reload.
 */

export type ActionType = 'check_in' | 'check_out' | 'report';

export interface QueuedAction {
  type: ActionType;
  visitId: string;
  /** Device time, ISO 8601 with offset. */
  at: string;
  idempotencyKey: string;
  position?: { latitude: number; longitude: number; accuracyMetres: number | null } | null;
  tasksDone?: string[];
  transmission?: string | null;
}

export interface SyncResult {
  type: ActionType;
  visitId: string;
  idempotencyKey: string;
  status: number;
  body?: unknown;
  error?: { code: string; detail: string };
}

/** An action the server refused for good (its message is shown once, then it leaves the queue). */
export interface RefusedAction {
  action: QueuedAction;
  detail: string;
}

export interface ReportDraft {
  tasksDone: string[];
  transmission: string;
}

/** The part of `Storage` used here (localStorage in the browser, a Map in tests). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const queueKey = (userId: string) => `proxidom.telegestion.queue.${userId}`;
const draftKey = (userId: string, visitId: string) => `proxidom.telegestion.draft.${userId}.${visitId}`;

function readJson<T>(store: KeyValueStore, key: string, fallback: T): T {
  try {
    const text = store.getItem(key);
    return text ? (JSON.parse(text) as T) : fallback;
  } catch {
    return fallback;
  }
}

export function readQueue(store: KeyValueStore, userId: string): QueuedAction[] {
  return readJson<QueuedAction[]>(store, queueKey(userId), []);
}

export function enqueue(store: KeyValueStore, userId: string, action: QueuedAction): QueuedAction[] {
  const next = [...readQueue(store, userId), action];
  store.setItem(queueKey(userId), JSON.stringify(next));
  return next;
}

/** Removes the actions the server answered (by key), keeping any queued meanwhile. */
export function removeAnswered(store: KeyValueStore, userId: string, keys: ReadonlySet<string>): QueuedAction[] {
  const next = readQueue(store, userId).filter((a) => !keys.has(a.idempotencyKey));
  store.setItem(queueKey(userId), JSON.stringify(next));
  return next;
}

export function readDraft(store: KeyValueStore, userId: string, visitId: string): ReportDraft | null {
  return readJson<ReportDraft | null>(store, draftKey(userId, visitId), null);
}

export function saveDraft(store: KeyValueStore, userId: string, visitId: string, draft: ReportDraft): void {
  store.setItem(draftKey(userId, visitId), JSON.stringify(draft));
}

export function clearDraft(store: KeyValueStore, userId: string, visitId: string): void {
  store.removeItem(draftKey(userId, visitId));
}

/**
 * Sends the queue once. `send` posts the actions and returns the per-action results, or throws when the
 * network (or the server) is not there: then everything stays queued. 2xx and 4xx answers are final
 * (a 409 « déjà pointée » means the server has it); 5xx keeps the action for the next try.
 */
export async function syncQueue(
  store: KeyValueStore,
  userId: string,
  send: (actions: QueuedAction[]) => Promise<SyncResult[]>,
): Promise<{ sent: number; refused: RefusedAction[]; remaining: QueuedAction[]; results: SyncResult[] }> {
  const queue = readQueue(store, userId);
  if (queue.length === 0) return { sent: 0, refused: [], remaining: [], results: [] };
  const results = await send(queue);
  const answered = new Set<string>();
  const refused: RefusedAction[] = [];
  results.forEach((r, i) => {
    const action = queue[i];
    if (!action || r.status >= 500) return;
    answered.add(action.idempotencyKey);
    // A duplicate (409 on an action already recorded) is not a failure for the worker.
    if (r.status >= 400 && r.status !== 409) refused.push({ action, detail: r.error?.detail ?? 'Action refusée.' });
  });
  const remaining = removeAnswered(store, userId, answered);
  return { sent: answered.size, refused, remaining, results };
}

/** An instant as ISO 8601 with the device's offset, e.g. 2026-03-02T09:02:00+01:00. */
export function isoWithOffset(date: Date): string {
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** A random idempotency key made on the device. */
export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
