// ARM's error body is {error: {code, message, target?, details}} (api-shapes §2.4); the SDKs turn
// it into RestError(code, message) and the CLI prints "(code) message". Engine errors already carry
// ARM's status and code; the front door's own errors (body, auth, routing) are made here.
import type { FastifyError } from 'fastify';
import { CloudError } from '../../../model/errors.ts';

export interface ArmErrorBody {
  error: { code: string; message: string; target?: string; details: unknown[] };
}

export const armApiError = {
  invalidRequestContent: (detail: string) => new CloudError('azure', 400, 'InvalidRequestContent', `The request content was invalid and could not be deserialized: ${detail}`),
  invalidRequestFormat: (detail: string, target?: string) => new CloudError('azure', 400, 'InvalidRequestFormat', `Cannot parse the request. ${detail}`, target),
  missingApiVersion: () => new CloudError('azure', 400, 'MissingApiVersionParameter', "The api-version query parameter (?api-version=) is required for all requests."),
  /** ARM's own types (resource groups, deployments, subscriptions): versions newest first, comma-separated. */
  invalidApiVersion: (version: string, supported: readonly string[]) =>
    new CloudError('azure', 400, 'InvalidApiVersionParameter', `The api-version '${version}' is invalid. The supported versions are '${supported.join(',')}'.`),
  /** A resource provider's type: `type` without its namespace ("virtualNetworks"), as ARM prints it. */
  noRegisteredProvider: (location: string, version: string, type: string, supported: readonly string[], locations: readonly string[]) =>
    new CloudError('azure', 400, 'NoRegisteredProviderFound', `No registered resource provider found for location '${location}' and API version '${version}' for type '${type}'. The supported api-versions are '${supported.join(', ')}'. The supported locations are '${locations.join(', ')}'.`),
  authenticationFailed: (detail: string) => new CloudError('azure', 401, 'AuthenticationFailed', `Authentication failed. ${detail}`),
  invalidToken: (detail: string) => new CloudError('azure', 401, 'InvalidAuthenticationToken', `The access token is invalid. ${detail}`),
  expiredToken: () => new CloudError('azure', 401, 'ExpiredAuthenticationToken', 'The access token has expired. Get a new token and try again.'),
  authorizationFailed: (client: string, action: string, scope: string) =>
    new CloudError('azure', 403, 'AuthorizationFailed', `The client '${client}' with object id '${client}' does not have authorization to perform action '${action}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`),
  /** Azure's front end answers a Host it does not serve with 400 "Invalid Hostname"; here also a DNS-rebinding page's requests. */
  invalidHostName: (detail: string) => new CloudError('azure', 400, 'InvalidHostName', `The request hostname is invalid. ${detail}.`),
  /** A web page of another site (its Origin or Sec-Fetch-Site says so): FastRoute's ARM serves SDKs and az, which send neither. */
  foreignOrigin: (detail: string) => new CloudError('azure', 403, 'Forbidden', `Requests from web pages of another site are not allowed. ${detail}.`),
  noRoute: (method: string, path: string) => new CloudError('azure', 404, 'NotFound', `No HTTP resource was found that matches the request URI '${path}' (${method}).`),
  invalidResourceType: (type: string) => new CloudError('azure', 400, 'InvalidResourceType', `The resource type '${type}' could not be found in the namespace served by FastRoute.`),
  notImplemented: (what: string) => new CloudError('azure', 501, 'NotImplemented', `FastRoute does not implement ${what}. See docs/differences.md.`),
  methodNotAllowed: (method: string, path: string) => new CloudError('azure', 405, 'MethodNotAllowed', `The requested resource does not support http method '${method}' (${path}).`),
  preconditionFailed: () => new CloudError('azure', 412, 'PreconditionFailed', 'The condition specified using HTTP conditional header(s) is not met.'),
  operationNotFound: (id: string) => new CloudError('azure', 404, 'OperationNotFound', `The operation '${id}' could not be found.`),
};

function isFastifyError(e: unknown): e is FastifyError {
  return e instanceof Error && typeof (e as Partial<FastifyError>).statusCode === 'number' && typeof (e as Partial<FastifyError>).code === 'string';
}

export function armErrorBody(code: string, message: string, target?: string, details: readonly unknown[] = []): ArmErrorBody {
  return { error: { code, message, ...(target === undefined ? {} : { target }), details: [...details] } };
}

export function toArmError(err: unknown): { status: number; body: ArmErrorBody } {
  if (err instanceof CloudError) return { status: err.status, body: armErrorBody(err.code, err.message, err.target, err.details) };
  if (isFastifyError(err) && err.statusCode !== undefined && err.statusCode < 500) {
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return { status: 413, body: armErrorBody('RequestContentTooLarge', 'The request content size exceeds the maximum of 4 MiB.') };
    return { status: 400, body: armErrorBody('InvalidRequestContent', `The request content was invalid and could not be deserialized: ${err.message}`) };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { status: 500, body: armErrorBody('InternalServerError', message) };
}
