// The web console's static files (console/dist, built by `npm run build`) at the admin server's
// root: index.html at / (never cached: it names the current hashed assets), hashed assets under
// /assets/ (cached for a year, immutable), other root files (favicon) revalidated. Whether the
// console is built is checked per request, so building it while the server runs just works; until
// then GET / answers 503 saying how to build it. The admin API keeps its own JSON 404s.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { API_PREFIX } from './contract.ts';
import { packageFile } from '../../config/package-root.ts';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>FastRoute console not built</title></head>
<body><h1>FastRoute</h1><p>The console is not built: run <code>npm run build</code>, then reload this page.</p>
<p>The admin API is at <a href="${API_PREFIX}/status">${API_PREFIX}/status</a>.</p></body></html>
`;

/** console/dist of this FastRoute package. */
export function defaultConsoleDir(): string {
  return packageFile('console', 'dist');
}

export function registerConsoleStatic(app: FastifyInstance, consoleDir: string = defaultConsoleDir()): void {
  const root = path.resolve(consoleDir);
  const index = path.join(root, 'index.html');
  const assets = `${path.join(root, 'assets')}${path.sep}`;

  // Loaded with the app's other plugins when it starts (ready/listen).
  void app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: true,
    index: false,
    cacheControl: false,
    // The admin API's unknown paths stay JSON 404s (the not-found handler), without touching the disk.
    allowedPath: (pathname) => !pathname.startsWith(`${API_PREFIX}/`) && pathname !== API_PREFIX,
    setHeaders: (res, file) => {
      res.setHeader('cache-control', file.startsWith(assets) ? IMMUTABLE : REVALIDATE);
    },
  });

  // A closure over `index`: the console may be built after the server started.
  app.get('/', (_req, reply) => {
    if (!existsSync(index)) return reply.code(503).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(NOT_BUILT);
    return reply.header('cache-control', REVALIDATE).sendFile('index.html', root);
  });
}
