// A recorded change: a resource created, deleted, reconfigured, or moved between states.
import type { Kind } from './world.ts';

export type EventChange = 'created' | 'updated' | 'deleted' | 'state';

export interface WorldEvent {
  seq?: number;
  time: string;
  kind: Kind;
  resourceId: string;
  resourceName?: string;
  change: EventChange;
  field?: string;
  before?: unknown;
  after?: unknown;
  cause: string;
}
