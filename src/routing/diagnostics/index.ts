// Diagnostics in the clouds' own shapes, computed from routing: the ExpressRoute circuit's ARP
// table, route table and route table summary per device path; OCI DRG route rules; a NIC's effective
// routes and NSGs; Network Watcher's next hop and IP flow verify. Pure functions of the model.
export { circuitArpTable, circuitRouteTable, circuitRouteTableSummary, formatUpDown, macFor, type CircuitTableOptions } from './circuit.ts';
export { drgRouteRules } from './drg.ts';
export { nicEffectiveNsgs, nicEffectiveRoutes, virtualNetworkTagPrefixes, effectiveRouteToWire, complementOf } from './nic.ts';
export { ipFlowVerify, nextHop } from './network-watcher.ts';
export type * from './types.ts';
