// The hash router: "#/view?key=value". Hash routes need no server support for deep links, so the
// static console works from any path FastRoute serves it at.
import { useSyncExternalStore } from 'react';

export const VIEWS = ['topology', 'interconnect', 'routes', 'trace', 'doctor', 'drills', 'events', 'dataplane', 'alerts', 'metrics'] as const;
export type View = (typeof VIEWS)[number];

export interface Route {
  view: View;
  params: URLSearchParams;
}

function subscribe(cb: () => void): () => void {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const q = raw.indexOf('?');
  const name = q < 0 ? raw : raw.slice(0, q);
  const params = new URLSearchParams(q < 0 ? '' : raw.slice(q + 1));
  const view = (VIEWS as readonly string[]).includes(name) ? (name as View) : 'topology';
  return { view, params };
}

/** The current route; re-renders on hashchange. */
export function useHashRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseHash(hash);
}

export function href(view: View, params?: Record<string, string>): string {
  const q = params === undefined ? '' : new URLSearchParams(params).toString();
  return `#/${view}${q === '' ? '' : `?${q}`}`;
}
