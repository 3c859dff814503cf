import type { DiscoveryRun } from '../../schemas/types.generated.ts';
import { sendAlertCandidate } from '../alerts/candidate-route.ts';
import type { AlertsConfig } from '../alerts/domain/index.ts';
import type { JsonValue, KeyValueStore, ProcessorContext, ProcessorDefinition } from '../runtime/types.ts';
import {
  assessRun,
  type BaselineState,
  DEFAULT_MONITOR_CONFIG,
  EMPTY_BASELINE,
  healthAlerts,
  type MonitorConfig,
  runProblem,
} from './domain/index.ts';
import { toHealthRecord, toMonitoredRun } from './mapping.ts';

export interface MonitorOptions {
  readonly applicationId: string;
  /** The runs re-keyed to one key (see monitorRunsRepartition): every run meets one baseline. */
  readonly input: string;
  readonly health: string;
  /** Where alert candidates go (the alerts-by-type topic). */
  readonly alertCandidates: string;
  readonly config?: MonitorConfig;
  readonly alertsConfig: AlertsConfig;
  /** How many run ids are remembered to recognise a replayed run (the latest by finish time). */
  readonly rememberedRuns?: number;
}

/**
 * Years of runs at several a day: a run replayed after this many newer ones
 * is scored again, and the store of run ids stays bounded.
 */
export const REMEMBERED_RUNS = 10_000;

/** The one key runs are re-keyed to, so one partition sees every run. */
export const MONITOR_RUNS_KEY = 'discovery-runs';
const BASELINE_KEY = 'baseline';

/**
 * Scores every discovery run once: health against the static limits and
 * each measure against the baseline of the runs before it. The baseline is
 * global (one key, one partition, one store entry), so it survives restarts
 * and rebalances with its changelog. A replayed run is recognised by its id
 * and counts once.
 */
export function monitorProcessor(options: MonitorOptions): ProcessorDefinition<DiscoveryRun> {
  const config = options.config ?? DEFAULT_MONITOR_CONFIG;
  const baselines = (ctx: ProcessorContext) =>
    ctx.store('baseline') as unknown as KeyValueStore<BaselineState & JsonValue>;
  const runs = (ctx: ProcessorContext) => ctx.store<number>('runs');

  return {
    applicationId: options.applicationId,
    inputTopics: [options.input],
    stores: ['baseline', 'runs'],
    process(record, ctx) {
      const run = toMonitoredRun(record.value);
      const problem = runProblem(run);
      if (problem !== null) {
        ctx.reject('OUT_OF_RANGE', problem);
        return;
      }
      if (runs(ctx).has(run.run_id)) return;
      runs(ctx).put(run.run_id, run.finished_at);
      forgetOldestRuns(runs(ctx), options.rememberedRuns ?? REMEMBERED_RUNS);
      const { assessment, baseline } = assessRun(
        run,
        baselines(ctx).get(BASELINE_KEY) ?? EMPTY_BASELINE,
        config,
      );
      baselines(ctx).put(BASELINE_KEY, baseline as BaselineState & JsonValue);
      const alerts = healthAlerts(assessment, options.alertsConfig);
      ctx.send({
        topic: options.health,
        key: run.run_id,
        value: toHealthRecord(assessment, alerts.severity),
        timestamp: run.finished_at,
      });
      for (const candidate of alerts.candidates) sendAlertCandidate(ctx, options.alertCandidates, candidate);
    },
  };
}

/** Drops the run ids that finished earliest until `keep` remain (ties by id). */
function forgetOldestRuns(store: KeyValueStore<number>, keep: number): void {
  if (store.size <= keep) return;
  const oldest = [...store.entries()]
    .sort(([a, at], [b, bt]) => at - bt || (a < b ? -1 : 1))
    .slice(0, store.size - keep);
  for (const [id] of oldest) store.delete(id);
}
