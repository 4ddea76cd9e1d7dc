import { useCallback, useEffect, useRef, useState } from 'react';
import type { Cursor, Page } from './types';

export interface AsyncState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  /** Replace the loaded value locally (after a write that returned the new value). */
  setData: (update: (prev: T | undefined) => T | undefined) => void;
}

/** Loads once per change of `deps`; a stale answer never overwrites a newer one. */
export function useAsync<T>(load: () => Promise<T>, deps: readonly unknown[]): AsyncState<T> {
  const [data, setDataState] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    loadRef.current().then(
      (value) => {
        if (!live) return;
        setDataState(value);
        setLoading(false);
      },
      (err: unknown) => {
        if (!live) return;
        setError(err);
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  const setData = useCallback((update: (prev: T | undefined) => T | undefined) => setDataState(update), []);
  return { data, error, loading, reload, setData };
}

export interface PagedState<T> {
  items: T[];
  error: unknown;
  /** First page is loading. */
  loading: boolean;
  loadingMore: boolean;
  hasMore: boolean;
  loadMore: () => void;
  reload: () => void;
  update: (fn: (items: T[]) => T[]) => void;
}

/** A paged list whose answer carries more than its items (e.g. the case list's `total`). */
export interface PagedWithFirst<T, P> extends PagedState<T> {
  /** The latest first page as the server answered it; null while it loads or after an error. */
  first: P | null;
}

/** Cursor pagination: the first page on every change of `deps`, then "加载更多". */
export function usePaged<P extends Page<unknown>, T = P['items'][number]>(
  fetchPage: (cursor: Cursor | null) => Promise<P>,
  deps: readonly unknown[],
): PagedWithFirst<T, P> {
  const [items, setItems] = useState<T[]>([]);
  const [first, setFirst] = useState<P | null>(null);
  const [cursor, setCursor] = useState<Cursor | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [tick, setTick] = useState(0);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const generation = useRef(0);

  useEffect(() => {
    const gen = ++generation.current;
    setLoading(true);
    setError(null);
    setFirst(null);
    fetchRef.current(null).then(
      (page) => {
        if (gen !== generation.current) return;
        setFirst(page);
        setItems(page.items as T[]);
        setCursor(page.nextCursor);
        setLoading(false);
      },
      (err: unknown) => {
        if (gen !== generation.current) return;
        setItems([]);
        setCursor(null);
        setError(err);
        setLoading(false);
      },
    );
  }, [...deps, tick]);

  const loadMore = useCallback(() => {
    if (!cursor) return;
    const gen = generation.current;
    setLoadingMore(true);
    setError(null);
    fetchRef.current(cursor).then(
      (page) => {
        if (gen !== generation.current) return;
        setItems((prev) => [...prev, ...(page.items as T[])]);
        setCursor(page.nextCursor);
        setLoadingMore(false);
      },
      (err: unknown) => {
        if (gen !== generation.current) return;
        setError(err);
        setLoadingMore(false);
      },
    );
  }, [cursor]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  const update = useCallback((fn: (items: T[]) => T[]) => setItems(fn), []);
  return { items, first, error, loading, loadingMore, hasMore: cursor !== null, loadMore, reload, update };
}
