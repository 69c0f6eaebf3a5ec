// Start-up checks its ports before it writes anything: a busy port used to be found only after the
// data directory, the database and the TLS files had been created. A port that is free here can
// still be taken before FastRoute binds it (then listen fails as before), but the usual case, a
// FastRoute already running, stops with nothing written.
import { createServer } from 'node:net';
import type { Config } from '../config/schema.ts';

export class PortInUseError extends Error {
  constructor(readonly port: number, readonly host: string, what: string, flag: string) {
    super(`port ${port} (${what}) on ${host} is already in use; is FastRoute already running? Stop it, or choose another port with ${flag}. Nothing was written.`);
    this.name = 'PortInUseError';
  }
}

function isFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') resolve(false);
      else reject(err);
    });
    probe.listen({ host, port, exclusive: true }, () => {
      probe.close(() => { resolve(true); });
    });
  });
}

/** Throws PortInUseError for the first configured port (0 = any, not checked) that is taken. */
export async function assertPortsFree(config: Config): Promise<void> {
  const ports = [
    { port: config.ports.admin, what: 'admin API and console', flag: '--admin-port' },
    { port: config.ports.oci, what: 'OCI API', flag: '--oci-port' },
    { port: config.ports.arm, what: 'ARM API', flag: '--arm-port' },
  ];
  for (const p of ports) {
    if (p.port !== 0 && !(await isFree(config.host, p.port))) throw new PortInUseError(p.port, config.host, p.what, p.flag);
  }
}
