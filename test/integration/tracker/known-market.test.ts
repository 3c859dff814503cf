import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TopicRecords } from '../../../schemas/types.generated.ts';
import { testKafka } from '../../support/kafka.ts';
import { produceKnownMarket, SESSIONS } from '../../support/known-market.ts';
import { openOf } from '../../support/market.ts';
import { killHard } from '../../support/reference-run.ts';
import {
  createTrackerTopics,
  latestOutcomes,
  newTrackerRun,
  produceAvro,
  readAvro,
  startTrackerJob,
  testSerde,
} from '../../support/tracker-run.ts';

type Outcome = TopicRecords['amc.learning.recommendation-outcomes.v1'];

const bothFinal = (outcomes: readonly Outcome[]) => {
  const latest = latestOutcomes(outcomes);
  return latest.size === 2 && [...latest.values()].every((o) => o.final);
};

describe('recommendation tracker on a small market with known answers', () => {
  const kafka = testKafka();
  const serde = testSerde();
  const children: ChildProcess[] = [];
  const first = newTrackerRun('tracker-known');
  let firstOutcomes: Map<string, Outcome>;

  beforeAll(async () => {
    await createTrackerTopics(kafka, first);
    children.push(startTrackerJob(first));
    await produceKnownMarket(kafka, first);
    firstOutcomes = latestOutcomes(
      await readAvro(
        kafka,
        serde,
        first.topics.outcomes,
        'amc.learning.recommendation-outcomes.v1',
        bothFinal,
      ),
    );
  }, 300_000);

  afterAll(async () => {
    for (const child of children) await killHard(child);
  });

  it('fans the run out once, though it arrived twice', async () => {
    const recommendations = await readAvro(
      kafka,
      serde,
      first.topics.recommendations,
      'amc.learning.recommendations.v1',
      (r) => r.length >= 2,
    );
    expect(recommendations.map((r) => r.tracking_id).sort()).toEqual(['R1:AAA', 'R1:BBB']);
  });

  it('tracks the unbought riser to the hand-computed outcome', () => {
    const aaa = firstOutcomes.get('R1:AAA')!;
    expect(aaa.checkpoints.map((c) => [c.days, c.session_date, c.status])).toEqual([
      [1, '2026-03-03', 'REACHED'],
      [7, '2026-03-11', 'REACHED'],
      [14, '2026-03-20', 'REACHED'],
      [30, '2026-04-14', 'REACHED'],
    ]);
    const prices = aaa.checkpoints.map((c) => c.price!);
    const returns = aaa.checkpoints.map((c) => c.return_pct!);
    for (const [i, p] of [10.1, 10.7, 11.4, 13.0].entries()) expect(prices[i]).toBeCloseTo(p, 9);
    for (const [i, r] of [1, 7, 14, 30].entries()) expect(returns[i]).toBeCloseTo(r, 9);
    expect(aaa.peak_price).toBeCloseTo(13.05, 9);
    expect(aaa.days_to_peak).toBe(30);
    expect(aaa.peak_return_pct).toBeCloseTo(30.5, 9);
    // Session 10: the high before it is 10.95 (session 9), its low 9.50.
    expect(aaa.max_drawdown_pct).toBeCloseTo(((10.95 - 9.5) / 10.95) * 100, 9);
    expect(aaa).toMatchObject({
      success: true,
      outcome_category: 'STRONG',
      bought: false,
      missed_opportunity: true,
      final: true,
    });
  });

  it('tracks the bought flat pick to the hand-computed outcome', () => {
    const bbb = firstOutcomes.get('R1:BBB')!;
    expect(bbb.checkpoints.every((c) => c.status === 'REACHED' && c.price === 20 && c.return_pct === 0)).toBe(
      true,
    );
    expect(bbb.peak_price).toBeCloseTo(20.2, 9);
    expect(bbb.days_to_peak).toBe(1);
    expect(bbb.peak_return_pct).toBeCloseTo(1, 9);
    expect(bbb.max_drawdown_pct).toBeCloseTo((0.4 / 20.2) * 100, 9);
    expect(bbb).toMatchObject({
      success: false,
      outcome_category: 'POOR',
      bought: true,
      missed_opportunity: false,
    });
  });

  it('emits versions 1, 2, 3… per tracking id, never the same version twice', async () => {
    const all = await readAvro(
      kafka,
      serde,
      first.topics.outcomes,
      'amc.learning.recommendation-outcomes.v1',
      bothFinal,
    );
    for (const id of ['R1:AAA', 'R1:BBB']) {
      const versions = all.filter((o) => o.tracking_id === id).map((o) => o.version);
      expect(versions).toEqual(versions.map((_, i) => i + 1));
    }
  });

  it('raises one missed-opportunity alert, and reflects its acknowledgement', async () => {
    const alerts = await readAvro(
      kafka,
      serde,
      first.topics.alerts,
      'amc.learning.alerts.v1',
      (a) => a.length >= 1,
    );
    expect(alerts).toHaveLength(1);
    const alert = alerts[0]!;
    expect(alert).toMatchObject({
      type: 'MISSED_OPPORTUNITY',
      severity: 'WARNING',
      dedup_key: 'missed_opportunity:R1:AAA',
      requires_ack: false,
      acknowledged: false,
    });
    const ackedAt = Date.parse('2026-04-20T12:00:00Z');
    await produceAvro(kafka, serde, first.topics.alertAcks, 'amc.learning.alert-acks.v1', [
      {
        key: alert.dedup_key,
        value: {
          alert_id: alert.alert_id,
          dedup_key: alert.dedup_key,
          acknowledged_by: 'analyst',
          acknowledged_at: ackedAt,
          note: null,
        },
        timestamp: ackedAt,
      },
    ]);
    const after = await readAvro(
      kafka,
      serde,
      first.topics.alerts,
      'amc.learning.alerts.v1',
      (a) => a.length >= 2,
    );
    expect(after).toHaveLength(2);
    expect(after[1]).toMatchObject({
      alert_id: alert.alert_id,
      acknowledged: true,
      acknowledged_by: 'analyst',
    });
  });

  it('replays the same input to identical outcomes; with alerts switched off, tracking goes on without alerts', async () => {
    const replay = newTrackerRun('tracker-replay');
    await createTrackerTopics(kafka, replay);
    children.push(startTrackerJob(replay, { AMC_LEARNING_ALERTS_ENABLED: 'false' }));
    await produceKnownMarket(kafka, replay);
    const outcomes = latestOutcomes(
      await readAvro(
        kafka,
        serde,
        replay.topics.outcomes,
        'amc.learning.recommendation-outcomes.v1',
        bothFinal,
      ),
    );
    const comparable = (o: Outcome) => ({ ...o, as_of: 0 });
    expect(
      [...outcomes.values()].map(comparable).sort((a, b) => a.tracking_id.localeCompare(b.tracking_id)),
    ).toEqual(
      [...firstOutcomes.values()].map(comparable).sort((a, b) => a.tracking_id.localeCompare(b.tracking_id)),
    );
    const alerts = await readAvro(
      kafka,
      serde,
      replay.topics.alerts,
      'amc.learning.alerts.v1',
      () => true,
      5000,
      3000,
    );
    expect(alerts).toEqual([]);
  }, 300_000);

  it('uses event time only: the bars far after the discovery do not depend on when they are read', () => {
    // A guard on the fixture itself: the last bar lies beyond day 30 plus grace.
    expect(openOf(SESSIONS[SESSIONS.length - 1]!)).toBeGreaterThan(Date.parse('2026-04-20T00:00:00Z'));
  });
});
