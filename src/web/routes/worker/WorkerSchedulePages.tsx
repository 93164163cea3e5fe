import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { roleLabels } from '../../../domain/access';
import { ACTIVITIES } from '../../../domain/activities';
import { api } from '../../api/client';
import { useSession } from '../../app/session';
import { problemOf, usePageTitle } from '../../ui/form';
import { PageHeader } from '../../ui/Layout';
import { useCommunes } from '../directory/geography';
import {
  addDays,
  formatDay,
  formatDuration,
  formatMinutes,
  mondayOf,
  parisLocal,
  parisToday,
} from '../../ui/schedule-time';

/** A visit as the worker's own schedule answers it (GET /api/me/schedule). */
export interface MyVisit {
  id: string;
  beneficiaryName: string;
  addressLine?: string | null;
  communeCode?: string | null;
  startsAt: string;
  endsAt: string;
  activityCode: string;
  tasks?: string[] | null;
  travelFromPrevious?: { fromVisitId: string | null; travelMinutes: number; travelKm: number } | null;
  /** Door code, key box: sent for today's visits only. */
  accessDetails?: string | null;
  status?: string;
  phone?: string | null;
}

interface MySchedule {
  visits: MyVisit[];
}

function useCommuneNames(): ReadonlyMap<string, string> {
  const communes = useCommunes();
  return useMemo(() => new Map((communes.data ?? []).map((c) => [c.code, c.name])), [communes.data]);
}

const activityNames = new Map<string, string>(ACTIVITIES.map((a) => [a.code, a.name]));

function useMySchedule(weekStart: string) {
  const [state, setState] = useState<{ visits: MyVisit[] | null; error: string | null }>({
    visits: null,
    error: null,
  });
  useEffect(() => {
    let isCurrent = true;
    api<MySchedule | MyVisit[]>(`/api/me/schedule?week=${weekStart}`)
      .then((answer) => {
        if (!isCurrent) return;
        const visits = (Array.isArray(answer) ? answer : answer.visits).filter(
          (v) => v.status !== 'cancelled',
        );
        visits.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
        setState({ visits, error: null });
      })
      .catch((error: unknown) => isCurrent && setState({ visits: null, error: problemOf(error).message }));
    return () => {
      isCurrent = false;
    };
  }, [weekStart]);
  return state;
}

function VisitCard({
  visit,
  index,
  isToday,
  communeName,
}: {
  visit: MyVisit;
  index: number;
  isToday: boolean;
  communeName: ReadonlyMap<string, string>;
}) {
  const start = parisLocal(visit.startsAt);
  const end = parisLocal(visit.endsAt);
  const travel = visit.travelFromPrevious;
  return (
    <li className="card my-visit">
      {travel && travel.travelMinutes > 0 ? (
        <p className="my-visit-travel">
          Trajet {travel.fromVisitId ? 'depuis la visite précédente' : 'depuis le domicile'} :{' '}
          {formatDuration(travel.travelMinutes)}
          {travel.travelKm
            ? `, ${travel.travelKm.toLocaleString('fr-FR', { maximumFractionDigits: 1 })} km`
            : ''}
        </p>
      ) : null}
      <h3 className="card-title">
        <span className="visually-hidden">Visite {index + 1} : </span>
        {formatMinutes(start.minuteOfDay)}–{formatMinutes(end.minuteOfDay)} · {visit.beneficiaryName}
      </h3>
      <address>
        {visit.addressLine}
        {visit.communeCode ? `, ${communeName.get(visit.communeCode) ?? ''}` : ''}
      </address>
      <p>{activityNames.get(visit.activityCode) ?? visit.activityCode}</p>
      {(visit.tasks?.length ?? 0) > 0 && (
        <>
          <h4>Tâches</h4>
          <ul>
            {visit.tasks!.map((t, i) => (
              <li key={i}>{t}</li>
            ))}
          </ul>
        </>
      )}
      {isToday && visit.accessDetails && (
        <p className="my-visit-access">
          <strong>Accès :</strong> {visit.accessDetails}
        </p>
      )}
    </li>
  );
}

/** « Ma journée »: today's visits in order, with travel, tasks and the access details of the day. */
export function WorkerDayPage() {
  const { me } = useSession();
  usePageTitle('Ma journée');
  const today = parisToday();
  const { visits, error } = useMySchedule(mondayOf(today));
  const communeName = useCommuneNames();
  const todays = (visits ?? []).filter((v) => parisLocal(v.startsAt).localDate === today);
  return (
    <>
      {/* The worker's home: greeting and role first (as every role's home), then the day. */}
      <PageHeader title={me ? `Bonjour ${me.displayName}` : 'Ma journée'}>
        <p className="lead" data-testid="role-home">
          {me ? roleLabels[me.role] : ''}
          {me?.organisationName ? ` — ${me.organisationName}` : ''}.
        </p>
      </PageHeader>
      <h2 className="my-day-title">Ma journée — {formatDay(today)}</h2>
      {error && (
        <div className="alert alert-error" role="alert">
          <p>{error}</p>
        </div>
      )}
      {visits === null && !error && <p role="status">Chargement de votre journée…</p>}
      {visits && (
        <p role="status" data-testid="my-day-count">
          {todays.length === 0
            ? 'Aucune visite prévue aujourd’hui.'
            : `${todays.length} visite${todays.length > 1 ? 's' : ''} aujourd’hui.`}
        </p>
      )}
      <ol className="my-visits" aria-label="Visites du jour">
        {todays.map((v, i) => (
          <VisitCard key={v.id} visit={v} index={i} isToday communeName={communeName} />
        ))}
      </ol>
      <p>
        <Link to="/intervenant/semaine">Voir ma semaine</Link>
      </p>
    </>
  );
}

/** « Mon planning »: the week, day by day. */
export function WorkerWeekPage() {
  usePageTitle('Mon planning');
  const [params, setParams] = useSearchParams();
  const today = parisToday();
  const weekStart = mondayOf(
    /^\d{4}-\d{2}-\d{2}$/.test(params.get('semaine') ?? '') ? params.get('semaine')! : today,
  );
  const { visits, error } = useMySchedule(weekStart);
  const communeName = useCommuneNames();
  const days = Array.from({ length: 7 }, (_, i) => addDays(weekStart, i));
  const totalMin = (visits ?? []).reduce(
    (sum, v) => sum + (Date.parse(v.endsAt) - Date.parse(v.startsAt)) / 60_000,
    0,
  );
  return (
    <>
      <PageHeader title="Mon planning">
        <p className="lead">
          Semaine du {formatDay(weekStart)} · {formatDuration(totalMin)} de visites
        </p>
      </PageHeader>
      <div className="button-row">
        <button
          type="button"
          className="button button-secondary"
          onClick={() => setParams({ semaine: addDays(weekStart, -7) })}
        >
          Semaine précédente
        </button>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => setParams({ semaine: addDays(weekStart, 7) })}
        >
          Semaine suivante
        </button>
      </div>
      {error && (
        <div className="alert alert-error" role="alert">
          <p>{error}</p>
        </div>
      )}
      {visits === null && !error && <p role="status">Chargement…</p>}
      {visits &&
        days.map((day) => {
          const list = visits.filter((v) => parisLocal(v.startsAt).localDate === day);
          return (
            <section key={day} aria-labelledby={`day-${day}`} className="my-week-day">
              <h2 id={`day-${day}`}>
                {formatDay(day)}
                {day === today ? ' (aujourd’hui)' : ''}
              </h2>
              {list.length === 0 ? (
                <p>Pas de visite.</p>
              ) : (
                <ol className="my-visits">
                  {list.map((v, i) => (
                    <VisitCard
                      key={v.id}
                      visit={v}
                      index={i}
                      isToday={day === today}
                      communeName={communeName}
                    />
                  ))}
                </ol>
              )}
            </section>
          );
        })}
    </>
  );
}
