// The live topology: fetched once, then again whenever the event feed says the world changed.
import { getTopology } from '../api/admin.ts';
import type { Topology } from '../api/types.ts';
import { type AsyncState, useAsync } from './useAsync.ts';
import { useRefreshTick } from './useLive.ts';

export function useTopology(): AsyncState<Topology> {
  const tick = useRefreshTick();
  return useAsync(getTopology, [tick]);
}
