// Keeps the running speakers in step with the engine: at each sync, every speaker's configuration is
// generated again from the model; where it differs from the one on disk it is written and reloaded
// in place, without restarting the daemon, so what did not change keeps its session (a drill's
// prepend or a withdrawn prefix becomes an UPDATE, a bgp-reset a shutdown of that neighbor only):
// FRR by its own frr-reload.py (it diffs the running configuration against the new file and applies
// the difference through vtysh on the speaker's private socket), BIRD by `birdc configure`.
// A speaker whose namespace appeared or went since `up` is not started or stopped here (`up` again does).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { birdConfig } from './bgp-bird.ts';
import { frrDir, recordedNeighbors, type RecordedBgp } from './bgp-daemons.ts';
import { syncFloods } from './bgp-flood.ts';
import { frrConfig } from './bgp-frr.ts';
import { speakerPeers, type BgpEdge, type BgpSpeaker } from './bgp-model.ts';
import { findTool } from './probe.ts';
import { mustRun } from './run.ts';

const read = (file: string): string | undefined => (existsSync(file) ? readFileSync(file, 'utf8') : undefined);

/**
 * Reloads the speakers whose configuration changed; updates `bgp` (the record's view: shutdowns and
 * what each expects) in place. Resolves with the namespaces reloaded.
 */
export async function reconfigureSpeakers(bgp: RecordedBgp, edges: readonly BgpEdge[]): Promise<string[]> {
  const reloaded: string[] = [];
  const next = new Map(speakerPeers(edges).map((x) => [x.s.ns, x]));
  for (const recorded of bgp.speakers) {
    const found = next.get(recorded.ns);
    if (found === undefined) continue;
    const { s, expect } = found;
    // A GoBGP site router keeps the configuration it started with (its prefixes are the lab's: they do not move with drills).
    if (s.daemon === 'gobgp') continue;
    if (!(s.daemon === 'frr' ? await reloadFrr(s, recorded.dir) : await reloadBird(s, recorded.dir))) continue;
    Object.assign(recorded, recordedNeighbors(s, expect));
    reloaded.push(recorded.ns);
  }
  // A prefix flood is the Oracle edge's kernel routes, not configuration lines; its end takes the MSEE's sessions back.
  return [...new Set([...reloaded, ...(await syncFloods(bgp, edges))])];
}

async function reloadFrr(s: BgpSpeaker, dir: string): Promise<boolean> {
  const files = frrConfig(s, dir);
  if (read(path.join(dir, 'bgpd.conf')) === files.bgpd) return false;
  // frr-reload.py compares the whole running configuration (every daemon) with the file: give it all of them.
  const bfdd = read(path.join(dir, 'bfdd.conf'));
  const whole = path.join(dir, 'reload.conf');
  writeFileSync(whole, [files.zebra, ...(bfdd === undefined ? [] : [bfdd]), files.bgpd].join('!\n'));
  const vtysh = findTool('vtysh') ?? '/usr/bin/vtysh';
  await mustRun('python3', [path.join(frrDir(), 'frr-reload.py'), '--reload', '--stdout', '--bindir', path.dirname(vtysh), '--confdir', dir, '--rundir', dir, '--vty_socket', dir, whole]);
  // A changed route map reaches the peers only after FRR's route-map delay (5 s): refresh now, softly (no session reset).
  await mustRun(vtysh, ['--vty_socket', dir, '-c', 'clear bgp ipv4 unicast * soft']);
  // On disk only once running: the next sync compares against what the daemon holds.
  writeFileSync(path.join(dir, 'bgpd.conf'), files.bgpd);
  return true;
}

async function reloadBird(s: BgpSpeaker, dir: string): Promise<boolean> {
  const file = path.join(dir, 'bird.conf');
  const text = birdConfig(s, dir);
  const before = read(file);
  if (before === text) return false;
  writeFileSync(file, text);
  const r = await mustRun(findTool('birdc') ?? 'birdc', ['-s', path.join(dir, 'bird.ctl'), 'configure']);
  if (!/Reconfigured|Reconfiguration in progress/.test(r.stdout)) {
    // BIRD keeps running the old configuration: so does the file, and the next sync tries again.
    if (before !== undefined) writeFileSync(file, before);
    throw new Error(`birdc configure in ${s.ns}: ${r.stdout.trim()}`);
  }
  return true;
}
