// Test helper: the writes a crash test makes through the public APIs, each recorded in a ledger only
// once the server acknowledged it with a 2xx. OCI goes through the official SDK (signed with a key
// registered in the config file); ARM through HTTPS PUTs trusting FastRoute's CA.
import { createHash, generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import * as common from 'oci-common';
import * as core from 'oci-core';
import { DEFAULT_SUBSCRIPTION_ID, DEFAULT_TENANCY_ID } from '../../src/lifecycle/defaults.ts';
import { armRequest, type ArmResponse } from '../api/arm/harness.ts';
import '../api/oci/sdk-defaults.ts';
import type { ServerProcess } from './server-process.ts';

export const SUB = `/subscriptions/${DEFAULT_SUBSCRIPTION_ID}`;
export const RG_API = '?api-version=2021-04-01';
export const NET_API = '?api-version=2024-05-01';
const USER = 'ocid1.user.oc1..aaaaaaaacrashtest';

/** An API key for the default tenancy, written as a config file for `fastroute start --config`. */
export function signingConfig(dir: string): { configFile: string; auth: common.AuthenticationDetailsProvider } {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const fingerprint = createHash('md5').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').replace(/(..)(?!$)/g, '$1:');
  const publicKeyFile = path.join(dir, 'key.pub.pem');
  writeFileSync(publicKeyFile, publicKey.export({ type: 'spki', format: 'pem' }).toString());
  const configFile = path.join(dir, 'fastroute.config.json');
  writeFileSync(configFile, JSON.stringify({ ociApiKeys: [{ tenancyId: DEFAULT_TENANCY_ID, userId: USER, fingerprint, publicKeyFile }] }));
  const privatePem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  return { configFile, auth: new common.SimpleAuthenticationDetailsProvider(DEFAULT_TENANCY_ID, USER, fingerprint, privatePem, null) };
}

/** What the server acknowledged (2xx), by what a later read must find. */
export interface Ledger {
  /** VCN OCID → display name. */
  vcns: Map<string, string>;
  /** Resource group name → its `writer` tag. */
  groups: Map<string, string>;
  /** VCN OCID → highest counter value acknowledged by an update (one writer per VCN, in order). */
  ociCounters: Map<string, number>;
  /** Resource group name → highest counter value acknowledged by a PUT (one writer per group, in order). */
  armCounters: Map<string, number>;
  /** VCN creates the kill cut off: opc-retry-token → display name (the body is rebuilt from it). */
  cutOffCreates: Map<string, string>;
}

export function emptyLedger(): Ledger {
  return { vcns: new Map(), groups: new Map(), ociCounters: new Map(), armCounters: new Map(), cutOffCreates: new Map() };
}

export function acknowledged(l: Ledger): number {
  return l.vcns.size + l.groups.size + [...l.ociCounters.values(), ...l.armCounters.values()].reduce((a, b) => a + b, 0);
}

export interface Apis {
  network: core.VirtualNetworkClient;
  arm(method: string, route: string, body?: unknown, headers?: Record<string, string>): Promise<ArmResponse>;
}

export function apis(server: ServerProcess, auth: common.AuthenticationDetailsProvider): Apis {
  const network = new core.VirtualNetworkClient({ authenticationDetailsProvider: auth });
  network.endpoint = server.oci;
  return { network, arm: (method, route, body, headers) => armRequest(server.arm, server.caPem, method, route, body, headers) };
}

export const groupUrl = (name: string): string => `${SUB}/resourcegroups/${name}${RG_API}`;

export function groupBody(writer: string, counter?: number): unknown {
  return { location: 'eastus', tags: { writer, ...(counter === undefined ? {} : { counter: String(counter) }) } };
}

// The SDK warns on the console about every failed call it will not retry (each 412 a test provokes,
// each call the kill cuts off); those lines would bury the test's own output.
const SDK_NOISE = /^(Request cannot be retried|All retry attempts have exhausted)/;
const warn = console.warn.bind(console);
console.warn = (...args: unknown[]) => {
  if (typeof args[0] === 'string' && SDK_NOISE.test(args[0])) return;
  warn(...args);
};

const is2xx = (status: number): boolean => status >= 200 && status < 300;

/** A VCN create under an opc-retry-token (its display name), so a retry after a cut-off reply is safe. */
export function createVcn(a: Apis, displayName: string): Promise<core.responses.CreateVcnResponse> {
  return a.network.createVcn({ opcRetryToken: displayName, createVcnDetails: { compartmentId: DEFAULT_TENANCY_ID, cidrBlocks: ['10.0.0.0/16'], displayName } });
}

/**
 * One writer's burst: creates VCNs and resource groups, and counts up on a VCN and a group of its
 * own (each update strictly after the previous one was acknowledged). Stops when `running()` turns
 * false or a request fails (the server was killed).
 */
export async function writeBurst(a: Apis, ledger: Ledger, name: string, random: () => number, running: () => boolean): Promise<void> {
  let n = 0;
  let ownVcn: string | undefined;
  let ownGroup: string | undefined;
  const MAX_OPS = 10_000;
  try {
    while (running() && n < MAX_OPS) {
      n++;
      const r = random();
      if (r < 0.35 || (r >= 0.7 && r < 0.85 && ownVcn === undefined)) {
        const displayName = `${name}-vcn-${n}`;
        ledger.cutOffCreates.set(displayName, displayName);
        const res = await createVcn(a, displayName);
        ledger.cutOffCreates.delete(displayName);
        ledger.vcns.set(res.vcn.id, displayName);
        ownVcn ??= res.vcn.id;
      } else if (r < 0.7 || ownGroup === undefined) {
        const group = `${name}-rg-${n}`;
        const res = await a.arm('PUT', groupUrl(group), groupBody(name));
        if (!is2xx(res.status)) throw new Error(`PUT ${group}: ${res.status} ${res.text}`);
        ledger.groups.set(group, name);
        ownGroup ??= group;
      } else if (r < 0.85 && ownVcn !== undefined) {
        const next = (ledger.ociCounters.get(ownVcn) ?? 0) + 1;
        await a.network.updateVcn({ vcnId: ownVcn, updateVcnDetails: { freeformTags: { counter: String(next) } } });
        ledger.ociCounters.set(ownVcn, next);
      } else {
        const next = (ledger.armCounters.get(ownGroup) ?? 0) + 1;
        const res = await a.arm('PUT', groupUrl(ownGroup), groupBody(name, next));
        if (!is2xx(res.status)) throw new Error(`PUT ${ownGroup}: ${res.status} ${res.text}`);
        ledger.armCounters.set(ownGroup, next);
      }
    }
  } catch (err) {
    // A request cut off by the kill is not acknowledged; anything else while running is a defect.
    if (running()) throw err;
  }
}
