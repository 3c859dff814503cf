import { sendAlertCandidate } from '../alerts/candidate-route.ts';
import { type AlertsConfig, AlertType, buildAlertCandidate } from '../alerts/domain/index.ts';
import type {
  InputRecord,
  JsonValue,
  KeyValueStore,
  ProcessorContext,
  ProcessorDefinition,
} from '../runtime/types.ts';
import { barProblem, type ExchangeCalendar, NYSE_CALENDAR } from '../tracker/domain/index.ts';
import type { SymbolEnvelope } from '../tracker/envelope.ts';
import { toPriceBar } from '../tracker/mapping.ts';
import {
  advanceFollowUp,
  DEFAULT_DIPS_CONFIG,
  type DipDecision,
  type DipsConfig,
  dueAnalyses,
  EMPTY_HOLDING,
  type FollowUpState,
  followUpContext,
  type HoldingState,
  isDailyBar,
  isFollowed,
  PENDING_OUTCOME,
  pruneHolding,
  snapshotProblem,
  UNFOLLOWED_OUTCOME,
  withAnalyses,
  withBar,
  withSnapshot,
} from './domain/index.ts';
import { toDipRecord, toHoldingSnapshot } from './mapping.ts';

const DAY_MS = 86_400_000;

export interface DipOptions {
  readonly applicationId: string;
  /** The by-symbol repartition topic the tracker reads too (this processor ignores recommendations). */
  readonly input: string;
  readonly analyses: string;
  /** Where buy-more alert candidates go (the alerts-by-type topic). */
  readonly alertCandidates: string;
  readonly config?: DipsConfig;
  readonly alertsConfig: AlertsConfig;
  readonly calendar?: ExchangeCalendar;
}

interface FollowedAnalysis {
  readonly decision: DipDecision;
  readonly follow: FollowUpState;
}

/**
 * Re-examines every open holding that is down past the threshold, once per
 * daily bar: a bar or a position snapshot of a symbol asks which of its
 * sessions are due (see dueAnalyses), each due analysis is published at
 * version 1 and, when it says BUY_MORE, raises a signal through the alert
 * gate. Followed analyses are restated with their outcome as it becomes
 * known; a daily event-time timer re-evaluates them, so a halted symbol's
 * outcome is declared missing once stream time has passed its grace.
 */
export function dipProcessor(options: DipOptions): ProcessorDefinition<SymbolEnvelope> {
  const config = options.config ?? DEFAULT_DIPS_CONFIG;
  const calendar = options.calendar ?? NYSE_CALENDAR;
  const context = { config, calendar };
  const outcomeContext = followUpContext(config, calendar);
  const restateMs = config.followUp.restateForDays * DAY_MS;

  const holdings = (ctx: ProcessorContext) =>
    ctx.store('holdings') as unknown as KeyValueStore<HoldingState & JsonValue>;
  const followed = (ctx: ProcessorContext) =>
    ctx.store('analyses') as unknown as KeyValueStore<FollowedAnalysis & JsonValue>;
  const save = <T>(store: KeyValueStore<T & JsonValue>, key: string, value: T) =>
    store.put(key, value as T & JsonValue);

  function publish(
    ctx: ProcessorContext,
    decision: DipDecision,
    record: ReturnType<typeof toDipRecord>,
  ): void {
    ctx.send({
      topic: options.analyses,
      key: decision.symbol,
      value: record,
      timestamp: decision.analyzed_at,
    });
  }

  function analyse(decision: DipDecision, ctx: ProcessorContext): boolean {
    const follow = isFollowed(decision, config);
    publish(ctx, decision, toDipRecord(decision, follow ? PENDING_OUTCOME : UNFOLLOWED_OUTCOME, 1));
    const { sizing, plan } = decision;
    if (decision.action === 'BUY_MORE' && sizing !== null && plan !== null) {
      const candidate = buildAlertCandidate(
        AlertType.BUY_MORE_SIGNAL,
        {
          analysis_id: decision.analysis_id,
          symbol: decision.symbol,
          session_date: decision.session_date,
          action: decision.action,
          thesis_strength: decision.thesis_strength,
          thesis_grade: decision.thesis_grade,
          unrealized_return_pct: decision.unrealized_return_pct,
          current_price: decision.current_price,
          suggested_amount: sizing.amount,
          suggested_shares: sizing.shares,
          stop_loss: plan.stop_loss,
          take_profit_1: plan.take_profit_1,
          event_time: decision.analyzed_at,
        },
        options.alertsConfig,
      );
      if (candidate) sendAlertCandidate(ctx, options.alertCandidates, candidate);
    }
    if (follow)
      followed(ctx).put(decision.analysis_id, { decision, follow: { last: null, version: 1 } } as never);
    return follow;
  }

  /** Re-evaluates one followed analysis; false once it is retired. */
  function advance(id: string, state: HoldingState, ctx: ProcessorContext): boolean {
    const entry = followed(ctx).get(id);
    if (!entry) return false;
    const step = advanceFollowUp(entry.decision, entry.follow, state.bars, ctx.streamTime, outcomeContext);
    if (step.emit) publish(ctx, entry.decision, toDipRecord(entry.decision, step.emit, step.state.version));
    if (step.outcome.final && ctx.streamTime > entry.decision.analyzed_at + restateMs) {
      followed(ctx).delete(id);
      ctx.cancel(`eval:${id}`);
      return false;
    }
    save(followed(ctx), id, { decision: entry.decision, follow: step.state });
    ctx.schedule({ id: `eval:${id}`, at: ctx.streamTime + DAY_MS, payload: id });
    return true;
  }

  function refresh(symbol: string, before: HoldingState, ctx: ProcessorContext): void {
    const due = dueAnalyses(symbol, before, context);
    const newlyFollowed = due.filter((decision) => analyse(decision, ctx)).map((d) => d.analysis_id);
    let state = withAnalyses(before, due, newlyFollowed);
    const following = state.following.filter((id) => advance(id, state, ctx));
    const sessions = following
      .map((id) => followed(ctx).get(id)?.decision.session_date ?? '')
      .filter(Boolean);
    const keepFrom = sessions.length === 0 ? null : sessions.sort()[0]!;
    state = pruneHolding(symbol, { ...state, following }, keepFrom, config.retainSessions, calendar);
    save(holdings(ctx), symbol, state);
  }

  return {
    applicationId: options.applicationId,
    inputTopics: [options.input],
    stores: ['holdings', 'analyses'],
    process(record: InputRecord<SymbolEnvelope>, ctx) {
      const symbol = record.key;
      if (symbol === null) {
        ctx.reject('EMPTY_SYMBOL', 'by-symbol record without a key');
        return;
      }
      const state = holdings(ctx).get(symbol) ?? EMPTY_HOLDING;
      const envelope = record.value;
      switch (envelope.kind) {
        case 'recommendation':
          return;
        case 'bar': {
          const bar = toPriceBar(envelope.bar);
          // Finer bars are the tracker's business: the validator analyses once per daily bar.
          if (!isDailyBar(bar)) return;
          const problem = barProblem(bar);
          if (problem !== null) {
            ctx.reject('INCONSISTENT_BAR', problem);
            return;
          }
          refresh(symbol, withBar(state, bar), ctx);
          return;
        }
        case 'position': {
          const snapshot = toHoldingSnapshot(envelope.position);
          const problem = snapshotProblem(snapshot);
          if (problem !== null) {
            ctx.reject(problem.code, problem.reason);
            return;
          }
          refresh(symbol, withSnapshot(state, snapshot), ctx);
          return;
        }
      }
    },
    onTimer(timer, ctx) {
      const entry = followed(ctx).get(timer.payload as string);
      if (!entry) return;
      const symbol = entry.decision.symbol;
      refresh(symbol, holdings(ctx).get(symbol) ?? EMPTY_HOLDING, ctx);
    },
  };
}
