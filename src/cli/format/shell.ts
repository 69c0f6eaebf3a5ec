// Commands the CLI suggests must paste into a shell as they are: words with spaces or shell
// characters are single-quoted.
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
