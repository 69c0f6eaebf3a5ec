// STUB: the lead is writing this. Signatures are the contract.
import type { Engine } from './engine.ts';
import type { Lab } from '../lab/types.ts';

export interface LabProgress {
  phase: 'resources' | 'provisioning' | 'connections' | 'connecting' | 'teardown' | 'done';
  message: string;
}

export interface LabUpReport {
  lab: string;
  created: number;
  resources: Record<string, string>;
  /** Interconnects that could not finish (e.g. unsupported region pair), with the reason. */
  incomplete: { name: string; reason: string }[];
  elapsedMs: number;
}

export interface RunOptions {
  onProgress?: (p: LabProgress) => void;
  /** Give up waiting for the clouds after this long (default 10 min). */
  timeoutMs?: number;
}

/** Applies a lab and waits (on the engine clock) until its interconnects settle. */
export function upLab(_engine: Engine, _lab: Lab, _opts: RunOptions = {}): Promise<LabUpReport> {
  return Promise.reject(new Error('not implemented yet'));
}

/** Tears a lab down in the right order, waiting for the clouds between steps. */
export function downLab(_engine: Engine, _labName: string, _opts: RunOptions = {}): Promise<{ deleted: number; elapsedMs: number }> {
  return Promise.reject(new Error('not implemented yet'));
}
