// The OCI Core API (20160918) on its own Fastify instance: region prefixes, identity, the raw body
// (kept for signatures and retry tokens), the operation table, and OCI's error protocol.
import type { IncomingMessage } from 'node:http';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import type { OciApiContext } from './context.ts';
import { fastifyPath, type OciOperation, type OciReply, type OciRequest } from './operation.ts';
import { ociApiError, toOciError } from './protocol/errors.ts';
import { installOriginGuard } from '../request-origin.ts';
import { API_VERSION_SEGMENT, OCI_REGIONS, splitRegion } from './protocol/regions.ts';
import { authenticate, type AuthSettings } from './auth/identity.ts';
import { sdkOperationFor } from './sdk-catalogue.ts';
import { OCI_OPERATIONS } from './operations/index.ts';
import { MONITORING_OPERATIONS } from './operations/monitoring.ts';
import { clientErrorHandler } from '../client-error.ts';
import { newOpcRequestId } from './protocol/request-id.ts';

export interface OciAppOptions {
  logLevel: string;
  /** The address the server listens on, which requests' Host header may name (default 127.0.0.1). */
  boundHost?: string;
}

/** [U] OCI does not publish a body limit for Core; FastRoute refuses bodies over 1 MiB. */
export const OCI_BODY_LIMIT = 1024 * 1024;

/** Who the request authenticated as, or why it did not (decided before the rate limiter runs). */
type AuthOutcome = { tenancyId: string } | { failure: unknown };

interface RequestState {
  region: string | undefined;
  rawUrl: string;
  rawBody: string;
  auth?: AuthOutcome;
}

const state = new WeakMap<IncomingMessage, RequestState>();

function stateOf(req: FastifyRequest): RequestState {
  let s = state.get(req.raw);
  if (s === undefined) {
    s = { region: undefined, rawUrl: req.raw.url ?? '/', rawBody: '' };
    state.set(req.raw, s);
  }
  return s;
}

function requestId(req: FastifyRequest): string {
  const sent = req.headers['opc-request-id'];
  return typeof sent === 'string' && sent !== '' ? sent : newOpcRequestId();
}

function header(req: FastifyRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

function send(reply: FastifyReply, result: OciReply): FastifyReply {
  if (result.etag !== undefined) void reply.header('etag', result.etag);
  if (result.headers !== undefined) void reply.headers(result.headers);
  if (result.status === 204) return reply.code(204).send();
  if (result.bytes !== undefined) return reply.code(result.status ?? 200).type('application/json').send(result.bytes);
  const text = result.text ?? (result.body === undefined ? undefined : JSON.stringify(result.body));
  return reply.code(result.status ?? 200).type('application/json').send(text);
}

function ociFrameworkError(err: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  const { status, body } = toOciError(err.code === 'FST_ERR_BAD_URL' ? ociApiError.routeNotFound(req.method, req.url) : err);
  void reply.code(status).type('application/json').send(JSON.stringify(body));
}

export function createOciApp(ctx: OciApiContext, opts: OciAppOptions, operations: readonly OciOperation[] = OCI_OPERATIONS): FastifyInstance {
  const app = Fastify({
    logger: { level: opts.logLevel },
    bodyLimit: OCI_BODY_LIMIT,
    // Errors Fastify raises before any route runs: a path that is not valid percent-encoding names
    // no API, so it is answered as an unknown route, in OCI's body.
    frameworkErrors: ociFrameworkError,
    clientErrorHandler: clientErrorHandler((c) => ({ code: c.status === 400 ? 'CannotParseRequest' : c.code, message: c.message })),
    // Region prefix → state; routes are registered once, without it.
    rewriteUrl(raw) {
      const url = raw.url ?? '/';
      const { region, url: rest } = splitRegion(url);
      state.set(raw, { region, rawUrl: url, rawBody: '' });
      return rest;
    },
  });

  // Only JSON, as the SDK sends it (charset parameters included): text/plain and form bodies are what a web
  // page can send cross-site without a preflight. Anything else is FST_ERR_CTP_INVALID_MEDIA_TYPE, which
  // toOciError answers as 400 CannotParseRequest.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    stateOf(req).rawBody = text;
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    try {
      done(null, JSON.parse(text) as unknown);
    } catch {
      done(ociApiError.cannotParse('The body is not valid JSON.'), undefined);
    }
  });

  // Callback hooks, not async ones: they run on every request and need no promise. Every answer,
  // a refusal too, carries a request id; other sites are refused before anything else is looked at.
  app.addHook('onRequest', (req, reply, done) => {
    void reply.header('opc-request-id', requestId(req));
    done();
  });
  installOriginGuard(app, { boundHost: opts.boundHost ?? '127.0.0.1', refuse: (v) => ociApiError.foreignOrigin(v.message) });
  app.addHook('onRequest', (req, _reply, done) => {
    const { region } = stateOf(req);
    if (region !== undefined && !OCI_REGIONS.includes(region)) {
      done(ociApiError.routeNotFound(req.method, `${req.url} (unknown region ${region}; FastRoute serves ${OCI_REGIONS.join(', ')})`));
      return;
    }
    done();
  });

  app.setErrorHandler((err, req, reply) => {
    const { status, body } = toOciError(err);
    if (status >= 500 && status !== 501) req.log.error({ err }, 'OCI API request failed');
    return reply.code(status).type('application/json').send(JSON.stringify(body));
  });

  app.setNotFoundHandler((req, reply) => {
    const url = req.url;
    const sdkOp = sdkOperationFor(req.method, url);
    const err = sdkOp ? ociApiError.notImplemented(sdkOp.name, sdkOp.method, `${sdkOp.version}${sdkOp.path}`) : ociApiError.routeNotFound(req.method, url);
    const { status, body } = toOciError(err);
    return reply.code(status).type('application/json').send(JSON.stringify(body));
  });

  const settings: AuthSettings = {
    strict: ctx.strictAuth,
    publicKeyFor: (keyId: string) => ctx.engine.world.get('fr.ApiKey', keyId)?.publicKeyPem,
    nowMs: () => Date.now(),
  };

  if (ctx.rateLimitPerSecond > 0) {
    // Per tenancy, as OCI throttles, but only once the tenancy is known: the limiter runs after
    // authentication (preHandler), so a forged signature naming a tenancy spends the sender's
    // address's budget, never the tenancy's.
    void app.register(rateLimit, {
      hook: 'preHandler',
      max: ctx.rateLimitPerSecond,
      timeWindow: 1000,
      keyGenerator: (req) => throttleKey(stateOf(req).auth, req.ip),
      errorResponseBuilder: () => ociApiError.tooManyRequests(),
    });
  }

  // Registered as a plugin so the rate limiter (if any) is in place before the routes exist.
  void app.register((scope, _opts, done) => {
    registerOperations(scope, ctx, operations, settings);
    done();
  });
  return app;
}

function throttleKey(auth: AuthOutcome | undefined, address: string): string {
  return auth !== undefined && 'tenancyId' in auth ? `tenancy:${auth.tenancyId}` : `address:${address}`;
}

function registerOperations(app: FastifyInstance, ctx: OciApiContext, operations: readonly OciOperation[], settings: AuthSettings): void {
  // After the body is read (the signature covers its digest), before the rate limiter; a failure is
  // answered by the handler, so failed attempts are throttled too (per address).
  app.addHook('preValidation', (req, _reply, done) => {
    const st = stateOf(req);
    try {
      st.auth = { tenancyId: authenticate({ method: req.method, rawUrl: st.rawUrl, header: (n) => header(req, n), rawBody: st.rawBody }, settings) };
    } catch (failure) {
      st.auth = { failure };
    }
    done();
  });
  // The Monitoring API (issue 17) is served beside Core's, under its own version segment.
  for (const op of [...operations, ...MONITORING_OPERATIONS]) {
    app.route({
      method: op.method,
      url: `${op.version ?? API_VERSION_SEGMENT}${fastifyPath(op.path)}`,
      handler: async (req, reply) => {
        const st = stateOf(req);
        const auth = st.auth ?? { failure: ociApiError.notAuthenticated('The request was not authenticated.') };
        if ('failure' in auth) throw auth.failure;
        const { tenancyId } = auth;
        const request: OciRequest = {
          scope: { tenancyId, region: st.region ?? ctx.defaultRegion },
          params: req.params as Record<string, string>,
          query: req.query as Record<string, string | string[] | undefined>,
          body: req.body,
          rawBody: st.rawBody,
          ifMatch: header(req, 'if-match'),
          retryToken: header(req, 'opc-retry-token'),
          engine: ctx.engine,
        };
        return send(reply, await op.handle(request));
      },
    });
  }
}
