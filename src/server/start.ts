// Starts FastRoute: store, engine (with its clock and ticker), the admin, OCI and ARM APIs, and the
// configured lab. Used by `fastroute start` and, in-process, by tests (port 0, in-memory store).
// The admin API listens first, so `fastroute status` (and a waiting script) gets an answer as early
// as possible; the OCI and ARM APIs and the ARM TLS material (x509, jose: a third of the modules
// FastRoute loads) follow, and the returned promise resolves once all three listen.
import { mkdirSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { createAdminApp } from '../api/admin/app.ts';
import type { TlsMaterial } from './tls.ts';
import { registerConfiguredSubscriptions, tokenSecret } from './arm-identity.ts';
import path from 'node:path';
import { registerConfiguredApiKeys } from './api-keys.ts';
import type { Endpoints } from '../api/admin/contract.ts';
import type { Config } from '../config/schema.ts';
import { Engine } from '../engine/engine.ts';
import type { LabProgress } from '../engine/lab-runner.ts';
import type { Lab } from '../lab/types.ts';
import { openStore } from '../store/open.ts';
import { endpointsFor } from './endpoints.ts';
import { closeOnSignals } from './signals.ts';
import { caPathIn } from './tls-paths.ts';
import { applyStartupLab, readLabFile, type StartupLabOutcome } from './startup-lab.ts';
import { fastrouteVersion } from './version.ts';
import { adminTokenFor, type AdminToken } from './admin-token.ts';
import { assertPortsFree } from './ports-free.ts';
import { Dataplane, type DataplaneUpReport } from '../dataplane/service.ts';

export interface StartOptions {
  /** Called as soon as the admin API listens, before the lab comes up (to print the endpoints early). */
  onListening?: (info: { adminUrl: string; endpoints: Endpoints; dataLocation: string; version: string; adminToken: AdminToken | undefined }) => void;
  onProgress?: (p: LabProgress) => void;
  /** Close cleanly on SIGINT/SIGTERM and exit (the CLI); tests leave signals alone. */
  handleSignals?: boolean;
}

export interface ServerHandle {
  adminUrl: string;
  endpoints: Endpoints;
  dataLocation: string;
  version: string;
  /** The token admin API requests must present, when one is in force (admin-token.ts). */
  adminToken: AdminToken | undefined;
  engine: Engine;
  /** What happened to the configured lab, if any. */
  lab?: StartupLabOutcome;
  /** The data plane (namespaces); brought up at start when the `dataplane` setting is on. */
  dataplane: Dataplane;
  /** A crashed run's data plane leftovers removed at start, and the data plane brought up, if any. */
  dataplaneAtStart: { reaped?: { runId: string; namespacesRemoved: number; processesKilled: number }; reapFailed?: string; up?: DataplaneUpReport };
  close(): Promise<void>;
}

export async function startServer(config: Config, opts: StartOptions = {}): Promise<ServerHandle> {
  // Parse the lab first: a broken lab file stops start-up before anything is opened.
  const lab: Lab | undefined = typeof config.lab === 'string' ? await readLabFile(config.lab) : undefined;

  await assertPortsFree(config);
  if (!config.inMemory) mkdirSync(config.dataDir, { recursive: true });
  const adminToken = adminTokenFor(config);
  // SQLite stays on the server's thread unless FASTROUTE_STORE_WORKER=1: the worker store measured no
  // better create rate on 2 vCPUs (docs/architecture.md) and costs a bundle per process run from sources.
  const worker = process.env.FASTROUTE_STORE_WORKER === '1';
  const store = await openStore(config.inMemory ? { inMemory: true, worker } : { dataDir: config.dataDir, worker, ...(config.store === undefined ? {} : { url: config.store }) });
  let engine: Engine;
  try {
    engine = await Engine.open({ store, clock: config.clock, scale: config.clockScale, regionPairsVersion: config.regionPairs, eventRetention: config.eventRetention });
  } catch (err) {
    await store.close();
    throw err;
  }
  engine.startTicker();
  try {
    await registerConfiguredApiKeys(engine, config.ociApiKeys);
    await registerConfiguredSubscriptions(engine, config.armPrincipals);
  } catch (err) {
    await engine.close();
    throw err;
  }

  const dataplane = new Dataplane(engine, config.inMemory ? undefined : config.dataDir, config.dataplaneBgp ? { bgp: { msee: config.dataplaneMsee } } : {});
  const dataplaneAtStart: ServerHandle['dataplaneAtStart'] = {};
  try {
    // A run killed before its `down` left namespaces behind: its record says which.
    const reaped = await dataplane.reapAtStart();
    if (reaped) dataplaneAtStart.reaped = reaped;
  } catch (err) {
    // The computed twin works without the data plane: say why the leftovers stay, and start.
    dataplaneAtStart.reapFailed = err instanceof Error ? err.message : String(err);
  }

  const version = fastrouteVersion();
  const dataLocation = store.location;
  const tlsDir = config.inMemory ? undefined : path.join(config.dataDir, 'tls');
  // Until the TLS material exists, the ARM CA's path is where it will be (unknown in memory).
  let endpoints = endpointsFor(config, { admin: config.ports.admin }, tlsDir === undefined ? '' : caPathIn(tlsDir));
  const app: FastifyInstance = createAdminApp({ engine, version, dataLocation, endpoints: () => endpoints, dataplane }, { logLevel: config.logLevel, boundHost: config.host, adminToken: adminToken?.token });
  const apps: FastifyInstance[] = [app];

  let temporaryDir: string | undefined;
  let closed: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closed ??= (async () => {
      try {
        await Promise.all(apps.map((a) => a.close()));
      } finally {
        // An in-memory server's CA file lives in the system temp dir: leave nothing behind.
        if (temporaryDir !== undefined) rmSync(temporaryDir, { recursive: true, force: true });
        await dataplane.close();
        await engine.close();
      }
    })());

  const portOf = (a: FastifyInstance) => (a.server.address() as AddressInfo).port;
  try {
    await app.listen({ host: config.host, port: config.ports.admin });
    endpoints = endpointsFor(config, { admin: portOf(app) }, endpoints.armCa);
    const [{ createOciApp }, { createArmApp }, { ensureTls }] = await Promise.all([import('../api/oci/app.ts'), import('../api/arm/app.ts'), import('./tls.ts')]);
    const tls: TlsMaterial = await ensureTls(tlsDir, config.host);
    temporaryDir = tls.temporaryDir;
    const armApp: FastifyInstance = createArmApp(
      { engine, strictAuth: config.strictAuth, principals: config.armPrincipals, tokenSecret: tokenSecret(tlsDir), baseUrl: () => endpoints.arm },
      { logLevel: config.logLevel, https: { key: tls.keyPem, cert: tls.certPem }, boundHost: config.host },
    );
    apps.push(armApp);
    const ociApp: FastifyInstance = createOciApp({ engine, defaultRegion: config.ociDefaultRegion, strictAuth: config.strictAuth, rateLimitPerSecond: config.ociRateLimit }, { logLevel: config.logLevel, boundHost: config.host });
    apps.push(ociApp);
    await ociApp.listen({ host: config.host, port: config.ports.oci });
    await armApp.listen({ host: config.host, port: config.ports.arm });
    endpoints = endpointsFor(config, { admin: portOf(app), oci: portOf(ociApp), arm: portOf(armApp) }, tls.caPath);
  } catch (err) {
    await close();
    throw err;
  }
  if (opts.handleSignals === true) closeOnSignals(close);
  opts.onListening?.({ adminUrl: endpoints.admin, endpoints, dataLocation, version, adminToken });

  let outcome: StartupLabOutcome | undefined;
  if (lab) {
    try {
      outcome = await applyStartupLab(engine, lab, opts.onProgress);
    } catch (err) {
      await close();
      throw err;
    }
  }

  if (config.dataplane) {
    try {
      dataplaneAtStart.up = await dataplane.up();
    } catch (err) {
      await close();
      throw err;
    }
  }

  return { adminUrl: endpoints.admin, endpoints, dataLocation, version, adminToken, engine, ...(outcome ? { lab: outcome } : {}), dataplane, dataplaneAtStart, close };
}
