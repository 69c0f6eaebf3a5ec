// What the ARM API needs from the server hosting it.
import type { Engine } from '../../engine/engine.ts';
import type { ArmPrincipal } from './auth/principals.ts';

export interface ArmApiContext {
  engine: Engine;
  /** --strict-auth: only tokens FastRoute issued, for configured principals, on their subscriptions. */
  strictAuth: boolean;
  principals: readonly ArmPrincipal[];
  /** HMAC key for the tokens FastRoute issues (kept per data directory). */
  tokenSecret: Uint8Array;
  /** The public base URL, e.g. https://127.0.0.1:4652 (known once the server listens). */
  baseUrl(): string;
}
