// The two BGP sessions of an interconnect (primary, secondary) between Oracle's edge (AS 31898) and
// Microsoft's edge (AS 12076). A session is up only when both sides are provisioned, the peering is
// enabled, the VC's BGP admin state is ENABLED and the link's addressing follows the /30 rule.
import type { Tx } from '../../model/tx.ts';
import { evaluateLink } from '../../model/interconnect/bgp-addressing.ts';
import type { ExpressRouteCircuit } from '../../model/azure/expressroute.ts';
import { ORACLE_ER_PROVIDER_NAME } from '../../model/interconnect/providers.ts';

function circuitFor(tx: Tx, key: string | undefined): ExpressRouteCircuit | undefined {
  if (key === undefined) return undefined;
  const k = key.toLowerCase();
  return tx.list('azure.ExpressRouteCircuit').find((c) => c.properties.serviceKey.toLowerCase() === k && c.properties.serviceProviderProperties.serviceProviderName === ORACLE_ER_PROVIDER_NAME);
}

/** Why every session of this VC is down, or null for a session that can be up. */
export function sessionProblems(tx: Tx, vcId: string): (string | null)[] {
  const vc = tx.get('oci.VirtualCircuit', vcId);
  if (!vc) return [];
  const circuit = circuitFor(tx, vc.providerServiceKeyName);
  const peering = circuit ? tx.get('azure.ExpressRouteCircuitPeering', `${circuit.id}/peerings/AzurePrivatePeering`) : undefined;
  const common =
    vc.lifecycleState !== 'PROVISIONED' ? `virtual circuit is ${vc.lifecycleState}`
      : vc.bgpAdminState === 'DISABLED' ? 'BGP admin state is DISABLED on the virtual circuit'
        : !circuit ? 'ExpressRoute circuit not found'
          : circuit.properties.serviceProviderProvisioningState !== 'Provisioned' ? `ExpressRoute circuit is ${circuit.properties.serviceProviderProvisioningState}`
            : circuit.properties.provisioningState === 'Failed' ? 'ExpressRoute circuit is in a failed state'
              : !peering ? 'AzurePrivatePeering is missing'
                : peering.properties.state === 'Disabled' ? 'AzurePrivatePeering is Disabled'
                  : null;
  return vc.crossConnectMappings.map((m) => common ?? evaluateLink(m.customerBgpPeeringIp, m.oracleBgpPeeringIp).problem ?? null);
}

/** Recomputes the per-link and overall BGP state of a VC (no-op when unchanged). */
export function refreshSessions(tx: Tx, vcId: string): void {
  const vc = tx.get('oci.VirtualCircuit', vcId);
  if (!vc) return;
  const problems = sessionProblems(tx, vcId);
  const states = problems.map((p) => (p === null ? 'UP' : 'DOWN'));
  const up = states.filter((s) => s === 'UP').length;
  const overall = up > 0 ? 'UP' : 'DOWN';
  const redundancy = up === states.length && up > 0 ? 'CONFIGURATION_MATCH' : 'NOT_MET_SLA';
  const same = vc.bgpSessionState === overall
    && vc.crossConnectMappings.every((m, i) => m.ipv4BgpStatus === states[i])
    && JSON.stringify(vc.fr.linkReasons ?? []) === JSON.stringify(problems)
    && vc.virtualCircuitRedundancyMetadata.ipv4bgpSessionRedundancyStatus === redundancy;
  if (same) return;
  tx.update('oci.VirtualCircuit', vcId, (d) => {
    d.bgpSessionState = overall;
    d.crossConnectMappings = d.crossConnectMappings.map((m, i) => ({ ...m, ipv4BgpStatus: states[i] === 'UP' ? 'UP' : 'DOWN' }));
    d.fr.linkReasons = problems;
    d.virtualCircuitRedundancyMetadata.ipv4bgpSessionRedundancyStatus = redundancy;
  });
}

/** Recomputes sessions of every VC using this circuit's service key (after an Azure-side change). */
export function refreshSessionsForCircuit(tx: Tx, circuit: ExpressRouteCircuit): void {
  const key = circuit.properties.serviceKey.toLowerCase();
  for (const vc of tx.list('oci.VirtualCircuit')) if (vc.providerServiceKeyName?.toLowerCase() === key) refreshSessions(tx, vc.id);
}
