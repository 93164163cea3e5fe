import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError } from './client';

export interface Loaded<T> {
  data: T | null;
  error: string | null;
  isLoading: boolean;
  reload(): Promise<void>;
}

const messageOf = (error: unknown): string =>
  error instanceof ApiError ? error.message : 'Chargement impossible. Réessayez.';

/**
 * Loads a path of the API (null: nothing to load yet), keeps the last answer while reloading, and says
 * failures in French. An answer for a path the page has since left is dropped.
 */
export function useLoad<T>(path: string | null): Loaded<T> {
  const [state, setState] = useState<{ data: T | null; error: string | null; isLoading: boolean }>({
    data: null,
    error: null,
    isLoading: path !== null,
  });
  const current = useRef(path);
  current.current = path;
  const reload = useCallback(async () => {
    if (!path) return;
    setState((s) => ({ ...s, isLoading: true }));
    try {
      const data = await api<T>(path);
      if (current.current === path) setState({ data, error: null, isLoading: false });
    } catch (error) {
      if (current.current === path) setState((s) => ({ ...s, error: messageOf(error), isLoading: false }));
    }
  }, [path]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { ...state, reload };
}
