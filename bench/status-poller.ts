// Applies a lab through POST /labs (streamed progress) while polling GET /status every 20 ms, and
// reports how long the server kept anyone waiting: the slowest /status answer and the longest gap
// between two answers (which also catches a blocked event loop when the poller shares it), split
// into the parse (before the first progress line) and the apply (after it).
const POLL_MS = 20;

export interface ApplyWhilePolling {
  status: number;
  totalMs: number;
  /** Until the first progress line: the lab is read and validated. */
  parseMs: number;
  polls: number;
  maxStatusMs: number;
  maxGapMs: number;
  /** The same two, counted only once the apply had begun. */
  maxStatusApplyMs: number;
  maxGapApplyMs: number;
  progressLines: number;
  /** Largest `activity.steps` seen on /status while the lab was applied. */
  activitySeen: number;
}

export async function applyWhilePolling(adminUrl: string, yaml: string): Promise<ApplyWhilePolling> {
  const base = `${adminUrl}/fastroute/v1`;
  const started = performance.now();
  let applyStarted: number | undefined;
  let done = false;
  const stats = { polls: 0, maxStatusMs: 0, maxGapMs: 0, maxStatusApplyMs: 0, maxGapApplyMs: 0, activitySeen: 0 };
  const poller = (async () => {
    let last = performance.now();
    while (!done) {
      const sent = performance.now();
      const res = await fetch(`${base}/status`);
      const body = (await res.json()) as { activity?: { steps: number } };
      const now = performance.now();
      if (res.status !== 200) throw new Error(`/status answered ${res.status}`);
      stats.polls += 1;
      stats.maxStatusMs = Math.max(stats.maxStatusMs, now - sent);
      stats.maxGapMs = Math.max(stats.maxGapMs, now - last);
      if (applyStarted !== undefined && sent >= applyStarted) {
        stats.maxStatusApplyMs = Math.max(stats.maxStatusApplyMs, now - sent);
        stats.maxGapApplyMs = Math.max(stats.maxGapApplyMs, now - last);
      }
      stats.activitySeen = Math.max(stats.activitySeen, body.activity?.steps ?? 0);
      last = now;
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  })();
  const res = await fetch(`${base}/labs`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/x-ndjson' }, body: JSON.stringify({ yaml, file: 'wide.yaml' }) });
  let progressLines = 0;
  let status = res.status;
  if (res.body !== null && (res.headers.get('content-type') ?? '').includes('ndjson')) {
    const decoder = new TextDecoder();
    let buffered = '';
    for await (const chunk of res.body) {
      buffered += decoder.decode(chunk as Uint8Array, { stream: true });
      for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
        const line = JSON.parse(buffered.slice(0, nl)) as { type: string; status?: number };
        buffered = buffered.slice(nl + 1);
        if (line.type === 'progress') {
          progressLines += 1;
          applyStarted ??= performance.now();
        } else if (line.status !== undefined) status = line.status;
      }
    }
  } else {
    await res.text();
  }
  const totalMs = performance.now() - started;
  done = true;
  await poller;
  const round = (x: number) => Math.round(x);
  return {
    status, totalMs: round(totalMs), parseMs: round((applyStarted ?? performance.now()) - started), polls: stats.polls,
    maxStatusMs: round(stats.maxStatusMs), maxGapMs: round(stats.maxGapMs), maxStatusApplyMs: round(stats.maxStatusApplyMs), maxGapApplyMs: round(stats.maxGapApplyMs),
    progressLines, activitySeen: stats.activitySeen,
  };
}
