// DHCP options: the DNS settings a VCN's subnets hand out. Every VCN has a default set (created
// with it, deleted with it); more sets can be created in the VCN and chosen per subnet. A set in
// use by a subnet, or a VCN's default set, cannot be deleted.
import { oci } from '../../model/errors.ts';
import { ipToInt } from '../../model/cidr.ts';
import type { Tx } from '../../model/tx.ts';
import type { DhcpOption, DhcpOptions } from '../../model/oci/vcn.ts';
import { checkDisplayName } from '../../model/validate/oci.ts';
import { getOwned, getRelated, isGone, newResource, type CommonDetails, type OciScope } from './scope.ts';
import { ociTerminate, scheduleOciReady } from '../generic.ts';

/** One option as the SDK sends it (DhcpDnsOption or DhcpSearchDomainOption, told apart by `type`). */
export interface DhcpOptionDetails {
  type: 'DomainNameServer' | 'SearchDomain';
  serverType?: string;
  customDnsServers?: string[];
  searchDomainNames?: string[];
}

export type DomainNameType = NonNullable<DhcpOptions['domainNameType']>;

export interface CreateDhcpOptionsDetails extends CommonDetails {
  vcnId?: string;
  options?: DhcpOptionDetails[];
  domainNameType?: DomainNameType;
}

export type UpdateDhcpOptionsDetails = Omit<CreateDhcpOptionsDetails, 'vcnId' | 'compartmentId'>;

/** OCI's service limit: DHCP options per VCN (the default set counts). */
export const MAX_DHCP_OPTIONS_PER_VCN = 300;
/** DhcpDnsOption.customDnsServers: "at least one DNS server of your choice (three maximum)". */
export const MAX_CUSTOM_DNS_SERVERS = 3;

// RFC 952/1123 host names: dot-separated labels of letters, digits and inner hyphens.
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

function checkSearchDomain(name: string, at: string): void {
  const labels = name.split('.');
  if (name.length === 0 || name.length > 253 || !labels.every((l) => LABEL.test(l))) {
    throw oci.invalidParameter(`${at}: '${name}' is not a valid search domain name (RFC 952 and RFC 1123).`);
  }
}

function checkDnsOption(o: DhcpOptionDetails, at: string): DhcpOption {
  const servers = o.customDnsServers ?? [];
  switch (o.serverType) {
    case undefined:
      throw oci.missingParameter(`${at}.serverType`);
    case 'VcnLocalPlusInternet':
      if (servers.length > 0) throw oci.invalidParameter(`${at}.customDnsServers can be set only when serverType is CustomDnsServer.`);
      return { type: 'DomainNameServer', serverType: 'VcnLocalPlusInternet' };
    case 'CustomDnsServer':
      if (servers.length === 0) throw oci.invalidParameter(`${at}.customDnsServers must list at least one DNS server when serverType is CustomDnsServer.`);
      if (servers.length > MAX_CUSTOM_DNS_SERVERS) throw oci.invalidParameter(`${at}.customDnsServers can list at most ${MAX_CUSTOM_DNS_SERVERS} DNS servers.`);
      for (const s of servers) if (ipToInt(s) === undefined) throw oci.invalidParameter(`${at}.customDnsServers: '${s}' is not a valid IPv4 address.`);
      return { type: 'DomainNameServer', serverType: 'CustomDnsServer', customDnsServers: [...servers] };
    case 'VcnLocal':
      // The SDK documents VcnLocal as "reserved for future use".
      throw oci.invalidParameter(`${at}.serverType VcnLocal is reserved for future use.`);
    default:
      throw oci.invalidParameter(`${at}.serverType '${o.serverType}' is not one of VcnLocalPlusInternet, CustomDnsServer.`);
  }
}

function checkSearchDomainOption(o: DhcpOptionDetails, at: string): DhcpOption {
  const names = o.searchDomainNames;
  if (names === undefined) throw oci.missingParameter(`${at}.searchDomainNames`);
  // The model takes "a single search domain name" and says not to send an empty list.
  if (names.length !== 1) throw oci.invalidParameter(`${at}.searchDomainNames must hold exactly one search domain name.`);
  for (const n of names) checkSearchDomain(n, `${at}.searchDomainNames`);
  return { type: 'SearchDomain', searchDomainNames: [...names] };
}

/** The options as stored, or OCI's error for the first one at fault. At most one option of each type. */
export function checkDhcpOptionList(options: readonly DhcpOptionDetails[]): DhcpOption[] {
  const seen = new Set<string>();
  return options.map((o, i) => {
    const at = `options[${i}]`;
    if (seen.has(o.type)) throw oci.invalidParameter(`${at}: only one ${o.type} option is allowed in a set of DHCP options.`);
    seen.add(o.type);
    return o.type === 'DomainNameServer' ? checkDnsOption(o, at) : checkSearchDomainOption(o, at);
  });
}

function liveSets(tx: Tx, vcnId: string): DhcpOptions[] {
  return tx.children('oci.DhcpOptions', vcnId).filter((d) => !isGone(d.lifecycleState));
}

export function createDhcpOptions(tx: Tx, scope: OciScope, details: CreateDhcpOptionsDetails): DhcpOptions {
  checkDisplayName(details.displayName);
  const vcn = getRelated(tx, scope, 'oci.Vcn', details.vcnId, 'vcnId');
  if (isGone(vcn.lifecycleState)) throw oci.incorrectState(`Vcn ${vcn.id} is ${vcn.lifecycleState}.`);
  const options = checkDhcpOptionList(details.options ?? []);
  if (liveSets(tx, vcn.id).length >= MAX_DHCP_OPTIONS_PER_VCN) {
    // Per-VCN limits answer InvalidParameter in OCI (docs/error-code-sources.md 21b).
    throw oci.invalidParameter(`The maximum limit of ${MAX_DHCP_OPTIONS_PER_VCN} for DHCP options per VCN has been exceeded in VCN ${vcn.id}.`);
  }
  const base = newResource(tx, scope, 'dhcpoptions', { ...details, compartmentId: details.compartmentId ?? vcn.compartmentId }, 'dhcpoptions');
  const set: DhcpOptions = {
    ...base, vcnId: vcn.id, options, lifecycleState: 'PROVISIONING',
    ...(details.domainNameType === undefined ? {} : { domainNameType: details.domainNameType }),
  };
  tx.put('oci.DhcpOptions', set);
  scheduleOciReady(tx, 'oci.DhcpOptions', set.id);
  return set;
}

export function updateDhcpOptions(tx: Tx, scope: OciScope, id: string, details: UpdateDhcpOptionsDetails): DhcpOptions {
  const set = getOwned(tx, scope, 'oci.DhcpOptions', id);
  if (isGone(set.lifecycleState)) throw oci.incorrectState(`DhcpOptions ${id} is ${set.lifecycleState}.`);
  checkDisplayName(details.displayName);
  const options = details.options === undefined ? undefined : checkDhcpOptionList(details.options);
  return tx.update('oci.DhcpOptions', id, (d) => {
    if (details.displayName !== undefined) d.displayName = details.displayName;
    if (options !== undefined) d.options = options;
    if (details.domainNameType !== undefined) d.domainNameType = details.domainNameType;
    if (details.freeformTags !== undefined) d.freeformTags = details.freeformTags;
    if (details.definedTags !== undefined) d.definedTags = details.definedTags;
  });
}

export function deleteDhcpOptions(tx: Tx, scope: OciScope, id: string): void {
  const set = getOwned(tx, scope, 'oci.DhcpOptions', id);
  if (isGone(set.lifecycleState)) return;
  const vcn = tx.get('oci.Vcn', set.vcnId);
  if (vcn?.defaultDhcpOptionsId === id && !isGone(vcn.lifecycleState)) throw oci.conflict(`DhcpOptions ${id} is the default DHCP options of VCN ${vcn.id} and cannot be deleted.`);
  const user = tx.children('oci.Subnet', set.vcnId).find((s) => s.dhcpOptionsId === id && !isGone(s.lifecycleState));
  if (user) throw oci.conflict(`The DhcpOptions ${id} is used by subnet ${user.id}. You must remove the reference to proceed with this operation.`);
  ociTerminate(tx, 'oci.DhcpOptions', id);
}
