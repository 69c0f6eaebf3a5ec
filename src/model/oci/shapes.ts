// The compute shapes FastRoute lists (ListShapes) and launches: a small catalogue of real OCI
// shapes with their published sizes, the same in every region and AD. Sources and the values that
// are uncertain are recorded in docs/compute-catalogue.md.

export type Architecture = 'x86_64' | 'aarch64';

export interface FlexRange {
  ocpus: { min: number; max: number };
  memory: { minInGBs: number; maxInGBs: number; defaultPerOcpuInGBs: number; minPerOcpuInGBs: number; maxPerOcpuInGBs: number };
  bandwidth: { minInGbps: number; maxInGbps: number; defaultPerOcpuInGbps: number };
  vnics: { min: number; max: number; defaultPerOcpu: number };
}

export interface ShapeSpec {
  shape: string;
  processorDescription: string;
  architecture: Architecture;
  /** Fixed shapes: their size; flexible shapes: the size of a default launch (1 OCPU). */
  ocpus: number;
  memoryInGBs: number;
  networkingBandwidthInGbps: number;
  maxVnicAttachments: number;
  networkPorts: number;
  flex?: FlexRange;
}

/** A flexible shape whose default launch is 1 OCPU with the default memory and bandwidth per OCPU. */
function flexShape(shape: string, processorDescription: string, architecture: Architecture, flex: FlexRange): ShapeSpec {
  return {
    shape, processorDescription, architecture, ocpus: 1, memoryInGBs: flex.memory.defaultPerOcpuInGBs,
    networkingBandwidthInGbps: flex.bandwidth.defaultPerOcpuInGbps, maxVnicAttachments: flex.vnics.min, networkPorts: 1, flex,
  };
}

function flexRange(maxOcpus: number, maxMemory: number, defaultMemoryPerOcpu: number, bandwidthPerOcpu: number, maxBandwidth: number): FlexRange {
  return {
    ocpus: { min: 1, max: maxOcpus },
    memory: { minInGBs: 1, maxInGBs: maxMemory, defaultPerOcpuInGBs: defaultMemoryPerOcpu, minPerOcpuInGBs: 1, maxPerOcpuInGBs: 64 },
    bandwidth: { minInGbps: 1, maxInGbps: maxBandwidth, defaultPerOcpuInGbps: bandwidthPerOcpu },
    // Flexible VMs: 2 VNICs at 1 OCPU, then one per OCPU, at most 24 (OCI "Compute Shapes").
    vnics: { min: 2, max: 24, defaultPerOcpu: 1 },
  };
}

function fixedShape(shape: string, processorDescription: string, ocpus: number, memoryInGBs: number, networkingBandwidthInGbps: number, maxVnicAttachments: number, networkPorts = 1): ShapeSpec {
  return { shape, processorDescription, architecture: 'x86_64', ocpus, memoryInGBs, networkingBandwidthInGbps, maxVnicAttachments, networkPorts };
}

const SKYLAKE = '2.0 GHz Intel® Xeon® Platinum 8167M (Skylake)';

/** Sorted by name, the order ListShapes answers in. */
export const SHAPES: readonly ShapeSpec[] = [
  fixedShape('BM.Standard.E4.128', '2.55 GHz AMD EPYC™ 7J13 (Milan)', 128, 2048, 100, 24, 2),
  flexShape('VM.Optimized3.Flex', '3.0 GHz Intel® Xeon® Gold 6354 (Ice Lake)', 'x86_64', flexRange(18, 256, 14, 4, 40)),
  flexShape('VM.Standard.A1.Flex', '3.0 GHz Ampere® Altra™', 'aarch64', flexRange(80, 512, 6, 1, 40)),
  fixedShape('VM.Standard.E2.1.Micro', '2.0 GHz AMD EPYC™ 7551 (Naples)', 1, 1, 0.48, 1),
  flexShape('VM.Standard.E4.Flex', '2.55 GHz AMD EPYC™ 7J13 (Milan)', 'x86_64', flexRange(64, 1024, 16, 1, 40)),
  flexShape('VM.Standard.E5.Flex', '2.4 GHz AMD EPYC™ 9J14 (Genoa)', 'x86_64', flexRange(94, 1049, 16, 1, 40)),
  fixedShape('VM.Standard2.1', SKYLAKE, 1, 15, 1, 2),
  fixedShape('VM.Standard2.2', SKYLAKE, 2, 30, 2, 2),
  fixedShape('VM.Standard2.4', SKYLAKE, 4, 60, 4.1, 4),
  fixedShape('VM.Standard2.8', SKYLAKE, 8, 120, 8.2, 8),
  flexShape('VM.Standard3.Flex', '2.0 GHz Intel® Xeon® Platinum 8358 (Ice Lake)', 'x86_64', flexRange(32, 512, 16, 1, 32)),
];

/** The catalogue entry with exactly this name (OCI shape names are matched as given). */
export function findShape(name: string): ShapeSpec | undefined {
  return SHAPES.find((s) => s.shape === name);
}

/** An instance's shapeConfig as the Core API shows it: the resources its shape and size give it. */
export interface InstanceShapeConfig {
  ocpus?: number;
  memoryInGBs?: number;
  vcpus?: number;
  networkingBandwidthInGbps?: number;
  maxVnicAttachments?: number;
  processorDescription?: string;
  gpus?: number;
  localDisks?: number;
}

/**
 * The resources of an instance of this shape: a fixed shape's own, or a flexible shape's at the
 * requested OCPUs (1 by default) with memory at the default per OCPU unless given, and bandwidth
 * and VNICs scaled per OCPU within the shape's bounds, as OCI's "Compute Shapes" describes.
 */
export function instanceShapeConfig(shape: ShapeSpec, requested: { ocpus?: number | undefined; memoryInGBs?: number | undefined } = {}): InstanceShapeConfig {
  const flex = shape.flex;
  const ocpus = flex === undefined ? shape.ocpus : (requested.ocpus ?? shape.ocpus);
  const clamp = (v: number, min: number, max: number) => Math.min(max, Math.max(min, v));
  const sized = flex === undefined
    ? { memoryInGBs: shape.memoryInGBs, networkingBandwidthInGbps: shape.networkingBandwidthInGbps, maxVnicAttachments: shape.maxVnicAttachments }
    : {
      memoryInGBs: requested.memoryInGBs ?? Math.min(flex.memory.maxInGBs, ocpus * flex.memory.defaultPerOcpuInGBs),
      networkingBandwidthInGbps: clamp(ocpus * flex.bandwidth.defaultPerOcpuInGbps, flex.bandwidth.minInGbps, flex.bandwidth.maxInGbps),
      maxVnicAttachments: clamp(Math.floor(ocpus * flex.vnics.defaultPerOcpu), flex.vnics.min, flex.vnics.max),
    };
  // An x86 OCPU is one core with two threads; an Ampere A1 OCPU is one single-threaded core.
  const vcpus = shape.architecture === 'aarch64' ? ocpus : ocpus * 2;
  return { ocpus, ...sized, vcpus, processorDescription: shape.processorDescription, gpus: 0, localDisks: 0 };
}
