/**
 * A worker's day on the territory map: the visits in order, numbered, with a line from each to the next
 * (from home when known). The map itself is TerritoryMap; the route is an overlay drawn with its exported
 * projection, so that both land on the same points.
 */
import { useMemo } from 'react';
import {
  createTerritoryProjection,
  TERRITORY_MAP_WIDTH,
  TerritoryMap,
  type MapCommuneShape,
} from './TerritoryMap';

export interface RouteStop {
  id: string;
  latitude: number | null;
  longitude: number | null;
  /** « 1. 08:00 DUPONT Jeanne, Saran ». */
  label: string;
}

const WIDTH = TERRITORY_MAP_WIDTH;

export function DayRouteMap({
  communes,
  stops,
  home,
  title,
}: {
  communes: readonly MapCommuneShape[];
  stops: readonly RouteStop[];
  home?: { latitude: number; longitude: number } | null;
  title: string;
}) {
  const { height, project } = useMemo(() => createTerritoryProjection(communes), [communes]);
  const located = stops.filter(
    (s): s is RouteStop & { latitude: number; longitude: number } =>
      s.latitude !== null && s.longitude !== null,
  );
  const points = located.map((s) => project(s.longitude, s.latitude));
  const start = home ? project(home.longitude, home.latitude) : null;
  const path = [...(start ? [start] : []), ...points]
    .map(([x, y], i) => `${i ? 'L' : 'M'}${x.toFixed(1)} ${y.toFixed(1)}`)
    .join('');
  return (
    <div className="day-map">
      <TerritoryMap
        communes={communes}
        points={located.map((s) => ({
          id: s.id,
          latitude: s.latitude,
          longitude: s.longitude,
          label: s.label,
        }))}
        title={title}
        className="territory-map-small"
      />
      <svg className="day-map-route" viewBox={`0 0 ${WIDTH} ${height}`} aria-hidden="true" focusable="false">
        <path d={path} />
        {start && <rect x={start[0] - 6} y={start[1] - 6} width={12} height={12} className="day-map-home" />}
        {points.map(([x, y], i) => (
          <text key={located[i]!.id} x={x + 9} y={y - 9} className="day-map-number">
            {i + 1}
          </text>
        ))}
      </svg>
      <ol className="day-map-list">
        {stops.map((s) => (
          <li key={s.id}>{s.label}</li>
        ))}
      </ol>
    </div>
  );
}
