// Loads data again and again at a bounded interval: the next load starts `intervalMs` after the last
// one answered (a slow server never gets requests piling up), nothing is fetched while the tab is
// hidden, and a change of `deps` (a live world change) loads at once. Keeps the last good value.
import { useEffect, useState } from 'react';
import { errorText } from '../api/client.ts';
import type { AsyncState } from './useAsync.ts';

/** The interval's bounds: live enough to watch a ping, never a busy loop. */
export const MIN_POLL_MS = 1000;
export const MAX_POLL_MS = 60_000;

export function usePolled<T>(load: () => Promise<T>, intervalMs: number, deps: readonly unknown[]): AsyncState<T> {
  const [state, setState] = useState<AsyncState<T>>({ data: undefined, error: undefined, loading: true });
  const every = Math.min(MAX_POLL_MS, Math.max(MIN_POLL_MS, intervalMs));
  useEffect(() => {
    let alive = true;
    let timer: number | undefined;
    const next = (): void => {
      if (alive) timer = window.setTimeout(run, every);
    };
    const run = (): void => {
      if (document.hidden) {
        next();
        return;
      }
      load().then(
        (data) => { if (alive) setState({ data, error: undefined, loading: false }); },
        (err: unknown) => { if (alive) setState((s) => ({ data: s.data, error: errorText(err), loading: false })); },
      ).finally(next);
    };
    run();
    return () => {
      alive = false;
      window.clearTimeout(timer);
    };
    // The caller names what the load depends on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [every, ...deps]);
  return state;
}
