import { useSyncExternalStore } from 'react';

/**
 * A very small router: the workbench lives under /app/ and the server answers index.html for any
 * /app/* path, so real paths survive a reload. Paths below are relative to /app (e.g. `/officers`).
 */
export const BASE = '/app';
const EVENT = 'zhifa:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(EVENT, onChange);
  };
}

/** `/app/officers/` → `/officers`; `/app` → `/`. */
export function relativePath(pathname: string): string {
  let p = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
  if (!p.startsWith('/')) p = `/${p}`;
  if (p.length > 1 && p.endsWith('/')) p = p.slice(0, -1);
  return p;
}

function currentPath(): string {
  return relativePath(window.location.pathname);
}

export function usePath(): string {
  return useSyncExternalStore(subscribe, currentPath);
}

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  const url = `${BASE}${to === '/' ? '/' : to}`;
  if (url === window.location.pathname) return;
  if (opts.replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  window.dispatchEvent(new Event(EVENT));
}
