import type { DiscoveryRun } from '../../schemas/types.generated.ts';
import type { ProcessorDefinition } from '../runtime/types.ts';
import { recommendationsOf } from './mapping.ts';

/**
 * A discovery run's candidates become recommendations keyed by symbol. The
 * runs already fanned out are remembered, so a replayed run adds nothing;
 * the tracker also ignores a tracking id it knows, in case a replay arrives
 * on another partition.
 */
export function fanoutProcessor(options: {
  readonly applicationId: string;
  readonly discoveryRuns: string;
  readonly recommendations: string;
}): ProcessorDefinition<DiscoveryRun> {
  return {
    applicationId: options.applicationId,
    inputTopics: [options.discoveryRuns],
    stores: ['runs'],
    process(record, ctx) {
      const run = record.value;
      const runs = ctx.store<number>('runs');
      if (runs.has(run.run_id)) return;
      runs.put(run.run_id, run.finished_at);
      for (const recommendation of recommendationsOf(run)) {
        ctx.send({
          topic: options.recommendations,
          key: recommendation.symbol,
          value: recommendation,
          timestamp: run.finished_at,
        });
      }
    },
  };
}
