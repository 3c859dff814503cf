/**
 * The steady phase: bars published at a fixed rate, session after session,
 * each session's discovery run after its bars, while ClickHouse is watched:
 * a session has landed when an outcome as of its bars is stored (bar →
 * tracker → outcome → sink), a run when its health record is (run →
 * repartition → monitor → sink). The lag is the time from the last record
 * of the session being produced to that row being seen.
 */
import type { DiscoveryRun, MarketBar } from '../../schemas/types.generated.ts';
import type { Publisher } from '../../streams/serde/publish.ts';

export interface SteadySession {
  readonly bars: readonly MarketBar[];
  readonly run: DiscoveryRun | undefined;
}

export interface SteadyResult {
  readonly bars: number;
  readonly seconds: number;
  readonly achievedRate: number;
  /** Milliseconds from a session's last bar produced to its first outcome row seen. */
  readonly barLagMs: readonly number[];
  /** Milliseconds from a run produced to its health row seen. */
  readonly runLagMs: readonly number[];
  readonly unseenSessions: number;
}

export interface Watch {
  /** The newest outcome as_of stored, epoch ms. */
  latestOutcome(): Promise<number>;
  /** The run ids whose health is stored, among `ids`. */
  healthOf(ids: readonly string[]): Promise<Set<string>>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function steadyPhase(
  publisher: Publisher,
  sessions: readonly SteadySession[],
  ratePerSecond: number,
  watch: Watch,
  settleMs = 60_000,
): Promise<SteadyResult> {
  const producedAt = new Map<number, number>(); // bar time of the session -> when its last bar went out
  const runAt = new Map<string, number>();
  const barLag = new Map<number, number>();
  const runLag = new Map<string, number>();
  let watching = true;
  let settleDeadline = Number.POSITIVE_INFINITY;
  const watcher = (async () => {
    while (watching || barLag.size < producedAt.size || runLag.size < runAt.size) {
      const latest = await watch.latestOutcome();
      for (const [time, at] of producedAt)
        if (!barLag.has(time) && latest >= time) barLag.set(time, Date.now() - at);
      const pending = [...runAt.keys()].filter((id) => !runLag.has(id));
      if (pending.length > 0)
        for (const id of await watch.healthOf(pending)) runLag.set(id, Date.now() - runAt.get(id)!);
      if (!watching && Date.now() > settleDeadline) break;
      await sleep(100);
    }
  })();
  const began = Date.now();
  let sent = 0;
  const chunk = Math.max(1, Math.round(ratePerSecond / 20)); // twenty sends a second
  for (const session of sessions) {
    for (let start = 0; start < session.bars.length; start += chunk) {
      const slice = session.bars.slice(start, start + chunk);
      await publisher.publish('amc.market.bars.v1', slice);
      sent += slice.length;
      const due = began + (sent / ratePerSecond) * 1000;
      if (due > Date.now()) await sleep(due - Date.now());
    }
    producedAt.set(session.bars[0]!.timestamp, Date.now());
    if (session.run) {
      await publisher.publish('amc.discovery.runs.v1', [session.run]);
      runAt.set(session.run.run_id, Date.now());
    }
  }
  const seconds = (Date.now() - began) / 1000;
  settleDeadline = Date.now() + settleMs;
  watching = false;
  await watcher;
  return {
    bars: sent,
    seconds,
    achievedRate: sent / seconds,
    barLagMs: [...barLag.values()],
    runLagMs: [...runLag.values()],
    unseenSessions: producedAt.size - barLag.size,
  };
}

export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
