// What the OCI API needs from the server hosting it.
import type { Engine } from '../../engine/engine.ts';

export interface OciApiContext {
  engine: Engine;
  /** Region of requests without a /{region} prefix. */
  defaultRegion: string;
  /** --strict-auth: verify every request's signature against registered API keys. */
  strictAuth: boolean;
  /** Requests per second per tenancy before 429 TooManyRequests; 0 = unlimited. */
  rateLimitPerSecond: number;
}
