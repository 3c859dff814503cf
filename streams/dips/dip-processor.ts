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
  analysisIdOf,
  DEFAULT_DIPS_CONFIG,
  type DipsConfig,
  decisionsBySession,
  EMPTY_HOLDING,
  evaluateFollowUp,
  followUpContext,
  type HoldingState,
  isDailyBar,
  isFollowed,
  isNewSignal,
  outcomeOf,
  type PublishedAnalysis,
  pruneHolding,
  reconcileSession,
  rememberingCalendar,
  snapshotProblem,
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
  /** Added to every published version: the state's epoch times VERSIONS_PER_EPOCH (see identity-store.ts). */
  readonly versionBase?: number;
}

/**
 * Re-examines every open holding that is down past the threshold, once per
 * daily bar: each bar or position snapshot of a symbol asks what the data
 * now says about each of its sessions (see reconcile.ts). A new analysis is
 * published at version 1, and restated or withdrawn when late data changes
 * it; a BUY_MORE raises a signal through the alert gate and is followed to
 * its outcome. A daily event-time timer re-evaluates followed analyses, so a
 * halted symbol's outcome is declared missing once stream time has passed
 * its grace.
 */
export function dipProcessor(options: DipOptions): ProcessorDefinition<SymbolEnvelope> {
  const config = options.config ?? DEFAULT_DIPS_CONFIG;
  const calendar = rememberingCalendar(options.calendar ?? NYSE_CALENDAR);
  const context = { config, calendar };
  const outcomeContext = followUpContext(config, calendar);
  const restateMs = config.followUp.restateForDays * DAY_MS;
  const versionBase = options.versionBase ?? 0;

  const holdings = (ctx: ProcessorContext) =>
    ctx.store('holdings') as unknown as KeyValueStore<HoldingState & JsonValue>;
  const analyses = (ctx: ProcessorContext) =>
    ctx.store('analyses') as unknown as KeyValueStore<PublishedAnalysis & JsonValue>;
  const save = <T>(store: KeyValueStore<T & JsonValue>, key: string, value: T) =>
    store.put(key, value as T & JsonValue);

  function publish(ctx: ProcessorContext, analysis: PublishedAnalysis): void {
    const { decision } = analysis;
    ctx.send({
      topic: options.analyses,
      key: decision.symbol,
      value: toDipRecord(decision, analysis.outcome, versionBase + analysis.version, analysis.withdrawn),
      timestamp: decision.analyzed_at,
    });
  }

  function signal(ctx: ProcessorContext, { decision }: PublishedAnalysis): void {
    const { sizing, plan } = decision;
    if (sizing === null || plan === null) return;
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

  /** Followed until its outcome is final and the restatement window has passed. */
  const stillFollowed = (analysis: PublishedAnalysis | null, ctx: ProcessorContext): boolean =>
    analysis !== null &&
    !analysis.withdrawn &&
    isFollowed(analysis.decision, config) &&
    !(analysis.outcome.final && ctx.streamTime > analysis.decision.analyzed_at + restateMs);

  function refresh(symbol: string, before: HoldingState, ctx: ProcessorContext): void {
    // Forget first: an old bar replayed after its analysis was forgotten must not be analysed anew.
    const keepFrom = before.following
      .map((id) => analyses(ctx).get(id)?.decision.session_date ?? '')
      .filter(Boolean)
      .sort()[0];
    const state = pruneHolding(symbol, before, keepFrom ?? null, config.retainSessions, calendar);
    const kept = new Set(state.analysed);
    for (const session of before.analysed)
      if (!kept.has(session)) analyses(ctx).delete(analysisIdOf(symbol, session));
    const analysed = new Set(state.analysed);
    const following = new Set(state.following);
    const evaluate = (decision: Parameters<typeof evaluateFollowUp>[0]) =>
      outcomeOf(evaluateFollowUp(decision, state.bars, ctx.streamTime, outcomeContext));
    for (const [session, decision] of decisionsBySession(symbol, state, context)) {
      const id = analysisIdOf(symbol, session);
      const previous = analyses(ctx).get(id) ?? null;
      const next = reconcileSession({ previous, decision, following: following.has(id), evaluate }, config);
      if (next !== null) {
        publish(ctx, next);
        if (isNewSignal(previous, next)) signal(ctx, next);
        save(analyses(ctx), id, next);
        analysed.add(session);
      }
      if (stillFollowed(next ?? previous, ctx)) {
        following.add(id);
        ctx.schedule({ id: `eval:${id}`, at: ctx.streamTime + DAY_MS, payload: id });
      } else if (following.delete(id)) {
        ctx.cancel(`eval:${id}`);
      }
    }
    save(holdings(ctx), symbol, { ...state, analysed: [...analysed].sort(), following: [...following] });
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
      const analysis = analyses(ctx).get(timer.payload as string);
      if (!analysis) return;
      const symbol = analysis.decision.symbol;
      refresh(symbol, holdings(ctx).get(symbol) ?? EMPTY_HOLDING, ctx);
    },
  };
}
