// The rules every record of each topic must keep, beyond its schema: one
// place for all of them. Schema-wide checks (finite numbers, no future
// timestamps) run first, then the topic's own rule.
import { EARLIEST_EVENT_TIME, eventTimeOf } from '../../schemas/event-time.ts';
import { loadSchemaNode } from '../../schemas/load.ts';
import type { TopicName } from '../../schemas/topics.ts';
import type { MarketBar, TopicRecords } from '../../schemas/types.generated.ts';
import { checkGeneric, type RuleContext } from './generic-checks.ts';
import type { Rejection } from './reasons.ts';
import { rejection } from './reasons.ts';
import {
  type Check,
  derivedId,
  distinct,
  firstOf,
  id,
  nonNegative,
  notBefore,
  positive,
  price,
  symbol,
  within,
} from './rule-kit.ts';

type TopicRules = { readonly [T in TopicName]: (record: TopicRecords[T]) => Check };

function barShape(bar: MarketBar): Check {
  const { open, high, low, close } = bar;
  if (high < low) return rejection('INCONSISTENT_BAR', `high ${high} is below low ${low}`);
  if (open < low || open > high)
    return rejection('INCONSISTENT_BAR', `open ${open} outside [${low}, ${high}]`);
  if (close < low || close > high)
    return rejection('INCONSISTENT_BAR', `close ${close} outside [${low}, ${high}]`);
  return undefined;
}

export const TOPIC_RULES: TopicRules = {
  'amc.discovery.runs.v1': (run) =>
    firstOf(
      id(run.run_id, 'run_id'),
      notBefore(run.started_at, run.finished_at, 'started_at', 'finished_at'),
      nonNegative(run.duration_ms, 'duration_ms'),
      ...run.stages.flatMap((stage, i) => [
        id(stage.name, `stages.${i}.name`),
        nonNegative(stage.duration_ms, `stages.${i}.duration_ms`),
        nonNegative(stage.symbols_in, `stages.${i}.symbols_in`),
        nonNegative(stage.symbols_out, `stages.${i}.symbols_out`),
        ...Object.entries(stage.rejections).map(([reason, count]) =>
          nonNegative(count, `stages.${i}.rejections.${reason}`),
        ),
      ]),
      ...run.candidates.flatMap((candidate, i) => [
        symbol(candidate.symbol, `candidates.${i}.symbol`),
        price(candidate.price, `candidates.${i}.price`),
        within(candidate.composite_score, 0, 100, `candidates.${i}.composite_score`),
        within(candidate.vigl_score, 0, 1, `candidates.${i}.vigl_score`),
      ]),
      distinct(
        run.candidates.map((candidate) => candidate.symbol),
        'candidates.symbol',
      ),
    ),
  'amc.market.bars.v1': (bar) =>
    firstOf(
      symbol(bar.symbol, 'symbol'),
      id(bar.interval, 'interval'),
      price(bar.open, 'open'),
      price(bar.high, 'high'),
      price(bar.low, 'low'),
      price(bar.close, 'close'),
      nonNegative(bar.volume, 'volume'),
      barShape(bar),
    ),
  'amc.portfolio.positions.v1': (position) =>
    firstOf(
      symbol(position.symbol, 'symbol'),
      nonNegative(position.quantity, 'quantity'),
      position.quantity > 0 ? price(position.avg_entry_price, 'avg_entry_price') : undefined,
      nonNegative(position.avg_entry_price, 'avg_entry_price'),
      positive(position.account_equity, 'account_equity'),
      notBefore(position.entry_date, position.as_of, 'entry_date', 'as_of'),
    ),
  'amc.learning.recommendations.v1': (recommendation) =>
    firstOf(
      id(recommendation.run_id, 'run_id'),
      symbol(recommendation.symbol, 'symbol'),
      derivedId(
        recommendation.tracking_id,
        `${recommendation.run_id}:${recommendation.symbol}`,
        'tracking_id',
      ),
      price(recommendation.discovery_price, 'discovery_price'),
      within(recommendation.composite_score, 0, 100, 'composite_score'),
      within(recommendation.vigl_score, 0, 1, 'vigl_score'),
    ),
  'amc.learning.recommendation-outcomes.v1': (outcome) =>
    firstOf(
      id(outcome.run_id, 'run_id'),
      symbol(outcome.symbol, 'symbol'),
      derivedId(outcome.tracking_id, `${outcome.run_id}:${outcome.symbol}`, 'tracking_id'),
      price(outcome.discovery_price, 'discovery_price'),
      ...outcome.checkpoints.flatMap((checkpoint, i) => [
        positive(checkpoint.days, `checkpoints.${i}.days`),
        price(checkpoint.price, `checkpoints.${i}.price`),
      ]),
      price(outcome.peak_price, 'peak_price'),
      nonNegative(outcome.days_to_peak, 'days_to_peak'),
      within(outcome.max_drawdown_pct, 0, 100, 'max_drawdown_pct'),
      nonNegative(outcome.version, 'version'),
    ),
  'amc.learning.pipeline-health.v1': (health) =>
    firstOf(
      id(health.run_id, 'run_id'),
      within(health.health_score, 0, 1, 'health_score'),
      nonNegative(health.candidate_count, 'candidate_count'),
      ...health.components.map((component, i) => within(component.score, 0, 1, `components.${i}.score`)),
    ),
  'amc.learning.dip-analyses.v1': (analysis) =>
    firstOf(
      id(analysis.analysis_id, 'analysis_id'),
      symbol(analysis.symbol, 'symbol'),
      price(analysis.current_price, 'current_price'),
      price(analysis.avg_entry_price, 'avg_entry_price'),
      positive(analysis.account_equity, 'account_equity'),
      within(analysis.thesis_strength, 0, 1, 'thesis_strength'),
      price(analysis.entry_low, 'entry_low'),
      price(analysis.entry_high, 'entry_high'),
      price(analysis.stop_loss, 'stop_loss'),
      price(analysis.take_profit_1, 'take_profit_1'),
      price(analysis.take_profit_2, 'take_profit_2'),
      nonNegative(analysis.days_held, 'days_held'),
    ),
  'amc.learning.cycles.v1': (cycle) =>
    firstOf(
      id(cycle.cycle_id, 'cycle_id'),
      notBefore(cycle.window_start, cycle.window_end, 'window_start', 'window_end'),
      ...cycle.proposals.flatMap((proposal, i) => [
        id(proposal.parameter, `proposals.${i}.parameter`),
        nonNegative(proposal.sample_size, `proposals.${i}.sample_size`),
        within(proposal.confidence, 0, 1, `proposals.${i}.confidence`),
      ]),
    ),
  'amc.learning.parameters.v1': (parameter) => id(parameter.name, 'name'),
  'amc.learning.alerts.v1': (alert) =>
    firstOf(
      id(alert.alert_id, 'alert_id'),
      id(alert.dedup_key, 'dedup_key'),
      positive(alert.occurrences, 'occurrences'),
      notBefore(alert.created_at, alert.last_seen_at, 'created_at', 'last_seen_at'),
    ),
  'amc.learning.alert-acks.v1': (ack) =>
    firstOf(
      id(ack.alert_id, 'alert_id'),
      id(ack.dedup_key, 'dedup_key'),
      id(ack.acknowledged_by, 'acknowledged_by'),
    ),
  'amc.learning.dead-letters.v1': (letter) =>
    firstOf(id(letter.source_topic, 'source_topic'), nonNegative(letter.source_offset, 'source_offset')),
};

/**
 * A record's event time must be a plausible instant: one before 1990 would
 * be taken for history and settle everything after it as missing. (Event
 * times past the clock's margin are caught by the schema-wide check.)
 */
export function eventTimeRule<T extends TopicName>(topic: T, record: TopicRecords[T]): Check {
  const time = eventTimeOf(topic, record);
  if (time >= EARLIEST_EVENT_TIME) return undefined;
  const shown = Number.isFinite(time) ? new Date(time).toISOString() : String(time);
  return rejection(
    'OUT_OF_RANGE',
    `event time ${shown} is before ${new Date(EARLIEST_EVENT_TIME).toISOString()}`,
  );
}

/** The first rule a decoded record breaks, or undefined when it keeps them all. */
export function checkRecord<T extends TopicName>(
  topic: T,
  record: TopicRecords[T],
  context: RuleContext,
): Rejection | undefined {
  return (
    checkGeneric(loadSchemaNode(topic), record, context) ??
    eventTimeRule(topic, record) ??
    TOPIC_RULES[topic](record)
  );
}
