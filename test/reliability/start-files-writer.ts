// Child of start-files-kill.test.ts: makes the start-up files in argv[2] as a first start does (the
// TLS material, then the ARM token secret) and SIGKILLs itself at the Nth file write (argv[3]),
// right after the file was created and before any byte was written, as a kill can.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const [dir, at] = [process.argv[2] ?? '.', Number(process.argv[3])];
const write = fs.writeFileSync;
let calls = 0;
fs.writeFileSync = ((file: fs.PathOrFileDescriptor, data: string | NodeJS.ArrayBufferView, options?: fs.WriteFileOptions) => {
  if (++calls === at) {
    write(file, '', options);
    process.kill(process.pid, 'SIGKILL');
  }
  write(file, data, options);
});
// Named imports of node:fs (`import { writeFileSync }`) see the patch only after this.
syncBuiltinESMExports();

const { ensureTls } = await import('../../src/server/tls.ts');
const { tokenSecret } = await import('../../src/server/arm-identity.ts');
await ensureTls(dir, '127.0.0.1');
tokenSecret(dir);
process.stdout.write(`${calls} writes\n`);
