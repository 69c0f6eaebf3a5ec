// Candidates for the word being typed, from the command tree itself (so new commands and flags
// complete without a list to keep in step) plus values: fixed ones (clock modes, drill kinds,
// paths, protocols) and names from the running server (labs, VMs and instances, route tables,
// virtual circuits). A server that is not running just gives no names.
import type { Command, Option } from 'commander';
import { readdirSync } from 'node:fs';
import { SHELLS, type Shell } from './scripts.ts';

/** Where names come from: one call per need, only when that need arises. */
export interface NameSource {
  labs(): Promise<string[]>;
  /** Display names (OCI) or names (Azure) of the resources of these kinds. */
  names(kinds: readonly string[]): Promise<string[]>;
}

type Values = (names: NameSource) => Promise<string[]> | string[];

const MACHINES = ['oci.Instance', 'azure.VirtualMachine'];
const ROUTE_TARGETS = ['oci.RouteTable', 'oci.DrgRouteTable', 'oci.Drg', 'oci.Subnet', 'oci.Instance', 'oci.VirtualCircuit', 'azure.VirtualMachine', 'azure.NetworkInterface'];
const CLOCK_MODES = ['instant', 'realistic', 'manual'];
const DRILL_KINDS = ['link-down', 'bgp-reset', 'as-path-prepend', 'prefix-withdraw', 'gateway-replace', 'prefix-flood'];
const FILE = Symbol('file');

/** Values of options, by long flag. */
const OPTION_VALUES: Readonly<Record<string, Values | typeof FILE>> = {
  '--from': (n) => n.names(MACHINES),
  '--to': (n) => n.names(MACHINES),
  '--interconnect': (n) => n.names(['oci.VirtualCircuit']),
  '--path': () => ['primary', 'secondary'],
  '--protocol': () => ['icmp', 'tcp', 'udp'],
  '--side': () => ['oci', 'azure'],
  '--clock': () => CLOCK_MODES,
  '--state': () => ['pending', 'firing'],
  '--log-level': () => ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
  '--config': FILE,
  '--lab': FILE,
  '--data-dir': FILE,
};

/** Values of positional arguments, by command path and argument position. */
const ARGUMENT_VALUES: Readonly<Record<string, Values | typeof FILE>> = {
  'up 0': FILE,
  'check 0': FILE,
  'down 0': (n) => n.labs(),
  'exec 0': (n) => n.names(MACHINES),
  'routes 0': (n) => n.names(ROUTE_TARGETS),
  'clock set 0': () => CLOCK_MODES,
  'drill start 0': () => DRILL_KINDS,
  'completion 0': () => [...SHELLS],
};

const visible = (cmd: Command): Command[] => cmd.commands.filter((c) => !(c as unknown as { _hidden?: boolean })._hidden);
const defaultSubcommand = (cmd: Command): Command | undefined => {
  const name = (cmd as unknown as { _defaultCommandName?: string })._defaultCommandName;
  return name === undefined ? undefined : cmd.commands.find((c) => c.name() === name);
};
const takesValue = (o: Option): boolean => o.required || o.optional;

function files(prefix: string): string[] {
  const dir = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/') + 1) : '';
  try {
    return readdirSync(dir === '' ? '.' : dir, { withFileTypes: true }).map((e) => `${dir}${e.name}${e.isDirectory() ? '/' : ''}`);
  } catch {
    return [];
  }
}

/** The candidates for the last of `words` (the words after `fastroute`, the last one being typed). */
export async function complete(program: Command, words: readonly string[], shell: Shell, names: NameSource): Promise<string[]> {
  const typed = words.at(-1) ?? '';
  const current = shell === 'bash' ? typed.replace(/\\(.)/g, '$1') : typed;
  const before = words.slice(0, -1);
  // Files only for fish: bash and zsh fall back to their own file completion when nothing comes back.
  const valuesOf = async (values: Values | typeof FILE | undefined): Promise<string[]> =>
    values === FILE ? (shell === 'fish' ? files(current) : []) : values === undefined ? [] : values(names);
  let cmd = program;
  const commandPath: string[] = [];
  let positional = 0;
  let pendingOption: Option | undefined;
  for (const w of before) {
    if (pendingOption !== undefined) {
      pendingOption = undefined;
      continue;
    }
    const sub = positional === 0 && !w.startsWith('-') ? cmd.commands.find((c) => c.name() === w || c.aliases().includes(w)) : undefined;
    if (sub !== undefined) {
      cmd = sub;
      commandPath.push(sub.name());
      continue;
    }
    if (w.startsWith('-')) {
      // A flag of the default subcommand selects it (`drill --path primary` is `drill start …`).
      const dflt = positional === 0 ? defaultSubcommand(cmd) : undefined;
      const own = (c: Command) => c.options.find((x) => x.long === w || x.short === w);
      if (own(cmd) === undefined && dflt !== undefined && own(dflt) !== undefined) {
        cmd = dflt;
        commandPath.push(dflt.name());
      }
      const o = own(cmd);
      if (o !== undefined && takesValue(o) && !w.includes('=')) pendingOption = o;
      continue;
    }
    // A positional word of a command whose default subcommand takes it (`drill link-down`).
    const dflt = positional === 0 ? defaultSubcommand(cmd) : undefined;
    if (dflt !== undefined) {
      cmd = dflt;
      commandPath.push(dflt.name());
    }
    positional++;
  }

  let candidates: string[];
  if (pendingOption !== undefined) {
    candidates = await valuesOf(OPTION_VALUES[pendingOption.long ?? '']);
  } else if (current.startsWith('-')) {
    const optionsOf = (c: Command) => c.options.flatMap((o) => (o.long === undefined ? [] : [o.long]));
    const dflt = defaultSubcommand(cmd);
    candidates = [...optionsOf(cmd), ...(dflt === undefined ? [] : optionsOf(dflt)), '--help'];
  } else {
    const subs = positional === 0 ? visible(cmd).map((c) => c.name()) : [];
    const dflt = positional === 0 ? defaultSubcommand(cmd) : undefined;
    const key = `${[...commandPath, ...(dflt === undefined ? [] : [dflt.name()])].join(' ')} ${positional}`;
    candidates = [...subs, ...(await valuesOf(ARGUMENT_VALUES[key]))];
  }
  const matching = [...new Set(candidates)].filter((c) => c.startsWith(current)).sort();
  return shell === 'bash' ? matching.map((c) => c.replace(/([\s'"\\$`!&;|<>()*?[\]{}#~])/g, '\\$1')) : matching;
}
