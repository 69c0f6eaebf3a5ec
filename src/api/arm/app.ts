// The Azure Resource Manager API on its own Fastify instance (https): one catch-all route and
// FastRoute's own case-insensitive matcher (protocol/route-match.ts), bearer authentication,
// api-version, ARM's error body, and the request/correlation ids ARM sends back.
import { randomUUID } from 'node:crypto';
import { isLoopbackAddress } from '../../config/loopback.ts';
import { installOriginGuard } from '../request-origin.ts';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { CloudError } from '../../model/errors.ts';
import { requireApiVersion } from './api-version-gate.ts';
import type { ArmApiContext } from './context.ts';
import type { ArmMethod, ArmOperation, ArmReply, ArmRequest } from './operation.ts';
import { armApiError, armErrorBody, toArmError } from './protocol/errors.ts';
import { clientErrorHandler } from '../client-error.ts';
import { compilePattern, hasEmptyInnerSegment, matchPattern, pathSegments, type CompiledPattern } from './protocol/route-match.ts';
import { parseJsoncBody } from './protocol/jsonc-body.ts';
import { authenticateBearer, requireSubscriptionAccess } from './auth/tokens.ts';
import { ARM_OPERATIONS } from './resources/index.ts';

export interface ArmAppOptions {
  logLevel: string;
  https: { key: string; cert: string };
  /** The address the server listens on, which requests' Host header may name (default 127.0.0.1). */
  boundHost?: string;
}

/** ARM refuses request bodies over 4 MiB. */
export const ARM_BODY_LIMIT = 4 * 1024 * 1024;

const METHODS: ArmMethod[] = ['GET', 'PUT', 'PATCH', 'DELETE', 'POST', 'HEAD'];

interface Route { op: ArmOperation; pattern: CompiledPattern }

function header(req: FastifyRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

function query(req: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.query as Record<string, string | string[] | undefined>)) {
    const value = Array.isArray(v) ? v[0] : v;
    if (value !== undefined) out[k.toLowerCase() === 'api-version' ? 'api-version' : k] = value;
  }
  return out;
}

function renderError(err: unknown): { status: number; body: unknown } {
  if (err instanceof CloudError && err.code.startsWith('oauth:')) {
    return { status: err.status, body: { error: err.code.slice('oauth:'.length), error_description: err.message } };
  }
  return toArmError(err);
}

function send(reply: FastifyReply, method: string, result: ArmReply): FastifyReply {
  if (result.headers) void reply.headers(result.headers);
  const status = result.status ?? 200;
  if (result.body === undefined || method === 'HEAD' || status === 204) return reply.code(status).send();
  return reply.code(status).type(result.contentType ?? 'application/json; charset=utf-8').send(JSON.stringify(result.body));
}

function armFrameworkError(err: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  const { status, body } = renderError(err.code === 'FST_ERR_BAD_URL' ? armApiError.noRoute(req.method, (req.raw.url ?? '/').split('?')[0] ?? '/') : err);
  void reply.code(status).type('application/json; charset=utf-8').send(JSON.stringify(body));
}

export function createArmApp(ctx: ArmApiContext, opts: ArmAppOptions, operations: readonly ArmOperation[] = ARM_OPERATIONS): FastifyInstance {
  const app = Fastify({
    logger: { level: opts.logLevel },
    https: opts.https,
    bodyLimit: ARM_BODY_LIMIT,
    exposeHeadRoutes: false,
    // Errors Fastify raises before any route runs (a path that is not valid percent-encoding) get
    // ARM's body too; such a path names no resource, as pathSegments() already decides.
    frameworkErrors: armFrameworkError,
    clientErrorHandler: clientErrorHandler((c) => armErrorBody(c.code, c.message)),
  });
  const routes: Route[] = operations.map((op) => ({ op, pattern: compilePattern(op.path) }));

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(typeof body === 'string' ? body : body.toString('utf8'))));
  });
  // The few routes that read JSONC, picked once: every body parse asks about them.
  const jsoncRoutes = routes.filter((r) => r.op.bodySyntax === 'jsonc');
  /** Whether the route a request reaches reads its body as JSONC (decided before routing, as parsing comes first). */
  const jsoncRoute = (method: string, url: string): boolean => {
    const candidates = jsoncRoutes.filter((r) => r.op.method === method);
    if (candidates.length === 0) return false;
    const segments = pathSegments(url.split('?')[0] ?? '/');
    return segments !== undefined && candidates.some((r) => matchPattern(r.pattern, segments) !== undefined);
  };
  app.addContentTypeParser('*', { parseAs: 'string' }, (req, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    try {
      done(null, jsoncRoute(req.method, req.raw.url ?? '/') ? parseJsoncBody(text) : (JSON.parse(text) as unknown));
    } catch (e) {
      done(e instanceof CloudError ? e : armApiError.invalidRequestContent(e instanceof Error ? e.message : 'invalid JSON'), undefined);
    }
  });

  // The managed-identity endpoint stands for IMDS, which only the VM itself can reach: never hand
  // tokens to another machine, whatever address the server listens on.
  app.addHook('onRequest', (req, reply, done) => {
    if (req.url.startsWith('/msi/') && !isLoopbackAddress(req.socket.remoteAddress ?? '')) {
      void reply.code(403).send({ error: 'forbidden', error_description: 'the managed identity endpoint answers loopback clients only' });
      return;
    }
    done();
  });
  app.addHook('onRequest', (req, reply, done) => {
    void reply.header('x-ms-request-id', randomUUID());
    void reply.header('x-ms-correlation-request-id', header(req, 'x-ms-correlation-request-id') ?? randomUUID());
    const clientId = header(req, 'x-ms-client-request-id');
    if (clientId !== undefined) void reply.header('x-ms-client-request-id', clientId);
    done();
  });
  installOriginGuard(app, {
    boundHost: opts.boundHost ?? '127.0.0.1',
    https: true,
    refuse: (v) => (v.kind === 'host' ? armApiError.invalidHostName(v.message) : armApiError.foreignOrigin(v.message)),
  });

  app.setErrorHandler((err, req, reply) => {
    const { status, body } = renderError(err);
    if (status >= 500 && status !== 501) req.log.error({ err }, 'ARM API request failed');
    if (req.method === 'HEAD') return reply.code(status).send();
    return reply.code(status).type('application/json; charset=utf-8').send(JSON.stringify(body));
  });

  app.route({
    method: METHODS,
    url: '/*',
    handler: async (req, reply) => {
      const method = req.method as ArmMethod;
      const path = (req.raw.url ?? '/').split('?')[0] ?? '/';
      const segments = pathSegments(path);
      if (segments === undefined) throw armApiError.noRoute(method, path);
      let route: Route | undefined;
      let params: Record<string, string> | undefined;
      let otherMethod = false;
      for (const r of routes) {
        const m = matchPattern(r.pattern, segments);
        if (m === undefined) continue;
        if (r.op.method !== method) {
          otherMethod = true;
          continue;
        }
        route = r;
        params = m;
        break;
      }
      if (!route || !params) {
        if (otherMethod) throw armApiError.methodNotAllowed(method, path);
        // An empty name ("resourceGroups//providers", or a last one left empty: ".../routeTables/")
        // makes no ARM path, implemented or not.
        const emptyLastName = path.endsWith('/') && routes.some((r) => matchPattern(r.pattern, [...segments, '_']) !== undefined);
        if (segments[0]?.toLowerCase() === 'subscriptions' && segments.length > 2 && !hasEmptyInnerSegment(path) && !emptyLastName) throw armApiError.notImplemented(`${method} ${path}`);
        throw armApiError.noRoute(method, path);
      }
      const q = query(req);
      const bearer = route.op.auth !== 'none';
      let principal;
      if (bearer) {
        if (q['api-version'] === undefined || q['api-version'] === '') throw armApiError.missingApiVersion();
        principal = await authenticateBearer(header(req, 'authorization'), { strict: ctx.strictAuth, secret: ctx.tokenSecret, principals: ctx.principals });
        if (params.subscriptionId !== undefined) requireSubscriptionAccess(principal, params.subscriptionId, `${method} ${route.op.name}`);
        await requireApiVersion(ctx, route.op.path, params, q['api-version'], req.body);
      }
      const request: ArmRequest = {
        method, params, query: q, body: req.body, header: (n) => header(req, n), url: req.raw.url ?? '/',
        apiVersion: q['api-version'] ?? '', principal, engine: ctx.engine, ctx,
      };
      return send(reply, method, await route.op.handle(request));
    },
  });
  return app;
}
