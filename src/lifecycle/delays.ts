// How long each transition takes. `realistic` uses the clouds' documented or observed times
// (scaled by a factor so a demo stays short); `instant` makes every transition due at once, so it
// is settled by the next read; `manual` uses realistic delays on a virtual clock advanced by hand.

export type ClockMode = 'instant' | 'realistic' | 'manual';

/** Base delays in seconds, before scaling. Sources in docs/differences.md ("Timing"). */
export const REALISTIC_DELAYS_S: Readonly<Record<string, number>> = {
  'oci.create': 5, // VCN, subnet, route table, security list, NSG: seconds in the console
  'oci.delete': 5,
  'oci.drg.create': 60,
  'oci.attachment.attach': 30,
  'oci.attachment.detach': 30,
  'oci.instance.launch': 60,
  'oci.instance.terminate': 60,
  'oci.vc.provider': 60, // PENDING_PROVIDER → PROVISIONING: the partner picks the order up
  'oci.vc.provision': 180, // "within a few minutes" both sides provision (facts §1.4 step 5)
  'oci.vc.terminate': 60,
  'oci.vc.drg-change': 60,
  'oci.vc.bandwidth-change': 60, // [U] like a DRG change: Oracle re-provisions the circuit
  'azure.create': 10,
  'azure.delete': 10,
  'azure.gateway.create': 1800, // ER gateways take 15–45 min
  'azure.gateway.delete': 600,
  'azure.connection.connect': 60,
  'azure.circuit.deprovision': 60,
};

/** Time a TERMINATED / DETACHED resource stays readable for the SDKs' waiters. */
export const TERMINATED_RETENTION_S = 300;

/**
 * The range a clock scale may take. 1000× stretches the longest transition (an ER gateway, 30 min)
 * to about three weeks, far below the MAX_TIME_MS (model/timer.ts) a JavaScript Date can hold, so every scheduled
 * time stays a valid instant; a scale must be positive for delays to move forward.
 */
export const CLOCK_SCALE_MAX = 1000;

export interface DelayPolicy {
  mode: ClockMode;
  /** Multiplies realistic delays; 1 = the clouds' own pace. */
  scale: number;
}

export function delayMs(policy: DelayPolicy, transition: string): number {
  if (transition === 'retention') return TERMINATED_RETENTION_S * 1000;
  if (policy.mode === 'instant') return 0;
  const base = REALISTIC_DELAYS_S[transition] ?? 5;
  return Math.round(base * 1000 * policy.scale);
}
