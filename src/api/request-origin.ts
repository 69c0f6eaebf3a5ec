// Keeps other web pages out of all three APIs (admin, OCI, ARM). A browser lets any page send
// "simple" cross-site requests to localhost, and DNS rebinding lets a page on evil.example reach
// these ports under its own name. So every request must name this server in its Host header (the
// bound address, localhost or a loopback address, with the listening port); an Origin header,
// which browsers send on every cross-origin and every POST request, must be this server's own
// origin; and Sec-Fetch-Site must not say another site sent it. The SDKs, the clouds' CLIs and
// FastRoute's CLI send no Origin and name the server they connect to, so they pass. Each API turns a
// refusal into its own cloud's error (status, code, message shape) through its error handler.
import { hostname, networkInterfaces } from 'node:os';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];
const WILDCARD_BINDS = new Set(['0.0.0.0', '::', '[::]']);

/** Why a request was refused: a Host that names another site, or a page of another origin. */
export interface OriginViolation {
  kind: 'host' | 'origin';
  message: string;
}

function bracketed(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/** Host names (without port) that name this server: loopback, the bound address, and for a wildcard bind every local address and the machine's name. */
function allowedHostNames(boundHost: string): Set<string> {
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

/** Splits `name:port` / `[v6]:port` (no port: the scheme's default); undefined when malformed. */
function splitHostPort(value: string, defaultPort: number): { name: string; port: number } | undefined {
  const m = /^(\[[^\]]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(value.trim().toLowerCase());
  if (m === null) return undefined;
  return { name: m[1] as string, port: m[2] === undefined ? defaultPort : Number(m[2]) };
}

/** An Origin is this server's when it is http(s) and names the same host and port the request was sent to. */
function isOwnOrigin(origin: string, host: { name: string; port: number }): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    // "null" (sandboxed frames, file: pages) and anything unparsable is foreign.
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
  return url.hostname.toLowerCase() === host.name && port === host.port;
}

interface ServerIdentity {
  /** Host names (no port) that name this server (allowedHostNames). */
  names: ReadonlySet<string>;
  /** The listening port; undefined when not listening (Fastify's inject), which skips the port check. */
  port: number | undefined;
  /** The port a Host header without one means (80 for http, 443 for https). */
  defaultPort: number;
}

/** Why the request is refused, or undefined when it may proceed. */
function originViolation(headers: FastifyRequest['headers'], server: ServerIdentity): OriginViolation | undefined {
  const host = headers.host;
  const hp = host === undefined ? undefined : splitHostPort(host, server.defaultPort);
  const shown = server.port === undefined ? 'localhost' : `localhost:${server.port}`;
  if (hp === undefined || !server.names.has(hp.name) || (server.port !== undefined && hp.port !== server.port)) {
    return { kind: 'host', message: `Host header ${JSON.stringify(host ?? '')} does not name this server (use ${shown} or the address it listens on)` };
  }
  const origin = headers.origin;
  if (origin !== undefined && !isOwnOrigin(origin, hp)) {
    return { kind: 'origin', message: `cross-origin request from ${JSON.stringify(origin)} refused: only clients without an Origin (SDKs, CLIs) and this server's own pages are served` };
  }
  const fetchSite = headers['sec-fetch-site'];
  if (fetchSite === 'cross-site' || fetchSite === 'same-site') {
    return { kind: 'origin', message: `${fetchSite} request refused: a page of another site may not call this API` };
  }
  return undefined;
}

export interface OriginGuardOptions {
  boundHost: string;
  https?: boolean;
  /** The cloud's own error for a refusal; the app's error handler renders it. */
  refuse: (violation: OriginViolation) => Error;
  /** A further check of the API's own (the admin API's content types), run after the shared one. */
  extra?: (req: FastifyRequest) => OriginViolation | undefined;
}

/** Adds an onRequest hook refusing foreign Hosts and Origins (install it after hooks that set headers every answer carries). */
export function installOriginGuard(app: FastifyInstance, opts: OriginGuardOptions): void {
  const names = allowedHostNames(opts.boundHost);
  const defaultPort = opts.https === true ? 443 : 80;
  app.addHook('onRequest', (req, _reply, done) => {
    const port = (app.server.address() as AddressInfo | null)?.port;
    const violation = originViolation(req.headers, { names, port, defaultPort }) ?? opts.extra?.(req);
    done(violation === undefined ? undefined : opts.refuse(violation));
  });
}
