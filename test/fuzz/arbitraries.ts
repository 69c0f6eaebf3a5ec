// fast-check arbitraries for hostile requests: bodies (random JSON, wrong types for the fields the
// APIs know, huge strings, deep nesting, unicode with lone surrogates and NUL), ids (random OCIDs,
// ARM names with traversal and encoded characters), CIDRs (valid, invalid, padded, IPv6, /0, /33),
// content types and auth variants. Every string that ends up in a path is percent-encoded here,
// byte by byte, unless it is one of the deliberately raw (pre-encoded or traversal) forms.
import fc from 'fast-check';

/** Strings that break naive code: lone surrogates, NUL, control characters, markup, RTL marks. */
const nasty = fc.constantFrom('\uD800', '\uDFFF', 'a\uDC00b', '\u0000', 'x\u0000y', '\u202E', '\uFEFF', '<script>alert(1)</script>', '${7*7}', '{{x}}', "'; DROP TABLE t; --", '%s%n', '\r\n', '..', '../../etc/passwd', '💥', 'ǅ', '\u00A0');

export const text: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 24 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
  { weight: 3, arbitrary: nasty },
  { weight: 1, arbitrary: fc.tuple(nasty, fc.string({ maxLength: 8 }), nasty).map((p) => p.join('')) },
);

/** A string of 10 KB to 300 KB (under every body limit, over every field limit). */
const huge = fc.tuple(fc.constantFrom('x', 'é', '\u0000', '\uD800', '9'), fc.integer({ min: 10_000, max: 300_000 })).map(([c, n]) => c.repeat(n));

export const cidr: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 40 })).map(([a, b, p]) => `10.${a}.${b}.0/${p}`),
  fc.constantFrom('0.0.0.0/0', '10.0.0.0/33', '10.0.0.0/-1', '256.0.0.0/8', '10.0.0.1/16', ' 10.0.0.0/16', '10.0.0.0/16 ', '10.0.0.0 /16', '10.0.0.0/ 16', '10.0.0.0/16\n', '10.0.0.0/016', '10.0.0/16', '10.0.0.0', '/16', '::/0', '2001:db8::/32', '2001:db8::/129', 'fe80::1%eth0/64', '10.0.0.0/16,10.1.0.0/16', '0x0a.0.0.0/8', '10.0.0.0/16\u0000', ''),
);

const jsonScalar = fc.oneof(fc.constant(null), fc.boolean(), fc.integer(), fc.double(), fc.constantFrom(1e308, -0, Number.MAX_SAFE_INTEGER + 2), text, cidr);

/** Deeply nested arrays or objects, built as text (JSON.stringify of such a value would recurse too). */
const deep = fc.tuple(fc.integer({ min: 500, max: 10_000 }), fc.boolean()).map(([n, arrays]) => (arrays ? `${'['.repeat(n)}${']'.repeat(n)}` : `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`));

/** Field names the two clouds' request bodies use, so wrong types reach the validators. */
const FIELDS = [
  'compartmentId', 'displayName', 'cidrBlock', 'cidrBlocks', 'ipv6CidrBlocks', 'vcnId', 'subnetId', 'drgId', 'routeRules', 'ingressSecurityRules', 'egressSecurityRules',
  'securityRules', 'networkEntityId', 'destination', 'destinationType', 'source', 'protocol', 'availabilityDomain', 'shape', 'createVnicDetails', 'definedTags', 'freeformTags',
  'bandwidthShapeName', 'crossConnectMappings', 'customerBgpAsn', 'type', 'providerServiceId', 'peerId', 'ipAddress', 'hostnameLabel', 'dnsLabel', 'isEnabled', 'options',
  'routeTableId', 'drgRouteTableId', 'networkDetails', 'statements', 'matchCriteria', 'action', 'priority', 'addRouteRuleDetails', 'routeRuleIds', 'serviceId', 'services',
  'location', 'tags', 'sku', 'properties', 'id', 'name', 'etag', 'zones', 'mode', 'scale', 'seconds', 'lab', 'yaml', 'tenancyId', 'userId', 'fingerprint', 'publicKey',
  'from', 'to', 'scenario', 'target', 'kind', 'template', 'parameters',
] as const;

const PROPERTY_FIELDS = [
  'addressSpace', 'addressPrefix', 'addressPrefixes', 'subnets', 'networkSecurityGroup', 'routeTable', 'routes', 'nextHopType', 'nextHopIpAddress', 'securityRules', 'access',
  'direction', 'priority', 'protocol', 'sourceAddressPrefix', 'destinationAddressPrefix', 'sourcePortRange', 'destinationPortRange', 'ipConfigurations', 'subnet', 'publicIPAddress',
  'privateIPAllocationMethod', 'gatewayType', 'vpnType', 'sku', 'serviceProviderProperties', 'peeringLocation', 'bandwidthInMbps', 'peeringType', 'vlanId', 'peerASN',
  'primaryPeerAddressPrefix', 'secondaryPeerAddressPrefix', 'virtualNetworkGateway1', 'expressRouteCircuit', 'peer', 'connectionType', 'authorizationKey', 'routingWeight',
  'remoteVirtualNetwork', 'allowForwardedTraffic', 'networkProfile', 'hardwareProfile', 'template', 'parameters', 'mode', 'publicIPAllocationMethod', 'disableBgpRoutePropagation',
] as const;

/** Any JSON value, including the nasty strings and CIDRs. */
const anyJson: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof({ depthSize: 'small', withCrossShrink: true }, jsonScalar, fc.array(tie('v'), { maxLength: 4 }), fc.dictionary(text, tie('v'), { maxKeys: 4 })),
})).v;

/** A body shaped like the APIs' own, with each field holding anything (often the wrong type). */
const knownFields = fc.record({
  top: fc.dictionary(fc.constantFrom(...FIELDS), anyJson, { minKeys: 1, maxKeys: 6 }),
  props: fc.option(fc.dictionary(fc.constantFrom(...PROPERTY_FIELDS), anyJson, { minKeys: 1, maxKeys: 6 }), { nil: undefined }),
  sku: fc.option(fc.record({ name: text, tier: text, family: text }, { requiredKeys: [] }), { nil: undefined }),
}).map(({ top, props, sku }) => ({ ...top, ...(props === undefined ? {} : { properties: props }), ...(sku === undefined ? {} : { sku }) }));

/** The raw request body text (undefined: no body). */
export const body: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 2, arbitrary: fc.constant(undefined) },
  { weight: 4, arbitrary: knownFields.map((v) => JSON.stringify(v)) },
  { weight: 2, arbitrary: anyJson.map((v) => JSON.stringify(v) ?? 'null') },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...FIELDS), huge).map(([k, v]) => JSON.stringify({ [k]: v })) },
  { weight: 1, arbitrary: deep },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '{', '{"a":', 'null', '[]', '"x"', '0', 'true', '{"a":1,"a":2}', '{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"x":1}}}', 'NaN', '\uFEFF{}', '{}\u0000', 'lab: {}\n', '- a\n- *b\n') },
);

/** Percent-encodes every byte outside the unreserved set (lone surrogates become U+FFFD, as in UTF-8). */
export function encodeSegment(s: string): string {
  return [...Buffer.from(s, 'utf8')].map((b) => (/[A-Za-z0-9._~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
}

/** A path segment as sent: real ids (given), random OCIDs and names, traversal, raw encodings. */
export function pathSegment(realIds: readonly string[]): fc.Arbitrary<string> {
  const ocid = fc.tuple(fc.constantFrom('vcn', 'subnet', 'drg', 'instance', 'x', ''), fc.constantFrom('oc1', 'oc2', ''), fc.stringMatching(/^[a-z0-9]{0,60}$/)).map(([t, realm, r]) => `ocid1.${t}.${realm}..${r}`);
  const raw = fc.constantFrom('..', '.', '%2e%2e', '..%2f..%2fetc', '%2F', '%00', 'a%00b', '%ZZ', '%E0%A4%A', '%C0%AE%C0%AE', '%uD800', '%ED%A0%80', '*', ';', 'a;b=c', '~', 'CON', '%20', '+');
  return fc.oneof(
    { weight: realIds.length === 0 ? 0 : 3, arbitrary: fc.constantFrom(...(realIds.length === 0 ? [''] : realIds)).map(encodeSegment) },
    { weight: 2, arbitrary: ocid.map(encodeSegment) },
    { weight: 2, arbitrary: text.map(encodeSegment) },
    { weight: 2, arbitrary: raw },
    { weight: 1, arbitrary: fc.integer({ min: 300, max: 9_000 }).map((n) => 'a'.repeat(n)) },
  );
}

/** Query strings: nothing, or paging and filter parameters with odd values. */
export const queryPairs: fc.Arbitrary<[string, string][]> = fc.array(
  fc.tuple(fc.constantFrom('limit', 'page', 'sortBy', 'sortOrder', 'lifecycleState', 'compartmentId', 'vcnId', 'displayName', 'kind', 'since', 'after', '$filter', '$top', 'x'), fc.oneof(text, fc.constantFrom('-1', '0', '1e9', 'abc', '', '99999999999999999999', 'ASC', 'TIMECREATED'))),
  { maxLength: 3 },
);

export const contentType: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 6, arbitrary: fc.constant('application/json') },
  { weight: 3, arbitrary: fc.constantFrom(undefined, 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=utf-16', 'application/xml', 'application/json;;', '*/*', 'application/merge-patch+json', 'APPLICATION/JSON') },
);

export type AuthVariant = 'valid' | 'none' | 'garbage' | 'foreign';
export const authVariant: fc.Arbitrary<AuthVariant> = fc.oneof({ weight: 6, arbitrary: fc.constant<AuthVariant>('valid') }, { weight: 1, arbitrary: fc.constantFrom<AuthVariant>('none', 'garbage', 'foreign') });
