// The one description of FastRoute's configuration. Every source (defaults, config file,
// FASTROUTE_* environment variables, CLI flags) is merged into this schema and parsed once, so a
// bad value is reported the same way wherever it came from.
import { z } from 'zod';
import { DEFAULT_REGION_PAIRS, REGION_PAIR_CATALOGUES } from '../model/interconnect/region-pairs.ts';
import { OCI_REGION_KEYS } from '../model/ids.ts';
import { DEFAULT_TENANT_ID } from '../lifecycle/defaults.ts';
import { CLOCK_SCALE_MAX } from '../lifecycle/delays.ts';
import { MSEE_DAEMONS } from '../dataplane/bgp-model.ts';

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export const CLOCK_MODES = ['instant', 'realistic', 'manual'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const regionPairVersions = Object.keys(REGION_PAIR_CATALOGUES);

const port = (fallback: number, what: string) =>
  z.number().int().min(0).max(65535).default(fallback).describe(`${what} (0 = any free port)`);

export const configSchema = z.strictObject({
  dataDir: z.string().min(1).default('.fastroute')
    .describe('Directory holding the SQLite database; relative paths are resolved against the working directory'),
  inMemory: z.boolean().default(false)
    .describe('Keep everything in memory (nothing written to disk; for tests and throw-away runs)'),
  store: z.string().regex(/^postgres(ql)?:\/\//i, 'must be a postgres:// URL (postgres://user@host/db); leave it unset for SQLite in dataDir').optional()
    .describe('PostgreSQL database holding the world instead of SQLite (postgres://user[:password]@host[:port]/db; PG* variables fill in what the URL leaves out); unset: SQLite in dataDir'),
  lab: z.union([z.string().min(1), z.literal(false)]).optional()
    .describe('Lab file applied at start-up unless that lab is already present (false or "none": no lab; unset: `fastroute start` applies labs/tutorial.yaml)'),
  clock: z.enum(CLOCK_MODES).default('instant')
    .describe('How lifecycle transitions advance: instant (settled by the next read), realistic (the clouds\' delays, scaled), manual (advanced through the admin API)'),
  clockScale: z.number().positive().max(CLOCK_SCALE_MAX).default(0.01)
    .describe(`Multiplier on realistic delays, above 0 and at most ${CLOCK_SCALE_MAX} (1 = the clouds' own pace; 0.01 turns a 30 min gateway into 18 s)`),
  eventRetention: z.int().min(0).default(100_000)
    .describe('Events kept in the event log, the newest first (pruned every 1,000 writes; 0 = keep every event)'),
  host: z.string().min(1).default('127.0.0.1')
    .describe('Interface the servers listen on; anything but loopback puts the admin API behind an admin token and warns'),
  ports: z.strictObject({
    admin: port(4650, 'Admin API and console port'),
    oci: port(4651, 'OCI Core API port'),
    arm: port(4652, 'Azure Resource Manager API port (https, with FastRoute\'s own CA)'),
  }).default({ admin: 4650, oci: 4651, arm: 4652 })
    .describe('TCP ports of the three endpoints'),
  regionPairs: z.string()
    .refine((v) => regionPairVersions.includes(v), { message: `must be one of ${regionPairVersions.join(', ')}` })
    .default(DEFAULT_REGION_PAIRS.version)
    .describe('Version of the OCI ⇄ Azure region-pair catalogue that decides which interconnects can provision'),
  ociDefaultRegion: z.enum(Object.keys(OCI_REGION_KEYS) as [string, ...string[]]).default('us-ashburn-1')
    .describe('OCI region served at the OCI endpoint without a /{region} prefix (http://127.0.0.1:4651/eu-frankfurt-1 selects another)'),
  strictAuth: z.boolean().default(false)
    .describe('Verify OCI request signatures against registered API keys (401 NotAuthenticated otherwise) and accept on ARM only tokens FastRoute issued to armPrincipals; off: unsigned OCI requests are the default tenancy and ARM accepts any bearer token'),
  ociRateLimit: z.number().int().min(0).default(0)
    .describe('OCI API requests per second per authenticated tenancy (failed authentications: per client address) before 429 TooManyRequests (0 = unlimited)'),
  ociApiKeys: z.array(z.strictObject({
    tenancyId: z.string().min(1),
    userId: z.string().min(1),
    fingerprint: z.string().min(1),
    publicKeyFile: z.string().min(1),
  })).default([])
    .describe('OCI API signing keys registered at start-up (config file only; the admin API registers more)'),
  armPrincipals: z.array(z.strictObject({
    clientId: z.string().min(1),
    clientSecret: z.string().min(1).optional(),
    tenantId: z.string().min(1).default(DEFAULT_TENANT_ID),
    subscriptions: z.array(z.string().regex(GUID, 'must be a subscription GUID')).min(1),
    managedIdentity: z.boolean().default(false),
  })).default([])
    .describe('Azure service principals (client id, secret, tenant, subscriptions it may use; managedIdentity: the one `az login --identity` gets). Their subscriptions are created at start-up. Strict mode accepts only these (config file only)'),
  logLevel: z.enum(LOG_LEVELS).default('warn')
    .describe('Server log level (pino); warn keeps the console clean'),
  dataplane: z.boolean().default(false)
    .describe('Bring the data plane up at start (Linux network namespaces with real packets; needs root, iproute2, nftables): see `fastroute dataplane`'),
  dataplaneBgp: z.boolean().default(false)
    .describe('With the data plane up, run the interconnect\'s BGP sessions with real daemons in the edges (FRR; needs frr, and bird2 for dataplaneMsee bird): docs/bgp.md'),
  dataplaneMsee: z.enum(MSEE_DAEMONS).default('frr')
    .describe('The daemon of Microsoft\'s edge with dataplaneBgp: frr or bird (BIRD 2 against FRR on Oracle\'s edge, two vendors on one link)'),
}).describe('FastRoute configuration');

export type Config = z.output<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;
export type ClockModeSetting = (typeof CLOCK_MODES)[number];
