// Test helper: the tutorial lab's text and variants of it (extra expectations, a broken subnet).
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const TUTORIAL = path.join(import.meta.dirname, '../../labs/tutorial.yaml');
export const tutorialYaml = (): string => readFileSync(TUTORIAL, 'utf8');

/** The tutorial with more expectations appended (one flow-style mapping per line). */
export function withExpectations(...lines: string[]): string {
  return `${tutorialYaml().trimEnd()}\n${lines.map((l) => `  - ${l}`).join('\n')}\n`;
}

/** The tutorial with its ping expected to be dropped: two expectations fail. */
export function expectingDroppedPing(): string {
  return tutorialYaml().replace(/protocol: icmp, expect: delivered \}/g, 'protocol: icmp, expect: dropped }');
}

/** A lab the schema accepts but OCI rejects: the subnet lies outside its VCN's CIDR. */
export function rejectedByOci(): string {
  return tutorialYaml().replace('cidr: 10.10.10.0/24', 'cidr: 10.30.10.0/24');
}
