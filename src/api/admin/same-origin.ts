// Keeps other web pages out of the admin API. A browser lets any page send "simple" cross-site
// requests (form posts, text/plain fetches) to localhost, and DNS rebinding lets a page on
// evil.example reach this port under its own name. So every request must name this server in its
// Host header (the bound address, localhost or a loopback address, with the listening port); an
// Origin header, which browsers send on every cross-origin and every POST request, must be this
// server's own origin (the console's); and a body must not use a content type a page can send
// without a CORS preflight. Non-browser clients (the CLI, curl) send no Origin and pass.
import { hostname, networkInterfaces } from 'node:os';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ErrorBody } from './contract.ts';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];
const WILDCARD_BINDS = new Set(['0.0.0.0', '::', '[::]']);
/** The content types a page may send cross-site without a preflight (Fetch standard, "CORS-safelisted request-header"). */
const SIMPLE_CONTENT_TYPES = new Set(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']);

function bracketed(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/** Host names (without port) that name this server: loopback, the bound address, and for a wildcard bind every local address and the machine's name. */
export function allowedHostNames(boundHost: string): Set<string> {
  const names = new Set(LOOPBACK_NAMES);
  const bound = boundHost.toLowerCase();
  if (!WILDCARD_BINDS.has(bound)) {
    names.add(bracketed(bound));
    return names;
  }
  names.add(hostname().toLowerCase());
  for (const addrs of Object.values(networkInterfaces())) {
    for (const a of addrs ?? []) names.add(bracketed(a.address.toLowerCase()));
  }
  return names;
}

/** Splits `name:port` / `[v6]:port` (no port: 80, as HTTP says); undefined when malformed. */
function splitHostPort(value: string): { name: string; port: number } | undefined {
  const m = /^(\[[^\]]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(value.trim().toLowerCase());
  if (m === null) return undefined;
  return { name: m[1] as string, port: m[2] === undefined ? 80 : Number(m[2]) };
}

/** Why the request is refused, or undefined when it may proceed. */
export function sameOriginViolation(req: Pick<FastifyRequest, 'headers'>, names: ReadonlySet<string>, port: number): string | undefined {
  const host = req.headers.host;
  const hp = host === undefined ? undefined : splitHostPort(host);
  if (hp === undefined || !names.has(hp.name) || hp.port !== port) {
    return `Host header ${JSON.stringify(host ?? '')} does not name this server (use localhost:${port} or the address it listens on)`;
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !sameOrigin(origin, hp)) {
    return `cross-origin request from ${JSON.stringify(origin)} refused: the admin API only answers its own console (http://${hp.name}:${hp.port})`;
  }
  const fetchSite = req.headers['sec-fetch-site'];
  if (fetchSite === 'cross-site' || fetchSite === 'same-site') {
    return `${fetchSite} request refused: the admin API only answers its own console`;
  }
  const contentType = req.headers['content-type'];
  if (contentType !== undefined) {
    const essence = (contentType.split(';')[0] ?? '').trim().toLowerCase();
    if (SIMPLE_CONTENT_TYPES.has(essence)) {
      return `content type ${essence} refused: send JSON (application/json), which browsers never send cross-site without asking`;
    }
  }
  return undefined;
}

function sameOrigin(origin: string, host: { name: string; port: number }): boolean {
  const o = origin.toLowerCase();
  return o === `http://${host.name}:${host.port}` || (host.port === 80 && o === `http://${host.name}`);
}

export function installSameOriginGuard(app: FastifyInstance, boundHost: string): void {
  const names = allowedHostNames(boundHost);
  app.addHook('onRequest', (req, reply, done) => {
    const port = (app.server.address() as AddressInfo | null)?.port ?? 0;
    const why = sameOriginViolation(req, names, port);
    if (why === undefined) {
      done();
      return;
    }
    const body: ErrorBody = { code: 'Forbidden', message: why };
    void reply.code(403).header('cache-control', 'no-store').send(body);
  });
}
