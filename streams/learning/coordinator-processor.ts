import { EARLIEST_EVENT_TIME } from '../../schemas/event-time.ts';
import type { InputRecord, ProcessorContext, ProcessorDefinition, Timer } from '../runtime/types.ts';
import { createOutputs, type Outputs, type OutputTopics } from './coordinator-outputs.ts';
import {
  COORDINATOR_STORES,
  factsAsOf,
  prune,
  put,
  recordFact,
  runValueAsOf,
  type Stores,
  storesOf,
} from './coordinator-state.ts';
import {
  type AgentsEnabled,
  applyProposal,
  approvable,
  type CoordinatorCommand,
  type CycleRequest,
  failedCycle,
  type LearningConfig,
  nextScheduledCycle,
  onDemandCycleId,
  parseCommand,
  rollBack,
  runCycle,
  scheduledCycleId,
  superseded,
} from './domain/index.ts';
import type { CoordinatorEnvelope } from './envelope.ts';

const DAY_MS = 86_400_000;
const WEEKLY_TIMER = 'weekly-cycle';
const DATA_KINDS = new Set(['recommendation', 'outcome', 'run', 'health', 'dip', 'alert']);

export interface CoordinatorOptions extends OutputTopics {
  readonly applicationId: string;
  /** The coordinator's single-key topic. */
  readonly input: string;
  readonly config: LearningConfig;
  readonly agents?: AgentsEnabled;
  /** How long a command id is remembered, so a retried request is applied once (event time). */
  readonly commandMemoryDays?: number;
  /** Computes a cycle; the domain's by default. */
  readonly runCycle?: typeof runCycle;
}

/**
 * The learning coordinator: every input meets in one partition, facts go
 * into stores, and a cycle runs weekly by event time (an event-time timer at
 * the scheduled instant plus the grace) and on request. A cycle writes one
 * record, applies or holds its proposals, and raises its alerts, all in the
 * transaction of the record that triggered it, so a crash at any point
 * leaves exactly one record per cycle. Approvals and rollbacks are commands
 * on the same topic, applied once each.
 */
export function coordinatorProcessor(options: CoordinatorOptions): ProcessorDefinition<CoordinatorEnvelope> {
  const { config } = options;
  const agents = options.agents ?? { tracker: true, monitor: true, dipValidator: true };
  const compute = options.runCycle ?? runCycle;
  const grace = config.schedule.graceMs;
  const commandMemoryMs = (options.commandMemoryDays ?? 30) * DAY_MS;
  const parameterNames = config.parameters.map((p) => p.name);

  function scheduleWeekly(ctx: ProcessorContext, stores: Stores, instant: number): void {
    put<number>(stores.clock, 'next_cycle', instant);
    ctx.schedule({ id: WEEKLY_TIMER, at: instant + grace, payload: instant });
  }

  const cycleIdOf = (instant: number) => scheduledCycleId(instant, config.schedule.timeZone);

  /**
   * The scheduled instant after `instant` on another local date: a week later
   * while the schedule stays as it is. When the operator moved it to a later
   * hour of the same day, the cycle at the old hour has already taken that
   * date's id, so the new schedule starts the week after.
   */
  function nextCycleAfter(instant: number): number {
    const next = nextScheduledCycle(instant, config.schedule);
    return cycleIdOf(next) === cycleIdOf(instant) ? nextScheduledCycle(next, config.schedule) : next;
  }

  function scheduled(ctx: ProcessorContext, stores: Stores, instant: number, ranAt: number): void {
    put<number>(stores.clock, 'last_cycle', instant);
    cycle(ctx, stores, createOutputs(ctx, options), {
      cycle_id: cycleIdOf(instant),
      trigger: 'SCHEDULED',
      at: instant,
      ran_at: ranAt,
    });
  }

  /**
   * The weekly schedule covers every week from the earliest data seen.
   * Inputs of several topics and partitions arrive in no particular order,
   * so the first record need not be the oldest: an older one moves the
   * first cycle back and, once cycles have run, the weeks it adds are run
   * at once, each as of its own instant. A stray record more than a window
   * older than the first cycle does not reach back.
   */
  function reachBack(ctx: ProcessorContext, stores: Stores, eventTime: number): void {
    const candidate = nextScheduledCycle(eventTime, config.schedule);
    const first = stores.clock.get('first_cycle');
    if (first === undefined) {
      put<number>(stores.clock, 'first_cycle', candidate);
      scheduleWeekly(ctx, stores, candidate);
      return;
    }
    if (candidate >= first || candidate < first - config.windowDays * DAY_MS) return;
    put<number>(stores.clock, 'first_cycle', candidate);
    if (!stores.clock.has('last_cycle')) {
      scheduleWeekly(ctx, stores, candidate);
      return;
    }
    // A week on the first cycle's date (a schedule moved since) is that cycle's, already run.
    for (
      let week = candidate;
      week < first && cycleIdOf(week) !== cycleIdOf(first);
      week = nextCycleAfter(week)
    ) {
      scheduled(ctx, stores, week, ctx.streamTime);
    }
  }

  function cycle(ctx: ProcessorContext, stores: Stores, out: Outputs, request: CycleRequest): void {
    let result: ReturnType<typeof runCycle> | undefined;
    try {
      result = compute(request, factsAsOf(stores, config, request.at), agents, config);
    } catch (error) {
      // A cycle that cannot be computed must not stop the schedule or poison the record that triggered it.
      out.cycle(failedCycle(request, config, error instanceof Error ? error.message : String(error)));
    }
    const decidedAt = stores.clock.get('decided_at');
    if (result !== undefined && decidedAt !== undefined && request.at < decidedAt) {
      out.cycle(superseded(result.report, decidedAt));
    } else if (result !== undefined) {
      put<number>(stores.clock, 'decided_at', request.at);
      out.cycle(result.report);
      for (const proposal of result.proposals) {
        if (proposal.status === 'INSUFFICIENT_DATA') {
          // A newer cycle without the evidence withdraws an older proposal.
          stores.pending.delete(proposal.parameter);
          continue;
        }
        const pending = {
          proposal_id: `${request.cycle_id}:${proposal.parameter}`,
          cycle_id: request.cycle_id,
          parameter: proposal.parameter,
          current_value: proposal.current_value,
          proposed_value: proposal.proposed_value!,
          confidence: proposal.confidence!,
          expected_improvement: proposal.expected_improvement!,
          sample_size: proposal.sample_size,
          rationale: proposal.rationale,
          proposed_at: request.ran_at,
        };
        if (proposal.status === 'PENDING') {
          put(stores.pending, proposal.parameter, pending);
          out.proposed(pending);
          continue;
        }
        stores.pending.delete(proposal.parameter);
        const applied = applyProposal(
          stores.parameters.get(proposal.parameter),
          pending,
          { source: 'AUTOMATIC', at: request.ran_at, by: null },
          proposal.current_value,
        );
        put(stores.parameters, proposal.parameter, applied.state);
        out.parameter(applied.change);
      }
    }
    const horizon = ctx.streamTime - grace - (config.windowDays + 1) * DAY_MS;
    prune(stores, horizon, ctx.streamTime - commandMemoryMs);
  }

  function command(ctx: ProcessorContext, stores: Stores, out: Outputs, value: unknown): void {
    const parsed = parseCommand(value, { parameters: parameterNames, earliest: EARLIEST_EVENT_TIME });
    if (!parsed.ok) {
      ctx.reject('SCHEMA_MISMATCH', `command refused: ${parsed.problem}`);
      return;
    }
    const c: CoordinatorCommand = parsed.command;
    // A retried request: already applied (or refused) once.
    if (stores.commands.has(c.command_id)) return;
    put<number>(stores.commands, c.command_id, c.requested_at);
    const by = { at: c.requested_at, by: c.requested_by };
    switch (c.kind) {
      case 'RUN_CYCLE':
        cycle(ctx, stores, out, {
          cycle_id: onDemandCycleId(c.command_id),
          trigger: 'ON_DEMAND',
          at: c.requested_at,
          ran_at: c.requested_at,
        });
        return;
      case 'APPROVE_PARAMETER': {
        const approved = approvable(stores.pending.get(c.parameter), c.parameter, c.proposal_id);
        if (!approved.ok) {
          ctx.reject('PROCESSING_FAILED', `approval ${c.command_id} refused: ${approved.problem}`);
          return;
        }
        const fromRuns = runValueAsOf(
          [...stores.runs.entries()].map(([, r]) => r),
          c.parameter,
          c.requested_at,
        );
        const applied = applyProposal(
          stores.parameters.get(c.parameter),
          approved.proposal,
          { source: 'APPROVED', ...by },
          fromRuns,
        );
        stores.pending.delete(c.parameter);
        put(stores.parameters, c.parameter, applied.state);
        out.parameter(applied.change);
        return;
      }
      case 'ROLLBACK_PARAMETER': {
        const rolled = rollBack(stores.parameters.get(c.parameter), c.parameter, by);
        if (!rolled.ok) {
          ctx.reject('PROCESSING_FAILED', `rollback ${c.command_id} refused: ${rolled.problem}`);
          return;
        }
        put(stores.parameters, c.parameter, rolled.state);
        out.parameter(rolled.change);
        return;
      }
    }
  }

  return {
    applicationId: options.applicationId,
    inputTopics: [options.input],
    stores: COORDINATOR_STORES,
    process(record: InputRecord<CoordinatorEnvelope>, ctx) {
      const stores = storesOf(ctx);
      const envelope = record.value;
      if (envelope.kind === 'command') {
        command(ctx, stores, createOutputs(ctx, options), envelope.command);
        return;
      }
      if (!DATA_KINDS.has(envelope.kind)) {
        ctx.reject('SCHEMA_MISMATCH', `unknown input kind ${String(envelope.kind)}`);
        return;
      }
      recordFact(stores, envelope, ctx.streamTime - grace);
      const seen = stores.clock.get('data_seen_until');
      put<number>(
        stores.clock,
        'data_seen_until',
        seen === undefined ? envelope.at : Math.max(seen, envelope.at),
      );
      reachBack(ctx, stores, envelope.at);
    },
    onTimer(timer: Timer, ctx) {
      if (timer.id !== WEEKLY_TIMER) return;
      const stores = storesOf(ctx);
      const instant = timer.payload as number;
      scheduled(ctx, stores, instant, timer.at);
      // The next week's; when event time is already past it too, the runtime fires it right away.
      scheduleWeekly(ctx, stores, nextCycleAfter(instant));
    },
  };
}
