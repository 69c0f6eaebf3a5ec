// What every reply must be: below 500, an error in the addressed cloud's own shape when refused,
// and free of stack traces and the server's file paths.
import path from 'node:path';
import type { Endpoint } from './routes.ts';
import type { RawReply } from './send.ts';

const REPO = path.join(import.meta.dirname, '..', '..');
const LEAKS = [/\n\s+at [\w$.<>[\] ]+ \(/, /node:internal/, /node_modules/, /\.ts:\d+:\d+/, new RegExp(REPO.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))];

const isText = (v: unknown): v is string => typeof v === 'string' && v !== '';

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The OAuth endpoints answer as OAuth does ({error, error_description}), not as ARM. */
const isOAuthShape = (b: Record<string, unknown>): boolean => isText(b.error) && typeof b.error_description === 'string';

function errorShapeOk(ep: Endpoint, body: unknown): boolean {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const b = body as Record<string, unknown>;
  if (ep.server === 'arm') {
    const e = b.error as Record<string, unknown> | undefined;
    if (typeof e === 'object' && e !== null && isText(e.code) && isText(e.message)) return true;
    return ep.unauthenticated === true && isOAuthShape(b);
  }
  // Fastify's own codes (FST_ERR_…) are the framework speaking, not the API.
  return isText(b.code) && !b.code.startsWith('FST_') && isText(b.message);
}

/** Why the reply is wrong, or undefined. */
export function replyProblem(ep: Endpoint, method: string, reply: RawReply): string | undefined {
  // A checkout without `npm run build:console` serves this page at / on purpose (console-static.ts).
  const consoleNotBuilt = ep.server === 'admin' && reply.status === 503 && reply.text.includes('The console is not built');
  if (reply.status >= 500 && !consoleNotBuilt) return `status ${reply.status}`;
  const leak = LEAKS.find((re) => re.test(reply.text));
  if (leak !== undefined) return `the body leaks internals (${String(leak)})`;
  if (reply.status < 400 || method === 'HEAD' || reply.streamed || consoleNotBuilt) return undefined;
  if (!errorShapeOk(ep, parse(reply.text))) return `status ${reply.status} without the ${ep.server} error shape`;
  return undefined;
}
