// A lab that is wide rather than big: one VCN (and optionally one VNet) holding `subnets` subnets,
// each with a DNS label. It is what an apply must not take quadratic time over: every new subnet is
// checked for overlap with its siblings and for a unique DNS label. A VCN's CIDR blocks are /16 at
// most, so the VCN takes as many /16s as it needs (5 at most: up to 81,920 /30 subnets, 20,480 /28).
const SUBNETS_PER_16 = 4096; // /28s
const MAX_VCN_BLOCKS = 5;

export interface WideLabOptions {
  subnets: number;
  /** Also an Azure VNet with as many subnets (its overlap check is another suspect). */
  azure?: boolean;
  name?: string;
}

/** Subnet i: the i-th /28 of 10.<first + i / 4096>.0.0/16. */
function subnetCidr(first: number, i: number): string {
  const block = first + Math.floor(i / SUBNETS_PER_16);
  const offset = (i % SUBNETS_PER_16) * 16;
  return `10.${block}.${offset >> 8}.${offset & 255}/28`;
}

function blocks(first: number, subnets: number): string[] {
  const count = Math.max(1, Math.ceil(subnets / SUBNETS_PER_16));
  if (count > MAX_VCN_BLOCKS) throw new Error(`${subnets} /28 subnets need ${count} /16 blocks; a VCN holds ${MAX_VCN_BLOCKS}`);
  return Array.from({ length: count }, (_, k) => `10.${first + k}.0.0/16`);
}

/** The lab as YAML text, one flow mapping per subnet (what a user would POST). */
export function wideNetworkLabYaml(opts: WideLabOptions): string {
  const { subnets } = opts;
  const lines = [
    `name: ${opts.name ?? 'wide'}`,
    'oci:',
    '  region: us-ashburn-1',
    '  vcns:',
    '    - name: vcn-wide',
    `      cidrs: [${blocks(0, subnets).join(', ')}]`,
    '      dnsLabel: vcnwide',
    '      subnets:',
  ];
  for (let i = 0; i < subnets; i++) lines.push(`        - { name: s${i}, cidr: ${subnetCidr(0, i)}, dnsLabel: s${i} }`);
  lines.push('azure:', '  resourceGroup: rg-wide', '  location: eastus');
  if (opts.azure === true) {
    lines.push('  vnets:', '    - name: vnet-wide', `      addressSpace: [${blocks(100, subnets).join(', ')}]`, '      subnets:');
    for (let i = 0; i < subnets; i++) lines.push(`        - { name: s${i}, prefix: ${subnetCidr(100, i)} }`);
  }
  return `${lines.join('\n')}\n`;
}
