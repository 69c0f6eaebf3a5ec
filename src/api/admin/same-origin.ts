// The admin API's part of the same-origin rule (src/api/request-origin.ts holds the shared part:
// Host, Origin, Sec-Fetch-Site): a body must not use a content type a web page can send cross-site
// without a CORS preflight, so a page that slipped past the Origin check still cannot post a command.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CloudError } from '../../model/errors.ts';
import { installOriginGuard, type OriginViolation } from '../request-origin.ts';

/** The content types a page may send cross-site without a preflight (Fetch standard, "CORS-safelisted request-header"). */
const SIMPLE_CONTENT_TYPES = new Set(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']);

function simpleContentType(req: FastifyRequest): OriginViolation | undefined {
  const contentType = req.headers['content-type'];
  if (contentType === undefined) return undefined;
  const essence = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  if (!SIMPLE_CONTENT_TYPES.has(essence)) return undefined;
  return { kind: 'origin', message: `content type ${essence} refused: send JSON (application/json), which browsers never send cross-site without asking` };
}

export function installSameOriginGuard(app: FastifyInstance, boundHost: string): void {
  installOriginGuard(app, {
    boundHost,
    refuse: (v) => new CloudError('fastroute', 403, 'Forbidden', v.message),
    extra: simpleContentType,
  });
}
