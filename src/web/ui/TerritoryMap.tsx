import { useId, useMemo, useState, type MouseEvent, type ReactNode } from 'react';
import { useNavigate } from 'react-router';

/** GeoJSON outline of a commune, WGS84 (longitude, latitude). */
export type CommuneOutline =
  { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };

export interface MapCommuneShape {
  code: string;
  name: string;
  latitude: number;
  longitude: number;
  outline: CommuneOutline | null;
}

export interface MapPoint {
  id: string;
  latitude: number;
  longitude: number;
  /** Accessible name of the point, e.g. « Aide Loire Services, Saran ». */
  label: string;
  /** Page the point leads to; without it the point is drawn but not focusable. */
  href?: string;
  /** Number shown in the point (a commune with several results). */
  count?: number;
}

export interface TerritoryMapProps {
  communes: readonly MapCommuneShape[];
  points?: readonly MapPoint[];
  /** A value per commune code (count of results, coverage…): the communes are shaded by it. */
  communeValues?: Readonly<Record<string, number>>;
  /** Accessible title of the map. */
  title: string;
  /** What the shading means, for the legend (« structures trouvées »). */
  valueLabel?: string;
  /**
   * Drawing added above the communes and below the points, in the map's coordinates (a route, a zone).
   * Decorative: give its meaning in text next to the map.
   */
  overlay?: (project: (longitude: number, latitude: number) => [number, number]) => ReactNode;
  /** Hides the caption visually (it stays for assistive technologies). */
  isCaptionHidden?: boolean;
  className?: string;
}

/** viewBox width; the height follows the territory's proportions. */
export const TERRITORY_MAP_WIDTH = 600;
const WIDTH = TERRITORY_MAP_WIDTH;
const MARGIN = 12;
const POINT_RADIUS = 8;
/** Shades of the palette's blue, light to dark, for the commune values. */
const SHADES = ['#ffffff', '#dbe6f4', '#b3c9e6', '#86a8d6', '#5b86c2'];

function ringsOf(outline: CommuneOutline): number[][][] {
  return outline.type === 'Polygon' ? outline.coordinates : outline.coordinates.flat();
}

/**
 * An equirectangular projection with cos(latitude) scaling, fitted to the communes: accurate enough at the
 * scale of a métropole (a few tens of km), and needs no tiles nor any request outside our own API. The map
 * is `TERRITORY_MAP_WIDTH` units wide and `height` units high; exported so that overlays (a route, a zone)
 * drawn elsewhere land exactly on the map.
 */
export function createTerritoryProjection(communes: readonly MapCommuneShape[]) {
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
  for (const commune of communes) {
    if (commune.outline)
      for (const ring of ringsOf(commune.outline)) for (const [lon = 0, lat = 0] of ring) extend(lon, lat);
    else extend(commune.longitude, commune.latitude);
  }
  if (!Number.isFinite(minLon)) {
    minLon = 0;
    maxLon = 1;
    minLat = 0;
    maxLat = 1;
  }
  const cosLat = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLon - minLon) * cosLat, 1e-6);
  const spanY = Math.max(maxLat - minLat, 1e-6);
  const scale = (WIDTH - 2 * MARGIN) / spanX;
  const height = Math.round(spanY * scale + 2 * MARGIN);
  const project = (lon: number, lat: number): [number, number] => [
    MARGIN + (lon - minLon) * cosLat * scale,
    MARGIN + (maxLat - lat) * scale,
  ];
  const isInside = (lon: number, lat: number) =>
    lon >= minLon && lon <= maxLon && lat >= minLat && lat <= maxLat;
  return { project, isInside, height };
}

function pathOf(outline: CommuneOutline, project: (lon: number, lat: number) => [number, number]): string {
  return ringsOf(outline)
    .map(
      (ring) =>
        ring
          .map(([lon = 0, lat = 0], i) => {
            const [x, y] = project(lon, lat);
            return `${i === 0 ? 'M' : 'L'}${x.toFixed(1)} ${y.toFixed(1)}`;
          })
          .join('') + 'Z',
    )
    .join('');
}

function shadeOf(value: number, max: number): string {
  if (value <= 0 || max <= 0) return SHADES[0]!;
  const step = Math.min(SHADES.length - 1, Math.max(1, Math.ceil((value / max) * (SHADES.length - 1))));
  return SHADES[step]!;
}

/**
 * The territory drawn from our own geography: commune outlines (shaded by a value when given) and points
 * that are links, each focusable with the keyboard and named for screen readers. Works offline.
 */
export function TerritoryMap({
  communes,
  points = [],
  communeValues,
  title,
  valueLabel,
  overlay,
  isCaptionHidden = false,
  className,
}: TerritoryMapProps) {
  const navigate = useNavigate();
  const captionId = useId();
  // The point under the mouse or the keyboard focus: named under the map and ringed on top of the others.
  const [active, setActive] = useState<MapPoint | null>(null);
  const { project, isInside, height } = useMemo(() => createTerritoryProjection(communes), [communes]);

  const shapes = useMemo(
    () =>
      communes
        .filter((c) => c.outline)
        .map((c) => ({ code: c.code, name: c.name, d: pathOf(c.outline!, project) })),
    [communes, project],
  );
  const maxValue = Math.max(0, ...Object.values(communeValues ?? {}));

  // Points at the same place (several providers at a commune's centre) are spread on a small circle.
  const placed = useMemo(() => {
    const inside = points.filter(
      (p) => Number.isFinite(p.latitude) && Number.isFinite(p.longitude) && isInside(p.longitude, p.latitude),
    );
    const groups = new Map<string, MapPoint[]>();
    for (const point of inside) {
      const key = `${point.latitude.toFixed(4)},${point.longitude.toFixed(4)}`;
      groups.set(key, [...(groups.get(key) ?? []), point]);
    }
    return [...groups.values()].flatMap((group) =>
      group.map((point, i) => {
        const [x, y] = project(point.longitude, point.latitude);
        if (group.length === 1) return { point, x, y };
        const angle = (2 * Math.PI * i) / group.length;
        const radius = POINT_RADIUS * 1.6;
        return { point, x: x + radius * Math.cos(angle), y: y + radius * Math.sin(angle) };
      }),
    );
  }, [points, project, isInside]);
  const outside = points.length - placed.length;

  const follow = (event: MouseEvent, href: string) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    navigate(href);
  };

  return (
    <figure className={`territory-map${className ? ` ${className}` : ''}`}>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="group" aria-labelledby={captionId} focusable="false">
        <g aria-hidden="true" className="territory-map-communes">
          {shapes.map((shape) => (
            <path key={shape.code} d={shape.d} fill={shadeOf(communeValues?.[shape.code] ?? 0, maxValue)}>
              <title>
                {shape.name}
                {communeValues && valueLabel ? ` : ${communeValues[shape.code] ?? 0} ${valueLabel}` : ''}
              </title>
            </path>
          ))}
        </g>
        {overlay && (
          <g aria-hidden="true" className="territory-map-overlay">
            {overlay(project)}
          </g>
        )}
        {placed.map(({ point, x, y }) => {
          const dot = (
            <>
              <circle
                cx={x}
                cy={y}
                r={point.count && point.count > 1 ? POINT_RADIUS + 3 : POINT_RADIUS}
                className="territory-map-point"
              />
              {point.count && point.count > 1 ? (
                <text
                  x={x}
                  y={y}
                  dy="0.35em"
                  textAnchor="middle"
                  className="territory-map-count"
                  aria-hidden="true"
                >
                  {point.count}
                </text>
              ) : null}
            </>
          );
          return point.href ? (
            <a
              key={point.id}
              href={point.href}
              aria-label={point.label}
              onClick={(event) => follow(event, point.href!)}
              onFocus={() => setActive(point)}
              onBlur={() => setActive(null)}
              onMouseEnter={() => setActive(point)}
              onMouseLeave={() => setActive(null)}
            >
              {dot}
            </a>
          ) : (
            <g key={point.id} role="img" aria-label={point.label}>
              {dot}
            </g>
          );
        })}
        {(() => {
          const ringed = active ? placed.find((p) => p.point.id === active.id) : undefined;
          return ringed ? (
            <g aria-hidden="true" className="territory-map-ring">
              <circle cx={ringed.x} cy={ringed.y} r={POINT_RADIUS + 6} className="territory-map-ring-outer" />
              <circle cx={ringed.x} cy={ringed.y} r={POINT_RADIUS + 3} className="territory-map-ring-inner" />
            </g>
          ) : null;
        })()}
      </svg>
      <p className="territory-map-active" aria-hidden="true">
        {active?.label ?? '\u00a0'}
      </p>
      <figcaption id={captionId} className={isCaptionHidden ? 'visually-hidden' : undefined}>
        {title}
        {outside > 0 ? ` (${outside} hors du territoire, non affiché${outside > 1 ? 's' : ''})` : ''}
      </figcaption>
      {communeValues && valueLabel && maxValue > 0 && (
        <p className="territory-map-legend" aria-hidden="true">
          <span className="territory-map-swatch" style={{ background: SHADES[1] }} /> peu de {valueLabel}
          <span className="territory-map-swatch" style={{ background: SHADES[SHADES.length - 1] }} /> le plus
          de {valueLabel}
        </p>
      )}
    </figure>
  );
}
