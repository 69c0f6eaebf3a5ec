// OCI's validation rules, returning the cloud's own errors. Message texts follow real OCI where
// they are known (docs/error-code-sources.md); the rest are FastRoute's wording, marked there.
import { oci } from '../errors.ts';
import { containsPrefix, formatPrefix, intToIp, parseCidr, type Ipv4Prefix } from '../cidr.ts';

export function requireString(value: unknown, name: string): string {
  if (value === undefined || value === null || value === '') throw oci.missingParameter(name);
  if (typeof value !== 'string') throw oci.invalidParameter(`${name} must be a string.`);
  return value;
}

export function checkDisplayName(name: string | undefined): void {
  if (name !== undefined && name.length > 255) throw oci.invalidParameter('displayName must be at most 255 characters.');
}

/** dnsLabel: letters and digits, starting with a letter, at most 15 characters. */
export function checkDnsLabel(label: string | undefined, what: 'Vcn' | 'Subnet'): void {
  if (label === undefined) return;
  if (!/^[a-zA-Z][a-zA-Z0-9]{0,14}$/.test(label)) {
    throw oci.invalidParameter(`${what} dnsLabel '${label}' is invalid: it must start with a letter, contain only letters and digits, and be at most 15 characters long.`);
  }
}

/** A CIDR block as OCI checks it: syntax, host bits, and an allowed prefix-length range. */
export function checkCidrBlock(text: string, minLength: number, maxLength: number): Ipv4Prefix {
  // OCI's treatment of surrounding spaces is not documented: refused rather than stored as sent (docs/differences.md).
  if (text !== text.trim()) throw oci.invalidParameter(`The requested CIDR '${text}' is invalid: it has leading or trailing spaces.`);
  const parsed = parseCidr(text, false);
  if (!parsed.ok) throw oci.invalidParameter(`The requested CIDR ${text} is invalid: it is not a valid IPv4 CIDR block.`);
  const strict = parseCidr(text, true);
  if (!strict.ok) {
    const ip = text.split('/')[0] ?? text;
    throw oci.invalidParameter(`The requested CIDR ${text} is invalid: CIDR IP ${ip} does not match network IP ${intToIp(parsed.prefix.network)}.`);
  }
  const { length } = strict.prefix;
  if (length < minLength || length > maxLength) {
    throw oci.invalidParameter(`The requested CIDR ${text} is invalid: the prefix length must be between /${minLength} and /${maxLength}.`);
  }
  return strict.prefix;
}

export function checkWithin(prefix: Ipv4Prefix, containers: readonly Ipv4Prefix[], text: string): void {
  if (!containers.some((c) => containsPrefix(c, prefix))) {
    throw oci.invalidParameter(`The requested CIDR ${text} is invalid: it is not within the VCN CIDR blocks ${containers.map(formatPrefix).join(', ')}.`);
  }
}

export function checkPortRange(range: { min: number; max: number } | undefined, name: string): void {
  if (range === undefined) return;
  const ok = Number.isInteger(range.min) && Number.isInteger(range.max) && range.min >= 1 && range.max <= 65535 && range.min <= range.max;
  if (!ok) throw oci.invalidParameter(`${name} must have 1 <= min <= max <= 65535.`);
}

/** The IANA protocol as OCI writes it: "all" or a decimal number 0–255. */
export function checkProtocol(protocol: string): void {
  if (protocol === 'all') return;
  if (!/^\d{1,3}$/.test(protocol) || Number(protocol) > 255) {
    throw oci.invalidParameter(`Invalid protocol '${protocol}': use "all" or an IANA protocol number (1 ICMP, 6 TCP, 17 UDP, 58 ICMPv6).`);
  }
}

/** ASNs in asplain, 2- or 4-byte. */
export function checkAsn(asn: number | undefined, name: string): void {
  if (asn === undefined) return;
  if (!Number.isInteger(asn) || asn < 1 || asn > 4294967295) throw oci.invalidParameter(`${name} must be an ASN between 1 and 4294967295.`);
}
