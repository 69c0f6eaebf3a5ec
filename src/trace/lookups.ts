// The relations the trace steps through, in nested maps so a hop finds what it needs without
// building a key string: live DRG attachments (DRG → VCN, and virtual circuit → attachment; remote
// peering attachments are found through routing's peerRpcAttachment) and
// ExpressRoute connections (gateway → circuit). ARM ids compare case-insensitively; the last one
// listed wins.
import type { DrgAttachment } from '../model/oci/drg.ts';
import type { Connection } from '../model/azure/expressroute.ts';
import { armKey } from '../model/ids.ts';
import type { Routing } from '../routing/routing.ts';

interface AttachmentLookup {
  byDrgAndVcn: Map<string, Map<string, DrgAttachment>>;
  byVirtualCircuit: Map<string, DrgAttachment>;
}

function lookup(r: Routing): AttachmentLookup {
  return r.memo.compute('traceAttachments', '', () => {
    const byDrgAndVcn = new Map<string, Map<string, DrgAttachment>>();
    const byVirtualCircuit = new Map<string, DrgAttachment>();
    for (const a of r.memo.list('oci.DrgAttachment')) {
      if (a.lifecycleState !== 'ATTACHED') continue;
      if (a.networkDetails.type === 'VIRTUAL_CIRCUIT') { byVirtualCircuit.set(a.networkDetails.id, a); continue; }
      if (a.networkDetails.type !== 'VCN') continue;
      let byVcn = byDrgAndVcn.get(a.drgId);
      if (!byVcn) byDrgAndVcn.set(a.drgId, (byVcn = new Map<string, DrgAttachment>()));
      byVcn.set(a.networkDetails.id, a);
    }
    return { byDrgAndVcn, byVirtualCircuit };
  });
}

/** The DRG's live attachment to a VCN. */
export function vcnAttachment(r: Routing, drgId: string, vcnId: string): DrgAttachment | undefined {
  return lookup(r).byDrgAndVcn.get(drgId)?.get(vcnId);
}

/** The live attachment of a virtual circuit (to its DRG). */
export function virtualCircuitAttachment(r: Routing, virtualCircuitId: string): DrgAttachment | undefined {
  return lookup(r).byVirtualCircuit.get(virtualCircuitId);
}

/** The connection linking a gateway to a circuit, if any. */
export function connectionBetween(r: Routing, gatewayId: string, circuitId: string): Connection | undefined {
  const byGateway = r.memo.compute('traceConnections', '', () => {
    const m = new Map<string, Map<string, Connection>>();
    for (const c of r.memo.list('azure.Connection')) {
      const gateway = armKey(c.properties.virtualNetworkGateway1.id);
      let byCircuit = m.get(gateway);
      if (!byCircuit) m.set(gateway, (byCircuit = new Map<string, Connection>()));
      byCircuit.set(armKey(c.properties.peer.id), c);
    }
    return m;
  });
  return byGateway.get(armKey(gatewayId))?.get(armKey(circuitId));
}
