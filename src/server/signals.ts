// Ctrl+C / `kill`: close the HTTP server and the engine (which closes the store) so SQLite is
// left consistent, then exit. A second signal exits at once.
export function closeOnSignals(close: () => Promise<void>, log: (line: string) => void = console.error): () => void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (closing) process.exit(130);
    closing = true;
    log(`\n${signal}: stopping FastRoute…`);
    close().then(
      () => process.exit(0),
      (err: unknown) => {
        log(`error while stopping: ${err instanceof Error ? err.message : String(err)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}
