// Test helper: a real FastRoute (in memory, free ports) and the official OCI SDK clients pointed at
// its OCI endpoint, unsigned unless an auth provider is given. Client-side retries and the circuit
// breaker are switched off (sdk-defaults.ts) so a deliberately provoked error is seen once, as sent.
import * as common from 'oci-common';
import * as core from 'oci-core';
import * as wr from 'oci-workrequests';
import { platformImageId } from '../../../src/model/oci/images.ts';
import { startTestServer, type TestServer } from '../server.ts';
import './sdk-defaults.ts';

export interface OciClients {
  network: core.VirtualNetworkClient;
  compute: core.ComputeClient;
  workRequests: wr.WorkRequestClient;
}

export function ociClients(endpoint: string, auth?: common.AuthenticationDetailsProvider): OciClients {
  // Unsigned clients are what the SDK builds from {} (api-shapes §1.2); the typings insist on a provider.
  const params = (auth ? { authenticationDetailsProvider: auth } : {}) as common.AuthParams;
  const network = new core.VirtualNetworkClient(params);
  const compute = new core.ComputeClient(params);
  const workRequests = new wr.WorkRequestClient(params);
  // The endpoint is set last: a region set by the constructor would overwrite it.
  network.endpoint = endpoint;
  compute.endpoint = endpoint;
  workRequests.endpoint = endpoint;
  return { network, compute, workRequests };
}

/** Waiters that poll every 50 ms and give up after 60 s. */
export function fastWaiters(c: OciClients) {
  const config = { terminationStrategy: new common.MaxTimeTerminationStrategy(60), delayStrategy: new common.FixedTimeDelayStrategy(0.05) };
  return { network: c.network.createWaiters(c.workRequests, config), compute: c.compute.createWaiters(c.workRequests, config) };
}

export interface OciTestServer extends TestServer, OciClients {
  ociUrl: string;
}

export async function startOciServer(flags: Record<string, unknown> = {}): Promise<OciTestServer> {
  const s = await startTestServer(flags);
  return { ...s, ociUrl: s.endpoints.oci, ...ociClients(s.endpoints.oci) };
}

/** The error an SDK call rejected with (fails the test if it resolved). */
export async function ociError(p: Promise<unknown>): Promise<common.OciError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof common.OciError) return err;
    throw err;
  }
  throw new Error('expected the call to fail');
}

export { common, core, wr };

/** A real platform image of us-ashburn-1 (FastRoute's catalogue), for launches that need one. */
export const ASHBURN_IMAGE_ID = platformImageId('us-ashburn-1', 'Oracle-Linux-8.10-2024.11.30-0');
