// HTTP load from a second process (autocannon's CLI), so the load generator does not share the
// server's event loop. Bounded by duration; only loopback URLs are used.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const AUTOCANNON = path.join(path.dirname(require.resolve('autocannon/package.json')), 'autocannon.js');

export interface LoadOptions {
  connections?: number;
  seconds?: number;
  method?: 'GET' | 'POST' | 'PUT';
  /** A CA certificate file to trust (https targets with FastRoute's own CA). */
  caFile?: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadResult {
  requestsPerSecond: number;
  latencyMedianMs: number;
  non2xx: number;
  errors: number;
}

export async function load(url: string, opts: LoadOptions = {}): Promise<LoadResult> {
  if (!/^https?:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])[:/]/.test(url)) throw new Error(`refusing to load a non-loopback URL: ${url}`);
  const args = [AUTOCANNON, '-j', '-c', String(opts.connections ?? 10), '-d', String(opts.seconds ?? 2), '-m', opts.method ?? 'GET'];
  for (const [k, v] of Object.entries(opts.headers ?? {})) args.push('-H', `${k}=${v}`);
  if (opts.body !== undefined) args.push('-b', opts.body);
  args.push(url);
  const env = opts.caFile === undefined ? process.env : { ...process.env, NODE_EXTRA_CA_CERTS: opts.caFile };
  const { stdout } = await run(process.execPath, args, { maxBuffer: 16 * 1024 * 1024, timeout: ((opts.seconds ?? 2) + 30) * 1000, env });
  const r = JSON.parse(stdout) as { requests: { average: number }; latency: { p50: number }; non2xx: number; errors: number };
  return { requestsPerSecond: r.requests.average, latencyMedianMs: r.latency.p50, non2xx: r.non2xx, errors: r.errors };
}
