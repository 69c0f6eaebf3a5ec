// Assembles the admin API on a Fastify instance. The server owns listening and the engine's
// lifetime; this file only wires routes and error handling.
import Fastify, { type FastifyInstance } from 'fastify';
import type { AdminContext } from './context.ts';
import { installErrorHandlers } from './errors.ts';
import { registerClockRoutes } from './clock.ts';
import { registerEventRoutes } from './events.ts';
import { registerLabRoutes } from './labs.ts';
import { registerResetRoutes } from './reset.ts';
import { registerResourceRoutes } from './resources.ts';
import { registerStatusRoutes } from './status.ts';
import { registerRoutesRoutes } from './routes.ts';
import { registerTraceRoutes } from './trace.ts';
import { registerDoctorRoutes } from './doctor.ts';
import { registerDrillRoutes } from './drills.ts';
import { registerCheckRoutes } from './check.ts';
import { registerApiKeyRoutes } from './api-keys.ts';

export interface AdminAppOptions {
  /** pino level; 'silent' in tests. */
  logLevel: string;
}

/** Enterprise-sized lab files run to a few MB of YAML. */
const BODY_LIMIT = 32 * 1024 * 1024;

export function createAdminApp(ctx: AdminContext, opts: AdminAppOptions): FastifyInstance {
  const app = Fastify({ logger: { level: opts.logLevel }, bodyLimit: BODY_LIMIT });
  installErrorHandlers(app);
  registerStatusRoutes(app, ctx);
  registerLabRoutes(app, ctx);
  registerResourceRoutes(app, ctx);
  registerEventRoutes(app, ctx);
  registerClockRoutes(app, ctx);
  registerResetRoutes(app, ctx);
  registerRoutesRoutes(app, ctx);
  registerTraceRoutes(app, ctx);
  registerDoctorRoutes(app, ctx);
  registerDrillRoutes(app, ctx);
  registerCheckRoutes(app, ctx);
  registerApiKeyRoutes(app, ctx);
  return app;
}
