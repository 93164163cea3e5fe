import { useEffect, useState } from 'react';
import { foldAccents } from '../../../shared/text';
import { api } from '../../api/client';
import type { Commune, MapCommune } from './directory-api';

/** One request per page load for data that does not change while the app runs. */
function cached<T>(path: string): () => Promise<T> {
  let pending: Promise<T> | null = null;
  return () => {
    pending ??= api<T>(path).catch((error: unknown) => {
      pending = null;
      throw error;
    });
    return pending;
  };
}

const loadCommunes = cached<Commune[]>('/api/communes');
const loadMap = cached<{ communes: MapCommune[] }>('/api/directory/map');

function useCached<T>(load: () => Promise<T>): { data: T | null; error: boolean } {
  const [state, setState] = useState<{ data: T | null; error: boolean }>({ data: null, error: false });
  useEffect(() => {
    let isCurrent = true;
    load()
      .then((data) => isCurrent && setState({ data, error: false }))
      .catch(() => isCurrent && setState({ data: null, error: true }));
    return () => {
      isCurrent = false;
    };
  }, [load]);
  return state;
}

/** The territory's communes (names, postal codes, centres), from GET /api/communes. */
export function useCommunes() {
  return useCached(loadCommunes);
}

/** The communes' outlines for the map, from GET /api/directory/map. */
export function useMapCommunes() {
  const state = useCached(loadMap);
  return { data: state.data?.communes ?? null, error: state.error };
}

/**
 * What a typed place means: a commune (by name, « Name (postal code) » or INSEE code) or a postal code of
 * the territory. Accents, case and hyphens do not matter.
 */
export function resolvePlace(
  text: string,
  communes: readonly Commune[],
): { commune: string; postalCode: string } | null {
  const typed = foldAccents(text).replace(/[-'’]/g, ' ').replace(/\s+/g, ' ').trim();
  if (!typed) return null;
  if (/^\d{5}$/.test(typed)) {
    if (communes.some((c) => c.postalCodes.includes(typed))) return { commune: '', postalCode: typed };
    const byCode = communes.find((c) => c.code === typed);
    return byCode ? { commune: byCode.code, postalCode: '' } : null;
  }
  const fold = (name: string) => foldAccents(name).replace(/[-'’]/g, ' ').replace(/\s+/g, ' ').trim();
  const withoutPostalCode = typed.replace(/\s*\(\d{5}(?:,\s*\d{5})*\)$/, '');
  const found = communes.find((c) => fold(c.name) === withoutPostalCode);
  return found ? { commune: found.code, postalCode: '' } : null;
}

/** The text shown in the place field for a commune code or postal code of the URL. */
export function placeTextOf(
  state: { commune: string; postalCode: string },
  communes: readonly Commune[],
): string {
  if (state.commune) return communes.find((c) => c.code === state.commune)?.name ?? state.commune;
  return state.postalCode;
}
