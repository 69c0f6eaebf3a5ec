// One error shape for the whole admin API: {code, message} with the right status. Engine errors
// (CloudError) already carry theirs; lab errors carry line-accurate issues; Fastify's own request
// errors (bad JSON, wrong media type, body too large) stay 4xx, and so do the static files' refusals (a path climbing out of the console's root, a NUL). Only real bugs become 500.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CloudError } from '../../model/errors.ts';
import { LabLimitError } from '../../lab/limits.ts';
import { LabError } from '../../lab/types.ts';
import type { ErrorBody } from './contract.ts';
import { AmbiguousTargetError } from './routes-candidates.ts';

export interface ErrorReply {
  status: number;
  body: ErrorBody;
}

const FASTIFY_CODES: Readonly<Record<string, string>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'InvalidJson',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'InvalidJson',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UnsupportedMediaType',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PayloadTooLarge',
};

/** Codes for the HTTP errors plugins raise (@fastify/static via `send`: 403 for a path that climbs out of its root, 400 for a NUL). */
const HTTP_CODES: Readonly<Record<number, string>> = { 400: 'InvalidRequest', 403: 'Forbidden', 404: 'NotFound' };

/** An `http-errors` error a plugin raised on purpose for the client (its `expose` flag), e.g. from @fastify/static. */
function isClientHttpError(e: unknown): e is Error & { statusCode: number } {
  const status = (e as { statusCode?: unknown } | undefined)?.statusCode;
  return e instanceof Error && (e as { expose?: unknown }).expose === true && typeof status === 'number' && status >= 400 && status < 500;
}

function isFastifyError(e: unknown): e is FastifyError {
  return e instanceof Error && typeof (e as Partial<FastifyError>).statusCode === 'number' && typeof (e as Partial<FastifyError>).code === 'string';
}

export function toErrorReply(err: unknown): ErrorReply {
  if (err instanceof AmbiguousTargetError) return { status: err.status, body: { code: err.code, message: err.message, candidates: err.candidates } };
  if (err instanceof CloudError) return { status: err.status, body: { code: err.code, message: err.message } };
  if (err instanceof LabLimitError) {
    return { status: err.status, body: { code: err.status === 413 ? 'PayloadTooLarge' : 'LabLimitExceeded', message: err.message, issues: err.issues } };
  }
  if (err instanceof LabError) return { status: 400, body: { code: 'LabInvalid', message: err.message, issues: err.issues } };
  if (isFastifyError(err) && err.statusCode !== undefined && err.statusCode < 500) {
    const code = FASTIFY_CODES[err.code] ?? 'InvalidRequest';
    const message = err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ? `request body is not valid JSON: ${err.message}` : err.message;
    return { status: err.statusCode, body: { code, message } };
  }
  if (isClientHttpError(err)) return { status: err.statusCode, body: { code: HTTP_CODES[err.statusCode] ?? 'InvalidRequest', message: `${err.message}: the path is not allowed` } };
  const message = err instanceof Error ? err.message : String(err);
  return { status: 500, body: { code: 'InternalError', message } };
}

/** Fastify's `frameworkErrors` option: errors raised before any route runs (a path that is not valid percent-encoding) get the same {code, message} body. */
export function adminFrameworkError(err: FastifyError, _req: FastifyRequest, reply: FastifyReply): void {
  const { status, body } = toErrorReply(err);
  void reply.code(status).send(body);
}

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err, req, reply) => {
    const { status, body } = toErrorReply(err);
    if (status >= 500) req.log.error({ err }, 'admin API request failed');
    return reply.code(status).send(body);
  });
  app.setNotFoundHandler((req, reply) => {
    const body: ErrorBody = { code: 'NotFound', message: `no such endpoint: ${req.method} ${req.url}` };
    return reply.code(404).send(body);
  });
}
