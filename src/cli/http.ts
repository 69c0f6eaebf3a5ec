// The CLI's HTTP transport: node:http (node:https for an https FASTROUTE_URL) rather than fetch,
// because the first fetch in a process loads and sets up undici, about 100 ms: more than the rest
// of a client command. One connection per request (no keep-alive), so the process exits at once.
import type { IncomingMessage } from 'node:http';

export interface HttpAnswer {
  status: number;
  ok: boolean;
  contentType: string;
  /** The whole body as text. */
  text(): Promise<string>;
  /** The body's chunks as they arrive (for streamed answers). */
  chunks(): AsyncIterable<Buffer>;
}

function answer(res: IncomingMessage): HttpAnswer {
  const status = res.statusCode ?? 0;
  return {
    status,
    ok: status >= 200 && status < 300,
    contentType: res.headers['content-type'] ?? '',
    async text() {
      const parts: Buffer[] = [];
      for await (const chunk of res) parts.push(chunk as Buffer);
      return Buffer.concat(parts).toString('utf8');
    },
    chunks: () => res,
  };
}

/** Sends one request; rejects with the socket's error (e.g. code ECONNREFUSED) when it cannot connect. */
export async function httpRequest(url: string, method: string, headers: Record<string, string>, body?: string): Promise<HttpAnswer> {
  const target = new URL(url);
  const { request } = target.protocol === 'https:' ? await import('node:https') : await import('node:http');
  const allHeaders = body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) };
  return new Promise((resolve, reject) => {
    const req = request(target, { method, headers: allHeaders, agent: false }, (res) => {
      resolve(answer(res));
    });
    req.on('error', reject);
    req.end(body);
  });
}
