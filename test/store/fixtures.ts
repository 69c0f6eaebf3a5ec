// Shared builders for the store tests: plain entity bodies and events, no engine involved.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChangeEntry, Kind } from '../../src/model/world.ts';
import type { EventChange, WorldEvent } from '../../src/model/event.ts';

export const VCN = 'oci.Vcn' as Kind;
export const SUBNET = 'oci.Subnet' as Kind;

export function put(kind: Kind, key: string, after: unknown): ChangeEntry {
  return { kind, key, before: undefined, after };
}

export function del(kind: Kind, key: string): ChangeEntry {
  return { kind, key, before: { id: key }, after: undefined };
}

export function vcn(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, displayName: `vcn ${id}`, cidrBlocks: ['10.0.0.0/16'], lifecycleState: 'AVAILABLE', ...extra };
}

export function event(kind: Kind, resourceId: string, change: EventChange, extra: Partial<WorldEvent> = {}): WorldEvent {
  return { time: '2025-01-01T00:00:00.000Z', kind, resourceId, change, cause: 'test', ...extra };
}

/** A fresh directory under the OS temp dir (mkdtemp wants a prefix, not just the temp dir). */
export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'fastroute-store-'));
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}
