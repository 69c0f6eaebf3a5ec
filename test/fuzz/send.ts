// One raw HTTP(S) request with the path sent exactly as built (no client-side normalisation), the
// reply read whole unless it is a stream (server-sent events, NDJSON), which is cut after the
// headers. A reply that takes over 15 s is a finding (a request that hangs the server).
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

export interface RawReply {
  status: number;
  contentType: string;
  text: string;
  streamed: boolean;
}

export interface RawRequest {
  base: string;
  method: string;
  /** Path and query, already encoded. */
  path: string;
  headers: Record<string, string>;
  body?: string;
  ca?: string;
}

const STREAM_TYPES = /^(text\/event-stream|application\/x-ndjson)/;
const TIMEOUT_MS = 15_000;

/** One kept-alive agent per server: a TLS handshake per ARM request would cost more than the request. */
const agents = new Map<string, HttpAgent>();
function agentFor(base: string, https: boolean, ca: string | undefined): HttpAgent {
  let agent = agents.get(base);
  if (agent === undefined) {
    agent = https ? new HttpsAgent({ keepAlive: true, ...(ca === undefined ? {} : { ca }) }) : new HttpAgent({ keepAlive: true });
    agents.set(base, agent);
  }
  return agent;
}

/** Closes the kept-alive sockets (before the servers close). */
export function closeAgents(): void {
  for (const agent of agents.values()) agent.destroy();
  agents.clear();
}

export async function sendRaw(r: RawRequest): Promise<RawReply> {
  try {
    return await sendOnce(r);
  } catch (err) {
    // Node's documented race (http, request.reusedSocket): the server closed an idle kept-alive
    // socket as the request went out on it; the server never read it, so it is sent again once.
    if (err instanceof ReusedSocketClosed) return sendOnce(r);
    throw err;
  }
}

class ReusedSocketClosed extends Error {}

function sendOnce(r: RawRequest): Promise<RawReply> {
  const url = new URL(r.base);
  const https = url.protocol === 'https:';
  const send = https ? httpsRequest : httpRequest;
  const agent = agentFor(r.base, https, r.ca);
  // An explicit length: without it Node sends a GET's body unframed, and the server would read it as the next request.
  const headers = r.body === undefined ? r.headers : { ...r.headers, 'content-length': String(Buffer.byteLength(r.body)) };
  return new Promise((resolve, reject) => {
    const req = send({ host: url.hostname, port: url.port, method: r.method, path: r.path, headers, agent, timeout: TIMEOUT_MS }, (res) => {
      const contentType = res.headers['content-type'] ?? '';
      if (STREAM_TYPES.test(contentType)) {
        res.destroy();
        resolve({ status: res.statusCode ?? 0, contentType, text: '', streamed: true });
        return;
      }
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => { resolve({ status: res.statusCode ?? 0, contentType, text: Buffer.concat(chunks).toString('utf8'), streamed: false }); });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no reply within ${TIMEOUT_MS} ms`)));
    req.on('error', (err: NodeJS.ErrnoException) => {
      reject(req.reusedSocket && err.code === 'ECONNRESET' ? new ReusedSocketClosed(err.message) : err);
    });
    if (r.body !== undefined) req.write(r.body);
    req.end();
  });
}
