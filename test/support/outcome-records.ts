/**
 * Generated outcome records for the sink's heavy tests and its benchmark:
 * `ids` recommendations, each restated over versions 1..n, so the latest
 * version of each id is known and the (id, version) pairs are distinct.
 */
import type { RecommendationOutcome } from '../../schemas/types.generated.ts';
import { SAMPLES } from '../fixtures/avro/samples.ts';

const DAY = 86_400_000;
const BASE = SAMPLES['amc.learning.recommendation-outcomes.v1'];
const FIRST_DISCOVERY = Date.UTC(2024, 0, 2, 21);

/** Discoveries spread over 60 days, about what a live feed's open window holds (three monthly partitions). */
const DISCOVERY_DAYS = 60;

/** Version `version` of recommendation number `id`; every field a function of the two. */
export function generatedOutcome(id: number, version: number, versions: number): RecommendationOutcome {
  const discoveredAt = FIRST_DISCOVERY + (id % DISCOVERY_DAYS) * DAY;
  const runId = `gen-run-${id % DISCOVERY_DAYS}`;
  const symbol = `G${id}`;
  const final = version === versions;
  const price = 2 + (id % 97);
  const return30 = final ? ((id * 37) % 160) - 50 + version / 10 : null;
  return {
    ...BASE,
    tracking_id: `${runId}:${symbol}`,
    run_id: runId,
    symbol,
    discovered_at: discoveredAt,
    discovery_price: price,
    checkpoints: BASE.checkpoints.map((c, i) => ({
      ...c,
      price: c.status === 'REACHED' ? price * (1 + (i + version) / 100) : null,
      return_pct: c.status === 'REACHED' ? i + version : null,
    })),
    peak_price: price * (1 + version / 50),
    success: return30 === null ? null : return30 > 0,
    outcome_category: return30 === null ? null : return30 >= 20 ? 'STRONG' : 'POOR',
    bought: id % 3 === 0,
    missed_opportunity: id % 3 !== 0 && return30 !== null && return30 >= 25,
    final,
    version,
    as_of: discoveredAt + version * DAY,
  };
}

export interface GeneratedOutcomes {
  readonly records: { readonly key: string; readonly value: RecommendationOutcome }[];
  /** The latest version of each id. */
  readonly latest: ReadonlyMap<string, RecommendationOutcome>;
  /** Distinct (tracking_id, version) pairs. */
  readonly pairs: number;
}

/** `count` records: ids with 1 to 4 versions each, versions of an id in rising order. */
export function generateOutcomes(count: number): GeneratedOutcomes {
  const records: { key: string; value: RecommendationOutcome }[] = [];
  const latest = new Map<string, RecommendationOutcome>();
  for (let id = 0; records.length < count; id++) {
    const versions = Math.min(1 + (id % 4), count - records.length);
    for (let version = 1; version <= versions; version++) {
      const value = generatedOutcome(id, version, versions);
      records.push({ key: value.tracking_id, value });
      latest.set(value.tracking_id, value);
    }
  }
  return { records, latest, pairs: records.length };
}
