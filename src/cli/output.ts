// Where the CLI writes. Results go to stdout (so `--json` can be piped), problems to stderr.
export function print(text: string): void {
  process.stdout.write(`${text}\n`);
}

export function warn(text: string): void {
  process.stderr.write(`${text}\n`);
}

/** Exit code of a command line the CLI refuses (unknown option, missing or malformed value), as Unix tools use it. */
export const EXIT_USAGE = 2;

/** Ends the command with an exit code and a message on stderr (handled once, in main). */
export class CliExit extends Error {
  constructor(readonly exitCode: number, message: string) {
    super(message);
    this.name = 'CliExit';
  }
}

/** A command line the CLI refuses before calling the server: exit code 2. */
export function usageError(message: string): CliExit {
  return new CliExit(EXIT_USAGE, message);
}

/**
 * Any failure of `run` ends the command with `exitCode` (the message printed as usual): for
 * commands whose exit code already means something else (`trace`: 1 is a dropped flow).
 */
export class ExitWith extends Error {
  constructor(readonly exitCode: number, readonly failure: unknown) {
    super(failure instanceof Error ? failure.message : String(failure));
    this.name = 'ExitWith';
  }
}

export async function failingWith(exitCode: number, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (err) {
    throw new ExitWith(exitCode, err);
  }
}
