// Where the CLI writes. Results go to stdout (so `--json` can be piped), problems to stderr.
export function print(text: string): void {
  process.stdout.write(`${text}\n`);
}

export function warn(text: string): void {
  process.stderr.write(`${text}\n`);
}

/** Ends the command with an exit code and a message on stderr (handled once, in main). */
export class CliExit extends Error {
  constructor(readonly exitCode: number, message: string) {
    super(message);
    this.name = 'CliExit';
  }
}
