// What the numbers were measured on: they only compare across runs on similar machines.
import os from 'node:os';

export interface MachineInfo {
  node: string;
  v8: string;
  platform: string;
  release: string;
  arch: string;
  cpuModel: string;
  cpuCount: number;
  totalMemoryMb: number;
  /** 1, 5 and 15 minute load averages when the bench started (all 0 on Windows). */
  loadAverage: number[];
  /** Whether global.gc was available (node --expose-gc), so the heap was collected between runs. */
  gcExposed: boolean;
}

export function machineInfo(gcExposed: boolean): MachineInfo {
  const cpus = os.cpus();
  return {
    node: process.version,
    v8: process.versions.v8,
    platform: process.platform,
    release: os.release(),
    arch: process.arch,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cpuCount: cpus.length,
    totalMemoryMb: Math.round(os.totalmem() / 2 ** 20),
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    gcExposed,
  };
}
