// Reads a lab file from disk (src/lab is pure, so this lives here), refusing one larger than the lab size
// limit before reading it, so a huge file is never loaded into memory.
import { readFile, stat } from 'node:fs/promises';
import { enforceLabSize } from '../lab/limits.ts';

/** The file's text; throws the fs error when it cannot be read, LabLimitError when it is too large. */
export async function readLabText(file: string, shown: string = file): Promise<string> {
  enforceLabSize((await stat(file)).size, shown);
  return readFile(file, 'utf8');
}
