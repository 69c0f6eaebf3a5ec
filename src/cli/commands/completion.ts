// `fastroute completion bash|zsh|fish` prints the script to load; the hidden `__complete` is what
// the script calls on each TAB. It loads only commander's tree (already built) and, when a name is
// wanted, the admin client: completion must answer before the user notices.
import { Command } from 'commander';
import type { LabsResponse, ResourcesResponse } from '../../api/admin/contract.ts';
import { AdminClient } from '../client.ts';
import { print, usageError } from '../output.ts';
import { SHELLS, completionScript, type Shell } from '../completion/scripts.ts';
import type { NameSource } from '../completion/complete.ts';

const isShell = (s: string): s is Shell => (SHELLS as readonly string[]).includes(s);

function serverNames(): NameSource {
  const client = new AdminClient();
  const quietly = async (get: () => Promise<string[]>): Promise<string[]> => get().catch(() => []);
  return {
    labs: () => quietly(async () => (await client.get<LabsResponse>('/labs')).labs),
    names: (kinds) =>
      quietly(async () => {
        const lists = await Promise.all(kinds.map((kind) => client.get<ResourcesResponse>('/resources', { kind })));
        return lists.flatMap((l) => l.items.map((e) => (e as { displayName?: string; name?: string }).displayName ?? (e as { name?: string }).name ?? '')).filter((n) => n !== '');
      }),
  };
}

export function registerCompletion(program: Command): void {
  program
    .command('completion <SHELL>')
    .description(`print the shell completion script (${SHELLS.join(', ')}): commands, flags and the running server's resource names`)
    .addHelpText('after', '\nLoad it:  source <(fastroute completion bash)   ·   source <(fastroute completion zsh)   ·   fastroute completion fish | source')
    .action((shell: string) => {
      if (!isShell(shell)) throw usageError(`unknown shell "${shell}": choose ${SHELLS.join(', ')}`);
      process.stdout.write(completionScript(shell));
    });
  program
    .addCommand(
      new Command('__complete')
        .argument('<SHELL>')
        .argument('[WORDS...]')
        .helpOption(false)
        .allowUnknownOption()
        .action(async (shell: string, words: string[]) => {
          if (!isShell(shell)) return;
          const { complete } = await import('../completion/complete.ts');
          const candidates = await complete(program, words.length === 0 ? [''] : words, shell, serverNames());
          if (candidates.length > 0) print(candidates.join('\n'));
        }),
      { hidden: true },
    );
}
