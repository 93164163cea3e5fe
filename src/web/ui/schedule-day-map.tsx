/**
 * A worker's day on the territory map: the visits in order, numbered, with a line from each to the next
 * (from home when known). The map itself is TerritoryMap; the route is an overlay drawn with the same
 * projection (equirectangular with cos(latitude), fitted to the communes, 600 units wide).
 */
import { useMemo } from 'react';
import { TerritoryMap, type MapCommuneShape } from './TerritoryMap';

export interface RouteStop {
  id: string;
  latitude: number | null;
  longitude: number | null;
  /** « 1. 08:00 DUPONT Jeanne, Saran ». */
  label: string;
}

const WIDTH = 600;
const MARGIN = 12;

/** The projection TerritoryMap uses, so that the overlay lies exactly on its drawing. */
function projectionOf(communes: readonly MapCommuneShape[]) {
  let minLon = Infinity;
  let maxLon = -Infinity;
  let minLat = Infinity;
  let maxLat = -Infinity;
  const extend = (lon: number, lat: number) => {
    minLon = Math.min(minLon, lon);
    maxLon = Math.max(maxLon, lon);
    minLat = Math.min(minLat, lat);
    maxLat = Math.max(maxLat, lat);
  };
  for (const c of communes) {
    if (c.outline) {
      const rings = c.outline.type === 'Polygon' ? c.outline.coordinates : c.outline.coordinates.flat();
      for (const ring of rings) for (const [lon = 0, lat = 0] of ring) extend(lon, lat);
    } else extend(c.longitude, c.latitude);
  }
  if (!Number.isFinite(minLon)) {
    minLon = 0;
    maxLon = 1;
    minLat = 0;
    maxLat = 1;
  }
  const cosLat = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const scale = (WIDTH - 2 * MARGIN) / Math.max((maxLon - minLon) * cosLat, 1e-6);
  const height = Math.round(Math.max(maxLat - minLat, 1e-6) * scale + 2 * MARGIN);
  return {
    height,
    project: (lon: number, lat: number): [number, number] => [
      MARGIN + (lon - minLon) * cosLat * scale,
      MARGIN + (maxLat - lat) * scale,
    ],
  };
}

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
  const { height, project } = useMemo(() => projectionOf(communes), [communes]);
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
