import { useEffect, useState } from 'react';
import { api } from '../../api/client';

export interface Capacity {
  roomHoursPerWeek: number;
  canStart: boolean;
}

/** Each provider's estimated room this week in a commune (GET /api/directory/capacity), by organisation id. */
export function useCapacity(communeCode: string | null, activityCode: string | null): Map<string, Capacity> {
  const [byOrganisation, setByOrganisation] = useState(new Map<string, Capacity>());
  useEffect(() => {
    // Only for one activity: over every activity the estimate would read every provider's week.
    if (!communeCode || !activityCode) {
      setByOrganisation(new Map());
      return;
    }
    let live = true;
    const query = new URLSearchParams({ commune: communeCode, activity: activityCode });
    api<{ items: ({ organisationId: string } & Capacity)[] }>(`/api/directory/capacity?${query}`)
      .then((answer) => {
        if (live) setByOrganisation(new Map(answer.items.map((i) => [i.organisationId, i])));
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [communeCode, activityCode]);
  return byOrganisation;
}

/** « Peut démarrer » when the provider has room near the commune this week, else the estimate says so. */
export function CapacityBadge({ capacity }: { capacity: Capacity | undefined }) {
  if (!capacity) return null;
  return capacity.canStart ? (
    <li
      className="badge badge-ok"
      title={`Disponibilité estimée : environ ${Math.round(capacity.roomHoursPerWeek)} h par semaine près de la commune`}
    >
      Peut démarrer (≈ {Math.round(capacity.roomHoursPerWeek)} h/sem. disponibles)
    </li>
  ) : (
    <li className="badge">Disponibilité estimée : complet cette semaine</li>
  );
}
