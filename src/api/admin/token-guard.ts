// Requires the admin token (src/server/admin-token.ts) on every admin API request, when one is in
// force. Two ways to present it:
// - `Authorization: Bearer <token>`: the CLI, scripts, curl.
// - the console's cookie. Opening the console at the URL the start banner prints (`/?token=…`)
//   swaps the token for an HttpOnly, SameSite=Strict cookie scoped to the API's path and redirects
//   to `/`, so the token leaves the address bar, page scripts never see it, and no other site's page
//   can make the browser send it (besides the Host/Origin guard, which refuses such requests anyway).
// The console's static files carry no secrets and are served to anyone who reaches the port.
// Tokens are compared in constant time (as SHA-256 digests, so the length leaks nothing either).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CloudError } from '../../model/errors.ts';
import { API_PREFIX } from './contract.ts';

/** The console's cookie; the port keeps two FastRoutes on one host apart (cookies ignore ports). */
function adminCookieName(port: number): string {
  return `fastroute-admin-${port}`;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function matches(presented: string | undefined, expected: Buffer): boolean {
  return presented !== undefined && timingSafeEqual(digest(presented), expected);
}

function bearer(req: FastifyRequest): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return m?.[1];
}

function cookie(req: FastifyRequest, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function unauthorized(message: string): CloudError {
  return new CloudError('fastroute', 401, 'Unauthorized', message);
}

/**
 * The console's own routes (`/` and the static files' wildcard), told by the route Fastify matched,
 * never by the raw URL: the router decodes percent-escapes, so `/%66astroute/v1/status` is the
 * status route although its URL does not start with the API prefix.
 */
function isConsoleRoute(req: FastifyRequest): boolean {
  const route = req.routeOptions.url;
  return route === '/' || route === '/*';
}

/** `/?token=…`: trade the token for the cookie and go to the console's root (the browser keeps the #route) without it. */
function exchangeForCookie(req: FastifyRequest, reply: FastifyReply, expected: Buffer, cookieName: string): boolean {
  const url = new URL(req.url, 'http://fastroute.invalid');
  const offered = url.searchParams.get('token');
  if (offered === null) return false;
  if (!matches(offered, expected)) throw unauthorized('the token in this URL is not the admin token: open the console at the URL FastRoute printed at start');
  url.searchParams.delete('token');
  const attributes = `HttpOnly; SameSite=Strict; Path=${API_PREFIX}`;
  void reply
    .code(303)
    .header('set-cookie', `${cookieName}=${offered}; ${attributes}`)
    .header('cache-control', 'no-store')
    // Always the root: a path taken from the request could read `//other.site` (an open redirect).
    .redirect(`/${url.search}`, 303);
  return true;
}

export function installAdminTokenGuard(app: FastifyInstance, token: string | undefined): void {
  if (token === undefined) return;
  const expected = digest(token);
  app.addHook('onRequest', (req, reply, done) => {
    const port = (app.server.address() as AddressInfo | null)?.port ?? 0;
    const cookieName = adminCookieName(port);
    try {
      if (isConsoleRoute(req)) {
        if (!(req.method === 'GET' && exchangeForCookie(req, reply, expected, cookieName))) done();
        return;
      }
      if (matches(bearer(req), expected) || matches(cookie(req, cookieName), expected)) {
        done();
        return;
      }
      void reply.header('www-authenticate', 'Bearer realm="fastroute-admin"');
      done(unauthorized('this FastRoute requires its admin token: send `Authorization: Bearer <token>` (the token is in the data directory\'s admin-token file; the CLI reads it from there or from FASTROUTE_ADMIN_TOKEN), or open the console at the URL printed at start'));
    } catch (err) {
      done(err as Error);
    }
  });
}
