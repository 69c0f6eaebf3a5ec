// Headers that keep the console (and every other admin answer) from being framed, sniffed or
// extended by injected content. The built console loads one script and one stylesheet from
// /assets/ and talks to its own origin (fetch, EventSource), so 'self' covers all it needs; no
// inline script or style is allowed (React sets style properties through the CSSOM, which CSP does
// not restrict). The favicon is an empty data: URL. Set here rather than with @fastify/helmet,
// which is not a dependency; the event stream writes its own head (reply.hijack) and is JSON-free.
import type { FastifyInstance } from 'fastify';

const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

export function installSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', (_req, reply, payload, done) => {
    void reply.headers(SECURITY_HEADERS);
    done(null, payload);
  });
}
