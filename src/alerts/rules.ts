// The alerting rules, defined once: each rule's PromQL expression (written to
// monitoring/prometheus/fastroute-alerts.yml by scripts/gen-alert-rules.ts; a test checks the shipped
// file is that output), its `for`, labels and annotation templates, and the same condition as code
// over vector.ts, which FastRoute evaluates on its own metric history (GET /fastroute/v1/alerts).
// The thresholds are constants below, interpolated into both. Pure.
import { ER_CIRCUIT, METRICS, OCI_FASTCONNECT, VNET_GATEWAY } from '../metrics/catalogue.ts';
import { CIRCUIT_BANDWIDTH, GATEWAY_ROUTES_LIMIT, GATEWAY_THROUGHPUT } from '../metrics/capacity.ts';
import { ER_GATEWAY_MAX_ADVERTISED_ROUTES, NEAR_LIMIT_RATIO } from '../model/azure/gateway-skus.ts';
import { addIgnoring, andOnResource, byResource, divideOnResource, equalOnResource, or, where, type Instant, type Vector } from './vector.ts';

/** Circuit links and gateways: utilisation above this share of the bandwidth / SKU throughput. */
export const UTILISATION_ALERT_RATIO = 0.8;
/** Routes learned at or above this share of the gateway SKU's limit (the doctor's GATEWAY_ROUTES_NEAR_LIMIT). */
export const ROUTES_LEARNED_ALERT_RATIO = NEAR_LIMIT_RATIO;
/** Prefixes advertised per connection at or above which the alert fires (80 % of ExpressRoute's 1,000). */
export const ADVERTISED_ALERT_PREFIXES = Math.round(NEAR_LIMIT_RATIO * ER_GATEWAY_MAX_ADVERTISED_ROUTES);
/** State alerts: the series is a 1-minute step function, so one bad minute is enough. */
export const STATE_FOR_MINUTES = 1;
/** Load alerts: sustained, not a burst. */
export const LOAD_FOR_MINUTES = 5;

export type AlertSeverity = 'critical' | 'warning';

export interface AlertRule {
  alert: string;
  /** Comment lines written above the rule in the YAML (why it is as it is). */
  comment?: readonly string[];
  /** The PromQL expression, one element per line (a folded block when several). */
  expr: readonly string[];
  forMinutes: number;
  severity: AlertSeverity;
  /** Prometheus template of the summary annotation ({{ $labels.x }}, {{ $value }}). */
  summary: string;
  /** Template of the `value` annotation, when the rule has one. */
  value?: string;
  /** The cloud metric the condition is about (an alert's cloudMetric when its labels name none). */
  cloudMetric: string;
  /** The families the expression reads: its result changes only when one of them does. */
  reads: readonly string[];
  /** The expression at one instant, as Prometheus computes it. */
  evaluate(at: Instant): Vector;
}

function family(namespace: string, name: string): string {
  const m = METRICS.find((d) => d.namespace === namespace && d.name === name);
  if (!m) throw new Error(`metric ${namespace}/${name} is not in the catalogue`);
  return m.prom;
}

const BGP = family(ER_CIRCUIT, 'BgpAvailability');
const ARP = family(ER_CIRCUIT, 'ArpAvailability');
const BITS_IN = family(ER_CIRCUIT, 'BitsInPerSecond');
const BITS_OUT = family(ER_CIRCUIT, 'BitsOutPerSecond');
const OCI_BGP = family(OCI_FASTCONNECT, 'Ipv4BgpSessionState');
const OCI_STATE = family(OCI_FASTCONNECT, 'ConnectionState');
const GW_BITS = family(VNET_GATEWAY, 'ExpressRouteGatewayBitsPerSecond');
const LEARNED = family(VNET_GATEWAY, 'ExpressRouteGatewayCountOfRoutesLearnedFromPeer');
const ADVERTISED = family(VNET_GATEWAY, 'ExpressRouteGatewayCountOfRoutesAdvertisedToPeer');
const BANDWIDTH = CIRCUIT_BANDWIDTH.prom;
const THROUGHPUT = GATEWAY_THROUGHPUT.prom;
const ROUTES_LIMIT = GATEWAY_ROUTES_LIMIT.prom;

const pct = (ratio: number): number => Math.round(ratio * 100);
const UTIL = UTILISATION_ALERT_RATIO;
const LEARN = ROUTES_LEARNED_ALERT_RATIO;
const BOTH_WAYS = `${BITS_IN} + ignoring (cloud_metric) ${BITS_OUT}`;

/** A state series at zero: the session, ARP or circuit is down. */
function zero(fam: string): (at: Instant) => Vector {
  return (at) => where(at.select(fam), (v) => v === 0);
}

export const ALERT_RULES: readonly AlertRule[] = [
  {
    alert: 'FastRouteBgpSessionDown',
    comment: [
      'BGP: each ExpressRoute link (Primary-IPv4 / Secondary-IPv4) on its own, then OCI\'s view of the',
      'virtual circuit (Ipv4BgpSessionState is UP while one session is up, so 0 means both are down).',
    ],
    expr: [`${BGP} == 0`],
    forMinutes: STATE_FOR_MINUTES,
    severity: 'critical',
    summary: 'BGP session {{ $labels.peer }} of circuit {{ $labels.resource_id }} is down',
    cloudMetric: 'BgpAvailability',
    reads: [BGP],
    evaluate: zero(BGP),
  },
  {
    alert: 'FastRouteOciBgpDown',
    expr: [`${OCI_BGP} == 0`],
    forMinutes: STATE_FOR_MINUTES,
    severity: 'critical',
    summary: 'Virtual circuit {{ $labels.resource_id }} has no BGP session up',
    cloudMetric: 'Ipv4BgpSessionState',
    reads: [OCI_BGP],
    evaluate: zero(OCI_BGP),
  },
  {
    alert: 'FastRouteVirtualCircuitDown',
    expr: [`${OCI_STATE} == 0`],
    forMinutes: STATE_FOR_MINUTES,
    severity: 'critical',
    summary: 'Virtual circuit {{ $labels.resource_id }} is down (ConnectionState 0)',
    cloudMetric: 'ConnectionState',
    reads: [OCI_STATE],
    evaluate: zero(OCI_STATE),
  },
  {
    alert: 'FastRouteArpUnavailable',
    expr: [`${ARP} == 0`],
    forMinutes: STATE_FOR_MINUTES,
    severity: 'critical',
    summary: 'No ARP from the Oracle edge on {{ $labels.peer }} of circuit {{ $labels.resource_id }}',
    cloudMetric: 'ArpAvailability',
    reads: [ARP],
    evaluate: zero(ARP),
  },
  {
    alert: 'FastRouteRedundancyLost',
    comment: [
      'Redundancy: one link\'s session down while the other\'s is up. The circuit still carries traffic,',
      'on one link, so this is the alert to act on before the second one goes.',
    ],
    expr: [
      `min by (resource_id) (${BGP}) == 0`,
      'and on (resource_id)',
      `max by (resource_id) (${BGP}) == 100`,
    ],
    forMinutes: STATE_FOR_MINUTES,
    severity: 'warning',
    summary: 'Circuit {{ $labels.resource_id }} runs on one BGP session: redundancy lost',
    cloudMetric: 'BgpAvailability',
    reads: [BGP],
    evaluate: (at) => andOnResource(
      where(byResource('min', at.select(BGP)), (v) => v === 0),
      where(byResource('max', at.select(BGP)), (v) => v === 100),
    ),
  },
  {
    alert: 'FastRouteOnePathCarriesAll',
    comment: [
      'One path carrying all the circuit\'s traffic (both directions) for 5 minutes. With very few flows',
      'this can also happen with both sessions up (FastRoute\'s ECMP puts each flow on one link).',
    ],
    expr: [
      `max by (resource_id) (${BOTH_WAYS})`,
      `== sum by (resource_id) (${BOTH_WAYS})`,
      'and on (resource_id)',
      `sum by (resource_id) (${BOTH_WAYS}) > 0`,
    ],
    forMinutes: LOAD_FOR_MINUTES,
    severity: 'warning',
    summary: 'One path of circuit {{ $labels.resource_id }} carries all its traffic',
    cloudMetric: 'BitsInPerSecond',
    reads: [BITS_IN, BITS_OUT],
    evaluate: (at) => {
      const links = addIgnoring(at.select(BITS_IN), at.select(BITS_OUT), 'cloud_metric');
      const total = byResource('sum', links);
      return andOnResource(equalOnResource(byResource('max', links), total), where(total, (v) => v > 0));
    },
  },
  {
    alert: 'FastRouteCircuitUtilisationHigh',
    comment: [
      'Utilisation: each link and direction against the circuit\'s bandwidth (a gauge FastRoute adds:',
      'the bandwidth is a property, not a metric), and the gateway against its SKU\'s throughput.',
    ],
    expr: [
      `${BITS_IN} / on (resource_id) group_left () ${BANDWIDTH} > ${UTIL}`,
      'or',
      `${BITS_OUT} / on (resource_id) group_left () ${BANDWIDTH} > ${UTIL}`,
    ],
    forMinutes: LOAD_FOR_MINUTES,
    severity: 'warning',
    summary: `{{ $labels.cloud_metric }} on {{ $labels.device_role }} of circuit {{ $labels.resource_id }} is above ${pct(UTIL)} % of its bandwidth`,
    value: '{{ $value | humanizePercentage }}',
    cloudMetric: 'BitsInPerSecond',
    reads: [BITS_IN, BITS_OUT, BANDWIDTH],
    evaluate: (at) => or(
      where(divideOnResource(at.select(BITS_IN), at.select(BANDWIDTH), true), (v) => v > UTIL),
      where(divideOnResource(at.select(BITS_OUT), at.select(BANDWIDTH), true), (v) => v > UTIL),
    ),
  },
  {
    alert: 'FastRouteGatewayUtilisationHigh',
    comment: [
      'Azure\'s ExpressRouteGatewayBitsPerSecond adds both directions per instance; the SKU\'s figure is',
      'per direction, so this fires early rather than late (docs/metrics.md).',
    ],
    expr: [
      `sum by (resource_id) (${GW_BITS})`,
      `/ on (resource_id) ${THROUGHPUT} > ${UTIL}`,
    ],
    forMinutes: LOAD_FOR_MINUTES,
    severity: 'warning',
    summary: `ExpressRoute gateway {{ $labels.resource_id }} is above ${pct(UTIL)} % of its SKU throughput`,
    value: '{{ $value | humanizePercentage }}',
    cloudMetric: 'ExpressRouteGatewayBitsPerSecond',
    reads: [GW_BITS, THROUGHPUT],
    evaluate: (at) => where(divideOnResource(byResource('sum', at.select(GW_BITS)), at.select(THROUGHPUT), false), (v) => v > UTIL),
  },
  {
    alert: 'FastRouteGatewayRoutesLearnedNearLimit',
    comment: [
      'Prefixes: routes the gateway learns from OCI against its SKU\'s limit (beyond it they are dropped),',
      `and prefixes it advertises against ExpressRoute's ${ER_GATEWAY_MAX_ADVERTISED_ROUTES.toLocaleString('en')} per connection (beyond it Microsoft`,
      'disconnects the connection).',
    ],
    expr: [
      `max by (resource_id) (${LEARNED})`,
      `/ on (resource_id) ${ROUTES_LIMIT} >= ${LEARN}`,
    ],
    forMinutes: STATE_FOR_MINUTES,
    severity: 'warning',
    summary: `ExpressRoute gateway {{ $labels.resource_id }} learns ${pct(LEARN)} % or more of its route limit`,
    value: '{{ $value | humanizePercentage }}',
    cloudMetric: 'ExpressRouteGatewayCountOfRoutesLearnedFromPeer',
    reads: [LEARNED, ROUTES_LIMIT],
    evaluate: (at) => where(divideOnResource(byResource('max', at.select(LEARNED)), at.select(ROUTES_LIMIT), false), (v) => v >= LEARN),
  },
  {
    alert: 'FastRouteGatewayRoutesAdvertisedNearLimit',
    expr: [`max by (resource_id) (${ADVERTISED}) >= ${ADVERTISED_ALERT_PREFIXES}`],
    forMinutes: STATE_FOR_MINUTES,
    severity: 'warning',
    summary: `ExpressRoute gateway {{ $labels.resource_id }} advertises {{ $value }} prefixes (limit ${ER_GATEWAY_MAX_ADVERTISED_ROUTES.toLocaleString('en')} per connection)`,
    cloudMetric: 'ExpressRouteGatewayCountOfRoutesAdvertisedToPeer',
    reads: [ADVERTISED],
    evaluate: (at) => where(byResource('max', at.select(ADVERTISED)), (v) => v >= ADVERTISED_ALERT_PREFIXES),
  },
];
