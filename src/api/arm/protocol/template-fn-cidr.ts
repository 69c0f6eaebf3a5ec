// ARM's CIDR functions (https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-cidr):
// parseCidr, cidrSubnet, cidrHost, for IPv4 and IPv6 as documented. Addresses are parsed and printed by
// ipaddr.js (IPv6 in RFC 5952's compact form, 'fdad:3236:5555::'); the arithmetic is on BigInts.
// As the documented examples show, cidrHost's index 0 is the address after the network's, for IPv6 too.
import ipaddr from 'ipaddr.js';
import { arity, fnError, int, str, type Call, type PureFunction } from './template-fn-common.ts';
import type { Json } from './template-expressions.ts';

interface Network {
  bits: 32 | 128;
  prefix: number;
  /** The network address (host bits cleared). */
  base: bigint;
}

function parseNetwork(text: string, call: Call): Network {
  let parsed: [ipaddr.IPv4 | ipaddr.IPv6, number];
  try {
    parsed = ipaddr.parseCIDR(text);
  } catch {
    throw fnError(call, `the value '${text}' is not a valid IP address range in CIDR notation, such as '10.144.0.0/20' or 'fdad:3236:5555::/48'`);
  }
  const [address, prefix] = parsed;
  const bits = address.kind() === 'ipv4' ? 32 : 128;
  const value = address.toByteArray().reduce((v, b) => (v << 8n) | BigInt(b), 0n);
  return { bits, prefix, base: value & mask(bits, prefix) };
}

function mask(bits: number, prefix: number): bigint {
  const all = (1n << BigInt(bits)) - 1n;
  return all ^ ((1n << BigInt(bits - prefix)) - 1n);
}

function text(bits: number, value: bigint): string {
  const bytes = Array.from({ length: bits / 8 }, (_v, i) => Number((value >> BigInt(bits - 8 * (i + 1))) & 0xffn));
  return ipaddr.fromByteArray(bytes).toString();
}

const lastOf = (n: Network): bigint => n.base | ((1n << BigInt(n.bits - n.prefix)) - 1n);

function parseCidr(args: Json[], call: Call): Json {
  arity(args, call, 1);
  const n = parseNetwork(str(args, 0, call), call);
  const last = lastOf(n);
  const netmask = text(n.bits, mask(n.bits, n.prefix));
  if (n.bits === 128) return { network: text(128, n.base), netmask, firstUsable: text(128, n.base), lastUsable: text(128, last), cidr: n.prefix };
  // A /31 or /32 has no network and broadcast addresses to set aside.
  const small = n.prefix >= 31;
  return {
    network: text(32, n.base), netmask, broadcast: text(32, last),
    firstUsable: text(32, small ? n.base : n.base + 1n), lastUsable: text(32, small ? last : last - 1n), cidr: n.prefix,
  };
}

function cidrSubnet(args: Json[], call: Call): Json {
  arity(args, call, 3);
  const n = parseNetwork(str(args, 0, call), call);
  const [newCidr, index] = [int(args, 1, call), int(args, 2, call)];
  if (newCidr < n.prefix || newCidr > n.bits) throw fnError(call, `the new CIDR '${newCidr}' must be between the network's CIDR '${n.prefix}' and ${n.bits}`);
  const count = 1n << BigInt(newCidr - n.prefix);
  if (index < 0 || BigInt(index) >= count) throw fnError(call, `the subnet index '${index}' is out of range: '${text(n.bits, n.base)}/${n.prefix}' holds ${count} subnets of /${newCidr}`);
  return `${text(n.bits, n.base + (BigInt(index) << BigInt(n.bits - newCidr)))}/${newCidr}`;
}

function cidrHost(args: Json[], call: Call): Json {
  arity(args, call, 2);
  const n = parseNetwork(str(args, 0, call), call);
  const index = int(args, 1, call);
  // IPv4 keeps its broadcast address out of the usable range; IPv6 has none.
  const lastUsable = n.bits === 32 && n.prefix < 31 ? lastOf(n) - 1n : lastOf(n);
  const host = n.base + 1n + BigInt(index);
  if (index < 0 || host > lastUsable) throw fnError(call, `the host index '${index}' is out of range for the usable addresses of '${text(n.bits, n.base)}/${n.prefix}'`);
  return text(n.bits, host);
}

export const CIDR_FUNCTIONS: Record<string, PureFunction> = { parsecidr: parseCidr, cidrsubnet: cidrSubnet, cidrhost: cidrHost };
