// Assembles the admin API on a Fastify instance. The server owns listening and the engine's
// lifetime; this file only wires routes and error handling.
import Fastify, { type FastifyInstance } from 'fastify';
import type { Socket } from 'node:net';
import type { AdminContext } from './context.ts';
import { adminFrameworkError, installErrorHandlers } from './errors.ts';
import { clientErrorHandler } from '../client-error.ts';
import { registerClockRoutes } from './clock.ts';
import { registerEventRoutes } from './events.ts';
import { registerLabRoutes } from './labs.ts';
import { registerResetRoutes } from './reset.ts';
import { registerSnapshotRoutes } from './snapshots.ts';
import { registerResourceRoutes } from './resources.ts';
import { registerStatusRoutes } from './status.ts';
import { registerRoutesRoutes } from './routes.ts';
import { registerTraceRoutes } from './trace.ts';
import { registerResolveRoutes } from './resolve.ts';
import { registerDoctorRoutes } from './doctor.ts';
import { registerDrillRoutes } from './drills.ts';
import { registerTrafficRoutes } from './traffic.ts';
import { registerCostRoutes } from './cost.ts';
import { registerCheckRoutes } from './check.ts';
import { registerDiffRoutes } from './diff.ts';
import { registerDataplaneRoutes } from './dataplane.ts';
import { registerApiKeyRoutes } from './api-keys.ts';
import { registerTopologyRoutes } from './topology.ts';
import { registerEventStreamRoutes } from './event-stream.ts';
import { registerConsoleStatic } from './console-static.ts';
import { registerMetricsRoutes } from './metrics.ts';
import { registerAlertRoutes } from './alerts.ts';
import { installSameOriginGuard } from './same-origin.ts';
import { installAdminTokenGuard } from './token-guard.ts';
import { installSecurityHeaders } from './security-headers.ts';

export interface AdminAppOptions {
  /** pino level; 'silent' in tests. */
  logLevel: string;
  /** The built web console served at / (default: the package's console/dist). */
  consoleDir?: string;
  /** Milliseconds between the event stream's heartbeat comments (default 15 s). */
  eventStreamHeartbeatMs?: number;
  /** The address the server listens on, which requests' Host header may name (default 127.0.0.1). */
  boundHost?: string;
  /** The admin token every API request must present (token-guard.ts); undefined: none in force. */
  adminToken?: string;
}

/** Enterprise-sized lab files run to a few MB of YAML. */
const BODY_LIMIT = 32 * 1024 * 1024;

export function createAdminApp(ctx: AdminContext, opts: AdminAppOptions): FastifyInstance {
  const app = Fastify({
    logger: { level: opts.logLevel },
    bodyLimit: BODY_LIMIT,
    frameworkErrors: adminFrameworkError,
    clientErrorHandler: clientErrorHandler((c) => ({ code: c.code, message: c.message })),
  });
  installErrorHandlers(app);
  installSameOriginGuard(app, opts.boundHost ?? '127.0.0.1');
  installAdminTokenGuard(app, opts.adminToken);
  installSecurityHeaders(app);
  closeUnusedSocketsOnClose(app);
  registerStatusRoutes(app, ctx);
  registerLabRoutes(app, ctx);
  registerResourceRoutes(app, ctx);
  registerEventRoutes(app, ctx);
  registerClockRoutes(app, ctx);
  registerResetRoutes(app, ctx);
  registerSnapshotRoutes(app, ctx);
  registerRoutesRoutes(app, ctx);
  registerTraceRoutes(app, ctx);
  registerResolveRoutes(app, ctx);
  registerDoctorRoutes(app, ctx);
  registerDrillRoutes(app, ctx);
  registerTrafficRoutes(app, ctx);
  registerCostRoutes(app, ctx);
  registerCheckRoutes(app, ctx);
  registerDiffRoutes(app, ctx);
  registerDataplaneRoutes(app, ctx);
  registerApiKeyRoutes(app, ctx);
  registerTopologyRoutes(app, ctx);
  registerEventStreamRoutes(app, ctx, opts.eventStreamHeartbeatMs === undefined ? {} : { heartbeatMs: opts.eventStreamHeartbeatMs });
  registerMetricsRoutes(app, ctx);
  registerAlertRoutes(app, ctx);
  registerConsoleStatic(app, opts.consoleDir);
  return app;
}

/**
 * Clients open connections they may never use (browsers preconnect; undici opens a spare one when a
 * streamed response is aborted). Node's server.close() waits for those until the client gives up,
 * so closing the server would hang for seconds: destroy the ones that never sent a byte.
 */
function closeUnusedSocketsOnClose(app: FastifyInstance): void {
  const sockets = new Set<Socket>();
  app.server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  app.addHook('preClose', (done) => {
    for (const socket of sockets) if (socket.bytesRead === 0) socket.destroy();
    done();
  });
}
