// OCI's error body is {code, message}; the SDK needs both (api-shapes §1.3). Engine errors already
// carry OCI's status and code; Fastify's own request errors are mapped to the codes OCI uses for
// them. Codes FastRoute had to choose are listed in docs/differences.md.
import type { FastifyError } from 'fastify';
import { CloudError } from '../../../model/errors.ts';

export interface OciErrorBody {
  code: string;
  message: string;
}

/** OCI's own text for a body it cannot read (seen in public error reports). */
export const CANNOT_PARSE = 'Incorrectly formatted request. Please refer to our documentation for help.';

export const ociApiError = {
  cannotParse: (detail: string) => new CloudError('oci', 400, 'CannotParseRequest', `${CANNOT_PARSE} ${detail}`),
  notAuthenticated: (detail: string) => new CloudError('oci', 401, 'NotAuthenticated', `The required information to complete authentication was not provided or was incorrect. ${detail}`),
  noEtagMatch: (what: string, id: string) => new CloudError('oci', 412, 'NoEtagMatch', `The if-match etag does not match the current etag of ${what} ${id}.`),
  invalidatedRetryToken: (detail: string) => new CloudError('oci', 409, 'InvalidatedRetryToken', detail),
  routeNotFound: (method: string, url: string) => new CloudError('oci', 404, 'NotFound', `No such API: ${method} ${url}.`),
  /** `path` with its API version segment, e.g. "/20171215/fileSystems". */
  notImplemented: (operation: string, method: string, path: string) =>
    new CloudError('oci', 501, 'NotImplemented', `FastRoute does not implement the OCI operation ${operation} (${method} ${path}). See the coverage table in FastRoute's README.`),
  /** A web page of another site, or a Host naming another site (DNS rebinding): request-origin.ts says which. */
  foreignOrigin: (detail: string) =>
    new CloudError('oci', 403, 'NotAllowed', `Requests from web pages of another site are not allowed; FastRoute's OCI API serves the SDK and CLI. ${detail}.`),
  tooManyRequests: () => new CloudError('oci', 429, 'TooManyRequests', 'Too many requests for the tenant'),
};

function isFastifyError(e: unknown): e is FastifyError {
  return e instanceof Error && typeof (e as Partial<FastifyError>).statusCode === 'number' && typeof (e as Partial<FastifyError>).code === 'string';
}

export function toOciError(err: unknown): { status: number; body: OciErrorBody } {
  if (err instanceof CloudError) return { status: err.status, body: { code: err.code, message: err.message } };
  if (isFastifyError(err) && err.statusCode !== undefined && err.statusCode < 500) {
    switch (err.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return { status: 400, body: { code: 'CannotParseRequest', message: `${CANNOT_PARSE} The body is not valid JSON.` } };
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return { status: 400, body: { code: 'CannotParseRequest', message: `${CANNOT_PARSE} The body is larger than the service accepts.` } };
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return { status: 400, body: { code: 'CannotParseRequest', message: `${CANNOT_PARSE} Content-Type must be application/json.` } };
      default:
        return { status: 400, body: { code: 'InvalidParameter', message: err.message } };
    }
  }
  const message = err instanceof Error ? err.message : String(err);
  return { status: 500, body: { code: 'InternalServerError', message } };
}
