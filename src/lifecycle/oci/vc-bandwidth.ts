// The bandwidth of a virtual circuit to Microsoft Azure: a shape the provider offers and, when it
// changes, no faster than the ExpressRoute circuit behind the service key. Microsoft orders an
// increase as "raise the circuit, then have the connectivity provider follow" (the provider here is
// Oracle, and following is this update), so a shape beyond the circuit is refused until the circuit
// is raised. The smallest shape always fits: it is the "closest value available" for circuits
// below 1 Gbps (interconnect-facts §1.8).
import { oci } from '../../model/errors.ts';
import type { ReadView } from '../../model/world.ts';
import type { VirtualCircuit } from '../../model/oci/virtual-circuit.ts';
import { FASTCONNECT_AZURE_SHAPES, type BandwidthShape } from '../../model/interconnect/providers.ts';
import { findCircuitByServiceKey } from '../interconnect/handshake.ts';
import { shapeNameFor } from './fastconnect.ts';

export function offeredShape(name: string, providerName: string): BandwidthShape {
  const shape = FASTCONNECT_AZURE_SHAPES.find((s) => s.name === name);
  if (!shape) throw oci.invalidParameter(`bandwidthShapeName ${name} is not offered by ${providerName}: use ${FASTCONNECT_AZURE_SHAPES.map((s) => s.name).join(', ')}.`);
  return shape;
}

export function checkShapeFitsCircuit(view: ReadView, vc: VirtualCircuit, shape: BandwidthShape): void {
  const key = vc.providerServiceKeyName;
  const circuit = key === undefined ? undefined : findCircuitByServiceKey(view, key);
  // A key without a circuit fails the circuit on its own (handshake); there is nothing to compare.
  if (!circuit) return;
  const circuitMbps = circuit.properties.serviceProviderProperties.bandwidthInMbps;
  if (shape.bandwidthInMbps <= circuitMbps || shape === FASTCONNECT_AZURE_SHAPES[0]) return;
  throw oci.invalidParameter(
    `bandwidthShapeName ${shape.name} exceeds the bandwidth of provider service key ${key} (${shapeNameFor(circuitMbps)}): `
    + `increase the bandwidth of the ExpressRoute circuit first, then of the virtual circuit.`,
  );
}
