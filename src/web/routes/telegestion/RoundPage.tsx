import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ACTIVITIES } from '../../../domain/activities';
import { api, ApiError } from '../../api/client';
import { useSession } from '../../app/session';
import { usePageTitle } from '../../ui/form';
import { PageHeader } from '../../ui/Layout';
import {
  clearDraft,
  enqueue,
  isoWithOffset,
  newIdempotencyKey,
  readDraft,
  readQueue,
  saveDraft,
  syncQueue,
  type ActionType,
  type QueuedAction,
  type RefusedAction,
  type ReportDraft,
  type SyncResult,
} from './offline-queue';
import { formatDayOf, formatHours, formatTime, type MyToday, type TodayVisit } from './telegestion-api';

const activityNames = new Map<string, string>(ACTIVITIES.map((a) => [a.code, a.name]));
const POSITION_PREFERENCE = 'proxidom.telegestion.sharePosition';

/** Registers the service worker (offline app shell and day data) and the web app manifest, from this page only. */
function useOfflineApp(onReady: () => void): boolean {
  const [isReady, setIsReady] = useState(false);
  const readyRef = useRef(onReady);
  readyRef.current = onReady;
  useEffect(() => {
    if (!document.querySelector('link[rel="manifest"]')) {
      const link = document.createElement('link');
      link.rel = 'manifest';
      link.href = '/manifest.webmanifest';
      document.head.appendChild(link);
    }
    if (!('serviceWorker' in navigator)) return;
    let isCurrent = true;
    const prime = async () => {
      if (!navigator.serviceWorker.controller) return;
      // Through the service worker now: the answers it needs offline land in its cache.
      const through = (url: string) => fetch(url, { credentials: 'same-origin' }).then((r) => r.ok);
      const isPrimed = await Promise.all([through('/intervenant/tournee'), through('/api/me'), through('/api/me/today')]).then((all) => all.every(Boolean), () => false);
      if (!isPrimed) return;
      if (isCurrent) {
        setIsReady(true);
        readyRef.current();
      }
    };
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => undefined);
    navigator.serviceWorker.addEventListener('controllerchange', prime);
    void navigator.serviceWorker.ready.then(prime);
    return () => {
      isCurrent = false;
      navigator.serviceWorker.removeEventListener('controllerchange', prime);
    };
  }, []);
  return isReady;
}

function useOnline(): boolean {
  const [isOnline, setIsOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const on = () => setIsOnline(true);
    const off = () => setIsOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return isOnline;
}

function currentPosition(): Promise<QueuedAction['position']> {
  return new Promise((resolve) => {
    if (!('geolocation' in navigator)) return resolve(null);
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ latitude: p.coords.latitude, longitude: p.coords.longitude, accuracyMetres: Math.round(p.coords.accuracy) }),
      () => resolve(null),
      { enableHighAccuracy: true, timeout: 8000, maximumAge: 60_000 },
    );
  });
}

/** What the phone knows of a visit: the server's state, then the queued actions on top. */
function localStateOf(visit: TodayVisit, queue: readonly QueuedAction[]) {
  const checkIn = visit.checkEvents.find((e) => e.kind === 'check_in');
  const checkOut = visit.checkEvents.find((e) => e.kind === 'check_out');
  const queuedIn = queue.find((a) => a.visitId === visit.id && a.type === 'check_in');
  const queuedOut = queue.find((a) => a.visitId === visit.id && a.type === 'check_out');
  const queuedReport = [...queue].reverse().find((a) => a.visitId === visit.id && a.type === 'report');
  return {
    checkInAt: checkIn?.at ?? visit.actual?.actualStartAt ?? queuedIn?.at ?? null,
    checkOutAt: checkOut?.at ?? visit.actual?.actualEndAt ?? queuedOut?.at ?? null,
    isCheckInPending: !checkIn && !visit.actual?.actualStartAt && Boolean(queuedIn),
    isCheckOutPending: !checkOut && !visit.actual?.actualEndAt && Boolean(queuedOut),
    report: queuedReport
      ? { tasksDone: queuedReport.tasksDone ?? [], transmission: queuedReport.transmission ?? null, isPending: true }
      : visit.actual
        ? { tasksDone: visit.actual.tasksDone, transmission: visit.actual.transmission, isPending: false }
        : null,
  };
}

function VisitRound({
  visit,
  index,
  queue,
  userId,
  onAction,
}: {
  visit: TodayVisit;
  index: number;
  queue: readonly QueuedAction[];
  userId: string;
  onAction(type: ActionType, visit: TodayVisit, extra?: Partial<QueuedAction>): Promise<void>;
}) {
  const state = localStateOf(visit, queue);
  const [draft, setDraft] = useState<ReportDraft>(() => readDraft(localStorage, userId, visit.id) ?? { tasksDone: state.report?.tasksDone ?? [], transmission: state.report?.transmission ?? '' });
  const [message, setMessage] = useState<string | null>(null);
  const update = (patch: Partial<ReportDraft>) => {
    const next = { ...draft, ...patch };
    setDraft(next);
    // Kept as typed: a reload, a crash or a lost network loses nothing.
    saveDraft(localStorage, userId, visit.id, next);
  };
  const tasks = visit.tasks.length > 0 ? visit.tasks : [activityNames.get(visit.activityCode) ?? visit.activityCode];
  const headingId = `visit-${visit.id}`;
  return (
    <li className="card my-visit" aria-labelledby={headingId}>
      {visit.travelFromPrevious && visit.travelFromPrevious.travelMinutes > 0 && (
        <p className="my-visit-travel">
          Trajet prévu depuis {visit.travelFromPrevious.fromVisitId ? 'la visite précédente' : 'le domicile'} : {formatHours(visit.travelFromPrevious.travelMinutes)}
          {visit.travelFromPrevious.travelKm ? `, ${visit.travelFromPrevious.travelKm.toLocaleString('fr-FR', { maximumFractionDigits: 1 })} km` : ''}
        </p>
      )}
      <h2 id={headingId} className="card-title">
        <span className="visually-hidden">Visite {index + 1} : </span>
        {formatTime(visit.startsAt)}–{formatTime(visit.endsAt)} · {visit.beneficiaryName}
      </h2>
      <address>{visit.addressLine ?? 'Adresse non renseignée'}</address>
      {visit.accessDetails && (
        <p className="my-visit-access">
          <strong>Accès :</strong> {visit.accessDetails}
        </p>
      )}
      {visit.previousTransmissions.length > 0 && (
        <div className="alert alert-info">
          <p>
            <strong>Transmissions précédentes</strong>
          </p>
          <ul>
            {visit.previousTransmissions.map((t) => (
              <li key={t.visitId}>
                {t.at ? `${formatDayOf(t.at)}, ${formatTime(t.at)}` : ''} {t.byMe ? '(vous)' : ''} : {t.text}
              </li>
            ))}
          </ul>
        </div>
      )}
      <p role="status" data-testid={`state-${visit.id}`}>
        {state.checkInAt ? `Arrivée pointée à ${formatTime(state.checkInAt)}${state.isCheckInPending ? ' (en attente de synchronisation)' : ''}` : 'Arrivée non pointée'}
        {state.checkOutAt ? ` · Départ pointé à ${formatTime(state.checkOutAt)}${state.isCheckOutPending ? ' (en attente de synchronisation)' : ''}` : ''}
      </p>
      {visit.actual && visit.actual.anomalies.length > 0 && (
        <p>
          {visit.actual.anomalies.map((a) => (
            <span key={a.code} className="badge badge-warning">
              {a.label}
            </span>
          ))}
        </p>
      )}
      <div className="button-row">
        {!state.checkInAt && (
          <button type="button" className="button" style={{ fontSize: '1.25rem', padding: '1rem 1.5rem', minHeight: '3.5rem', width: '100%' }} onClick={() => void onAction('check_in', visit)}>
            Pointer l’arrivée
          </button>
        )}
        {state.checkInAt && !state.checkOutAt && (
          <button type="button" className="button" style={{ fontSize: '1.25rem', padding: '1rem 1.5rem', minHeight: '3.5rem', width: '100%' }} onClick={() => void onAction('check_out', visit)}>
            Pointer le départ
          </button>
        )}
      </div>
      {state.checkInAt && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void onAction('report', visit, { tasksDone: draft.tasksDone, transmission: draft.transmission.trim() || null }).then(() => {
              clearDraft(localStorage, userId, visit.id);
              setMessage('Compte rendu enregistré sur le téléphone.');
            });
          }}
        >
          <fieldset>
            <legend>Tâches réalisées</legend>
            {tasks.map((task) => (
              <div key={task} className="checkbox-field">
                <input
                  id={`task-${visit.id}-${task}`}
                  type="checkbox"
                  checked={draft.tasksDone.includes(task)}
                  onChange={(e) => update({ tasksDone: e.target.checked ? [...draft.tasksDone, task] : draft.tasksDone.filter((t) => t !== task) })}
                />
                <label htmlFor={`task-${visit.id}-${task}`}>{task}</label>
              </div>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor={`transmission-${visit.id}`}>Transmission pour le prochain passage</label>
            <p className="hint">Ce que la ou le collègue suivant doit savoir (appétit, humeur, matériel, courses…).</p>
            <textarea id={`transmission-${visit.id}`} rows={3} maxLength={2000} value={draft.transmission} onChange={(e) => update({ transmission: e.target.value })} />
          </div>
          <button type="submit" className="button button-secondary">
            Enregistrer le compte rendu
          </button>
          {message && <p role="status">{message}</p>}
        </form>
      )}
    </li>
  );
}

/** « Ma tournée »: the worker's day on the phone, usable with no network (télégestion). */
export function RoundPage() {
  const { me } = useSession();
  usePageTitle('Ma tournée');
  const userId = me?.id ?? 'anonyme';
  const isOnline = useOnline();
  const [day, setDay] = useState<MyToday | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [queue, setQueue] = useState<QueuedAction[]>(() => readQueue(localStorage, userId));
  const [sharePosition, setSharePosition] = useState(() => localStorage.getItem(POSITION_PREFERENCE) === 'on');
  const [syncMessage, setSyncMessage] = useState<string | null>(null);
  const [refused, setRefused] = useState<RefusedAction[]>([]);
  const isSyncing = useRef(false);

  const load = useCallback(async () => {
    try {
      setDay(await api<MyToday>('/api/me/today'));
      setLoadError(null);
    } catch (error) {
      setLoadError(error instanceof ApiError && error.status === 0 ? 'Hors ligne et la journée n’a pas encore été enregistrée sur ce téléphone.' : error instanceof Error ? error.message : 'Erreur');
    }
  }, []);

  const sync = useCallback(async () => {
    if (isSyncing.current) return;
    isSyncing.current = true;
    try {
      const outcome = await syncQueue(localStorage, userId, async (actions) => (await api<{ results: SyncResult[] }>('/api/telegestion/sync', { method: 'POST', body: { actions } })).results);
      setQueue(outcome.remaining);
      if (outcome.sent > 0) {
        setRefused((r) => [...r, ...outcome.refused]);
        setSyncMessage(`${outcome.sent} action${outcome.sent > 1 ? 's' : ''} synchronisée${outcome.sent > 1 ? 's' : ''}.`);
        await load();
      }
    } catch {
      setSyncMessage('Synchronisation impossible pour l’instant : les actions restent sur le téléphone.');
    } finally {
      isSyncing.current = false;
    }
  }, [userId, load]);

  const isOfflineReady = useOfflineApp(() => undefined);

  useEffect(() => {
    void load().then(() => (navigator.onLine ? sync() : undefined));
  }, [load, sync]);

  useEffect(() => {
    const onOnline = () => void sync();
    window.addEventListener('online', onOnline);
    return () => window.removeEventListener('online', onOnline);
  }, [sync]);

  const onAction = useCallback(
    async (type: ActionType, visit: TodayVisit, extra: Partial<QueuedAction> = {}) => {
      const position = type !== 'report' && sharePosition ? await currentPosition() : null;
      const action: QueuedAction = { type, visitId: visit.id, at: isoWithOffset(new Date()), idempotencyKey: newIdempotencyKey(), ...(type === 'report' ? {} : { position }), ...extra };
      setQueue(enqueue(localStorage, userId, action));
      if (navigator.onLine) await sync();
    },
    [sharePosition, userId, sync],
  );

  const visits = day?.visits ?? [];
  const pending = queue.length;
  const travel = day?.travel;
  const title = useMemo(() => (day ? `Ma tournée · ${formatDayOf(`${day.today}T12:00:00Z`)}` : 'Ma tournée'), [day]);

  return (
    <>
      <PageHeader title={title}>
        <p className="lead">Pointez l’arrivée et le départ de chaque visite, même sans réseau : tout est gardé sur le téléphone puis envoyé au retour du réseau.</p>
      </PageHeader>
      <div className={`alert ${isOnline ? 'alert-success' : 'alert-error'}`} role="status" aria-live="polite">
        <p>
          <strong>{isOnline ? 'En ligne' : 'Hors ligne'}</strong>
          {' · '}
          <span data-testid="pending-count">
            {pending === 0 ? 'Aucune action en attente' : `${pending} action${pending > 1 ? 's' : ''} en attente de synchronisation`}
          </span>
          {isOfflineReady ? ' · Disponible hors ligne' : ''}
        </p>
        <button type="button" className="button button-secondary" onClick={() => void sync()} disabled={pending === 0}>
          Synchroniser
        </button>
        {syncMessage && <p>{syncMessage}</p>}
      </div>
      {refused.length > 0 && (
        <div className="alert alert-error" role="alert">
          <p>Le serveur a refusé ces actions :</p>
          <ul>
            {refused.map((r) => (
              <li key={r.action.idempotencyKey}>{r.detail}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="checkbox-field">
        <input
          id="share-position"
          type="checkbox"
          checked={sharePosition}
          onChange={(e) => {
            setSharePosition(e.target.checked);
            localStorage.setItem(POSITION_PREFERENCE, e.target.checked ? 'on' : 'off');
          }}
        />
        <label htmlFor="share-position">Partager ma position au pointage</label>
      </div>
      <p className="hint">Désactivé par défaut. Votre position n’est lue qu’au moment où vous pointez, jamais entre deux visites ; votre structure la voit, et vous aussi dans « Mon activité ».</p>
      {loadError && (
        <p className="alert alert-error" role="alert">
          {loadError}
        </p>
      )}
      {day && visits.length === 0 && <p>Aucune visite prévue aujourd’hui.</p>}
      <ol className="my-visits bare-list">
        {visits.map((v, i) => (
          <VisitRound key={v.id} visit={v} index={i} queue={queue} userId={userId} onAction={onAction} />
        ))}
      </ol>
      {travel && (
        <p>
          Trajets crédités aujourd’hui : {formatHours(travel.totalMinutes)}, {travel.totalKm.toLocaleString('fr-FR', { maximumFractionDigits: 1 })} km ({travel.legs.length} trajet{travel.legs.length > 1 ? 's' : ''} entre visites).
        </p>
      )}
      <p>
        <Link to="/intervenant/activite">Mon activité : tout ce que ma structure voit de mon travail</Link>
      </p>
    </>
  );
}
