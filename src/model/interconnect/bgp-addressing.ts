// The interconnect's BGP addressing rule (interconnect-facts §1.5): per block, the 2nd address is
// Oracle's and the 3rd is Azure's (the "customer" in OCI's fields); Microsoft's edge answers on
// the 3rd. OCI accepts /28–/31 blocks; Azure's private peering models /30 only, so any other
// size parses on the OCI side but never brings a session up.
import { formatPrefix, intToIp, nthAddress, parseInterfaceAddress, prefixOf, type Ipv4Prefix } from '../cidr.ts';

export interface LinkAddressing {
  block?: Ipv4Prefix;
  /** "10.99.0.1/30" as OCI shows it (inferred when omitted). */
  oracleIp?: string;
  customerIp?: string;
  /** Set when a session on this link cannot come up, and why. */
  problem?: string;
}

/** Syntax rule OCI enforces at create time. Returns an error message or undefined. */
export function checkMappingSyntax(customer: string | undefined, oracle: string | undefined, at: string): string | undefined {
  if (customer === undefined) return `${at}.customerBgpPeeringIp is required for a private virtual circuit to Microsoft Azure.`;
  const c = parseInterfaceAddress(customer);
  if (!c || !customer.includes('/')) return `${at}.customerBgpPeeringIp ${customer} must be an IPv4 address with a subnet mask, e.g. 10.0.0.22/30.`;
  if (c.length < 28 || c.length > 31) return `${at}.customerBgpPeeringIp ${customer}: must use a subnet mask from /28 to /31.`;
  const block = prefixOf(c.address, c.length);
  if (c.length < 31 && (c.address === block.network || c.address === nthAddress(block, 2 ** (32 - c.length) - 1))) {
    return `${at}.customerBgpPeeringIp ${customer} is the network or broadcast address of its block.`;
  }
  if (oracle === undefined) return undefined;
  const o = parseInterfaceAddress(oracle);
  if (!o || !oracle.includes('/')) return `${at}.oracleBgpPeeringIp ${oracle} must be an IPv4 address with a subnet mask.`;
  if (o.length !== c.length || prefixOf(o.address, o.length).network !== block.network) {
    return `${at}.oracleBgpPeeringIp ${oracle} and customerBgpPeeringIp ${customer} must be in the same subnet with the same mask.`;
  }
  if (o.address === c.address) return `${at}.oracleBgpPeeringIp and customerBgpPeeringIp must differ.`;
  if (c.length < 31 && (o.address === block.network || o.address === nthAddress(block, 2 ** (32 - o.length) - 1))) {
    return `${at}.oracleBgpPeeringIp ${oracle} is the network or broadcast address of its block.`;
  }
  return undefined;
}

/** How the link will behave once provisioned: which addresses each side uses and whether BGP can establish. */
export function evaluateLink(customer: string | undefined, oracle: string | undefined): LinkAddressing {
  const c = customer === undefined ? undefined : parseInterfaceAddress(customer);
  if (!c) return { problem: 'no customer (Azure) BGP address' };
  const block = prefixOf(c.address, c.length);
  const expectedOracle = nthAddress(block, 1);
  const expectedAzure = nthAddress(block, 2);
  const oracleAddr = oracle === undefined ? expectedOracle : parseInterfaceAddress(oracle)?.address;
  const out: LinkAddressing = {
    block,
    customerIp: customer,
    oracleIp: oracle ?? `${intToIp(expectedOracle)}/${c.length}`,
  };
  if (c.length !== 30) return { ...out, problem: `Azure private peering supports only /30 blocks; ${formatPrefix(block)} is a /${c.length}` };
  if (c.address !== expectedAzure) {
    return { ...out, problem: `customer (Azure) address ${intToIp(c.address)} is not the 3rd address of ${formatPrefix(block)}; Microsoft's edge answers on ${intToIp(expectedAzure)}` };
  }
  if (oracleAddr !== expectedOracle) {
    return { ...out, problem: `Oracle address ${oracle ?? ''} is not the 2nd address of ${formatPrefix(block)} (${intToIp(expectedOracle)})` };
  }
  return out;
}
