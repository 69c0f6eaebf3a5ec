// Loads data with a promise-returning function whenever its key changes; keeps showing the last
// good value while a refetch runs (no flicker on live refreshes), and drops stale answers.
import { useEffect, useState } from 'react';
import { errorText } from '../api/client.ts';

export interface AsyncState<T> {
  data: T | undefined;
  error: string | undefined;
  loading: boolean;
}

export function useAsync<T>(load: () => Promise<T>, deps: readonly unknown[]): AsyncState<T> {
  const [state, setState] = useState<AsyncState<T>>({ data: undefined, error: undefined, loading: true });
  useEffect(() => {
    let current = true;
    setState((s) => (s.loading ? s : { ...s, loading: true }));
    load().then(
      (data) => { if (current) setState({ data, error: undefined, loading: false }); },
      (err: unknown) => { if (current) setState((s) => ({ data: s.data, error: errorText(err), loading: false })); },
    );
    return () => { current = false; };
    // The caller names what the load depends on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return state;
}
