// React access to the LiveFeed: the feed itself, its mode, its raw events, and a debounced
// "refresh tick" that views put in their fetch dependencies.
import { createContext, useContext, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { WorldEvent } from '../api/types.ts';
import type { FeedMode, LiveFeed } from './live.ts';

export const LiveContext = createContext<LiveFeed | undefined>(undefined);

export function useLiveFeed(): LiveFeed {
  const feed = useContext(LiveContext);
  if (!feed) throw new Error('useLiveFeed outside <LiveContext>');
  return feed;
}

export function useFeedMode(): FeedMode {
  const feed = useLiveFeed();
  return useSyncExternalStore((cb) => feed.onMode(cb), () => feed.mode);
}

/** Calls `onEvents` for every batch the feed delivers (the latest callback, without resubscribing). */
export function useLiveEvents(onEvents: (events: WorldEvent[]) => void): void {
  const feed = useLiveFeed();
  const ref = useRef(onEvents);
  useEffect(() => {
    ref.current = onEvents;
  });
  useEffect(() => feed.subscribe((events) => { ref.current(events); }), [feed]);
}

/**
 * A counter that moves when the world changed, at most once per `delayMs` (a lab coming up sends
 * hundreds of events; one refetch after the burst is enough).
 */
export function useRefreshTick(delayMs = 250): number {
  const feed = useLiveFeed();
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let timer: number | undefined;
    const off = feed.subscribe(() => {
      if (timer !== undefined) return;
      timer = window.setTimeout(() => {
        timer = undefined;
        setTick((t) => t + 1);
      }, delayMs);
    });
    return () => {
      off();
      window.clearTimeout(timer);
    };
  }, [feed, delayMs]);
  return tick;
}
