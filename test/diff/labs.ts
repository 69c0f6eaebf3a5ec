// Test helper: lab pairs for `fastroute diff`, variants of the tutorial that each break one thing.
import { tutorialYaml } from '../check/labs.ts';

function changed(text: string, from: string | RegExp, to: string): string {
  const out = text.replace(from, to);
  if (out === text) throw new Error(`the tutorial no longer contains ${String(from)}`);
  return out;
}

/** The tutorial without its one VCN route rule (10.20.0.0/16 → DRG): every cross-cloud flow breaks at rt-oci. */
export function withoutRouteRule(): string {
  return changed(tutorialYaml(), /rules:\n\s+# Task 5[^\n]*\n\s+- \{ destination: 10\.20\.0\.0\/16[^\n]*\n/, 'rules: []\n');
}

/** The tutorial with an NSG rule denying SSH from the VCN ahead of the allow: OCI → Azure tcp/22 breaks. */
export function denyingSsh(): string {
  return changed(tutorialYaml(), '        - { name: allow-oci-ssh,', '        - { name: deny-oci-ssh, priority: 105, direction: Inbound, access: Deny, protocol: Tcp, source: 10.10.0.0/16, destination: "*", destinationPorts: "22" }\n        - { name: allow-oci-ssh,');
}

export { tutorialYaml };
