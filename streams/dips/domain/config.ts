/**
 * The buy-the-dip validator's thresholds, DESIGN's numbers by default.
 * Validated once, loudly, then frozen: a bad value names its key and what is
 * allowed. The buy-more alert's severity ladder belongs to the alerts
 * configuration (buy_more_signal), one place for it.
 */
import { ComponentConfigError, configReader, type Fields } from '../../shared/config-reader.ts';
import { deepFreeze } from '../../shared/deep-freeze.ts';

export interface VolumeRule {
  /** A thesis naming any of these (case-insensitive) rests on volume. */
  readonly keywords: readonly string[];
  /** The holding's own average volume is taken over this many sessions before the bar's. */
  readonly lookbackSessions: number;
  /** Fewer sessions with a bar than this, and the volume factor is unknown. */
  readonly minSessions: number;
  /** Volume at or above this multiple of the average confirms the thesis; below it, it weakens. */
  readonly confirmRatio: number;
  readonly confirmedDelta: number;
  readonly weakeningDelta: number;
}

export interface CatalystRule {
  /** A thesis naming any of these rests on a catalyst. */
  readonly keywords: readonly string[];
  /** A catalyst thesis still counts while the position is held this many days or fewer. */
  readonly windowDays: number;
  readonly delta: number;
}

export interface DrawdownRule {
  /** An unrealized return above this (percent) is contained; at or below it is deep. */
  readonly limitPct: number;
  readonly containedDelta: number;
  readonly deepDelta: number;
}

export interface ThesisRule {
  readonly start: number;
  readonly volume: VolumeRule;
  readonly catalyst: CatalystRule;
  readonly drawdown: DrawdownRule;
}

export interface GradeCutoffs {
  /** STRONG at or above. */
  readonly strong: number;
  /** MODERATE at or above; WEAK below. */
  readonly moderate: number;
}

/** BUY_MORE at this strength or more and a dip at or below maxReturnPct, adding addPctOfEquity. */
export interface BuyMoreTier {
  readonly minStrength: number;
  readonly maxReturnPct: number;
  readonly addPctOfEquity: number;
}

export interface TradePlanRule {
  /** Entry range: price ± this percent. */
  readonly entryRangePct: number;
  readonly stopLossFactor: number;
  /** First and second take-profit, as multiples of the entry price. */
  readonly takeProfitFactors: readonly [number, number];
}

export interface FollowUpRule {
  /** The outcome is the close this many sessions after the analysis. */
  readonly horizonSessions: number;
  /** Sessions past the horizon without a bar before the outcome is declared missing. */
  readonly missingGraceSessions: number;
  /** Which actions are followed to their outcome. */
  readonly actions: readonly ('BUY_MORE' | 'HOLD')[];
  /** A final outcome stays open to late and corrected bars this many days after the analysis. */
  readonly restateForDays: number;
}

export interface DipsConfig {
  /** A holding is analysed while its unrealized return is below this (percent). */
  readonly considerBelowReturnPct: number;
  readonly thesis: ThesisRule;
  readonly grades: GradeCutoffs;
  /** Tried in order: the first that fits decides the size. */
  readonly buyMoreTiers: readonly BuyMoreTier[];
  /** The whole position may not exceed this percent of equity after an add. */
  readonly positionCapPct: number;
  readonly plan: TradePlanRule;
  readonly followUp: FollowUpRule;
  /**
   * Daily bars kept per symbol, counted back from its newest (besides those
   * an open follow-up needs): the volume lookback and sessions a late
   * position snapshot may still make analysable.
   */
  readonly retainSessions: number;
}

export const DEFAULT_DIPS_CONFIG: DipsConfig = deepFreeze({
  considerBelowReturnPct: -10,
  thesis: {
    start: 0.5,
    volume: {
      keywords: ['volume', 'rvol', 'accumulation'],
      lookbackSessions: 20,
      minSessions: 5,
      confirmRatio: 1,
      confirmedDelta: 0.2,
      weakeningDelta: -0.1,
    },
    catalyst: { keywords: ['catalyst'], windowDays: 30, delta: 0.1 },
    drawdown: { limitPct: -20, containedDelta: 0.1, deepDelta: -0.2 },
  },
  grades: { strong: 0.8, moderate: 0.6 },
  buyMoreTiers: [
    { minStrength: 0.8, maxReturnPct: -15, addPctOfEquity: 20 },
    { minStrength: 0.7, maxReturnPct: -10, addPctOfEquity: 15 },
  ],
  positionCapPct: 25,
  plan: { entryRangePct: 2, stopLossFactor: 0.85, takeProfitFactors: [1.1, 1.25] },
  followUp: { horizonSessions: 30, missingGraceSessions: 3, actions: ['BUY_MORE'], restateForDays: 90 },
  retainSessions: 60,
});

export class DipsConfigError extends ComponentConfigError {
  constructor(key: string, problem: string, allowed: string) {
    super('dips', key, problem, allowed);
    this.name = 'DipsConfigError';
  }
}

const read = configReader((key, problem, allowed) => new DipsConfigError(key, problem, allowed));
const DELTA = { min: -1, max: 1 };
const STRENGTH = { min: 0, max: 1 };

function readThesis(value: unknown): ThesisRule {
  const base = DEFAULT_DIPS_CONFIG.thesis;
  const f = read.object(value, 'thesis', ['start', 'volume', 'catalyst', 'drawdown']);
  const v: Fields = read.object(f.volume, 'thesis.volume', Object.keys(base.volume));
  const c: Fields = read.object(f.catalyst, 'thesis.catalyst', Object.keys(base.catalyst));
  const d: Fields = read.object(f.drawdown, 'thesis.drawdown', Object.keys(base.drawdown));
  const lookbackSessions = read.integer(
    v.lookbackSessions,
    'thesis.volume.lookbackSessions',
    base.volume.lookbackSessions,
    { min: 1 },
  );
  return {
    start: read.finite(f.start, 'thesis.start', base.start, STRENGTH),
    volume: {
      keywords: read.strings(v.keywords, 'thesis.volume.keywords', base.volume.keywords),
      lookbackSessions,
      minSessions: read.integer(v.minSessions, 'thesis.volume.minSessions', base.volume.minSessions, {
        min: 1,
        max: lookbackSessions,
      }),
      confirmRatio: read.finite(v.confirmRatio, 'thesis.volume.confirmRatio', base.volume.confirmRatio, {
        above: 0,
      }),
      confirmedDelta: read.finite(
        v.confirmedDelta,
        'thesis.volume.confirmedDelta',
        base.volume.confirmedDelta,
        DELTA,
      ),
      weakeningDelta: read.finite(
        v.weakeningDelta,
        'thesis.volume.weakeningDelta',
        base.volume.weakeningDelta,
        DELTA,
      ),
    },
    catalyst: {
      keywords: read.strings(c.keywords, 'thesis.catalyst.keywords', base.catalyst.keywords),
      windowDays: read.integer(c.windowDays, 'thesis.catalyst.windowDays', base.catalyst.windowDays, {
        min: 0,
      }),
      delta: read.finite(c.delta, 'thesis.catalyst.delta', base.catalyst.delta, DELTA),
    },
    drawdown: {
      limitPct: read.finite(d.limitPct, 'thesis.drawdown.limitPct', base.drawdown.limitPct, { below: 0 }),
      containedDelta: read.finite(
        d.containedDelta,
        'thesis.drawdown.containedDelta',
        base.drawdown.containedDelta,
        DELTA,
      ),
      deepDelta: read.finite(d.deepDelta, 'thesis.drawdown.deepDelta', base.drawdown.deepDelta, DELTA),
    },
  };
}

function readGrades(value: unknown): GradeCutoffs {
  const base = DEFAULT_DIPS_CONFIG.grades;
  const f = read.object(value, 'grades', ['strong', 'moderate']);
  const moderate = read.finite(f.moderate, 'grades.moderate', base.moderate, STRENGTH);
  return {
    strong: read.finite(f.strong, 'grades.strong', base.strong, { above: moderate, max: 1 }),
    moderate,
  };
}

function readTiers(value: unknown): BuyMoreTier[] {
  if (value === undefined) return [...DEFAULT_DIPS_CONFIG.buyMoreTiers];
  if (!Array.isArray(value))
    read.fail('buyMoreTiers', 'is not a list', 'a list of { minStrength, maxReturnPct, addPctOfEquity }');
  return (value as unknown[]).map((tier, i) => {
    const key = `buyMoreTiers.${i}`;
    const f = read.object(tier, key, ['minStrength', 'maxReturnPct', 'addPctOfEquity']);
    for (const field of ['minStrength', 'maxReturnPct', 'addPctOfEquity']) {
      if (f[field] === undefined) read.fail(`${key}.${field}`, 'is missing', 'a number');
    }
    return {
      minStrength: read.finite(f.minStrength, `${key}.minStrength`, 0, STRENGTH),
      maxReturnPct: read.finite(f.maxReturnPct, `${key}.maxReturnPct`, 0, { below: 0 }),
      addPctOfEquity: read.finite(f.addPctOfEquity, `${key}.addPctOfEquity`, 0, { above: 0, max: 100 }),
    };
  });
}

function readPlan(value: unknown): TradePlanRule {
  const base = DEFAULT_DIPS_CONFIG.plan;
  const f = read.object(value, 'plan', Object.keys(base));
  const factors = f.takeProfitFactors ?? base.takeProfitFactors;
  const allowed = 'two multiples, 1 < first < second';
  if (!Array.isArray(factors) || factors.length !== 2)
    read.fail('plan.takeProfitFactors', 'is not a pair', allowed);
  const [first, second] = factors as unknown[];
  const tp1 = read.finite(first, 'plan.takeProfitFactors.0', Number.NaN, { above: 1 });
  const tp2 = read.finite(second, 'plan.takeProfitFactors.1', Number.NaN, { above: tp1 });
  return {
    entryRangePct: read.finite(f.entryRangePct, 'plan.entryRangePct', base.entryRangePct, {
      min: 0,
      below: 100,
    }),
    stopLossFactor: read.finite(f.stopLossFactor, 'plan.stopLossFactor', base.stopLossFactor, {
      above: 0,
      below: 1,
    }),
    takeProfitFactors: [tp1, tp2],
  };
}

function readFollowUp(value: unknown): FollowUpRule {
  const base = DEFAULT_DIPS_CONFIG.followUp;
  const f = read.object(value, 'followUp', Object.keys(base));
  const actions = read.strings(f.actions, 'followUp.actions', base.actions);
  for (const [i, action] of actions.entries()) {
    if (action !== 'BUY_MORE' && action !== 'HOLD')
      read.fail(`followUp.actions.${i}`, `is ${JSON.stringify(action)}`, "'BUY_MORE' | 'HOLD'");
  }
  return {
    horizonSessions: read.integer(f.horizonSessions, 'followUp.horizonSessions', base.horizonSessions, {
      min: 1,
    }),
    missingGraceSessions: read.integer(
      f.missingGraceSessions,
      'followUp.missingGraceSessions',
      base.missingGraceSessions,
      { min: 0 },
    ),
    actions: actions as FollowUpRule['actions'],
    restateForDays: read.integer(f.restateForDays, 'followUp.restateForDays', base.restateForDays, {
      min: 0,
    }),
  };
}

/** Defaults overlaid with `input`, validated and deep-frozen. Throws DipsConfigError. */
export function createDipsConfig(input: unknown = {}): DipsConfig {
  const base = DEFAULT_DIPS_CONFIG;
  const root = read.object(input, 'dips', Object.keys(base));
  const thesis = readThesis(root.thesis);
  return deepFreeze({
    considerBelowReturnPct: read.finite(
      root.considerBelowReturnPct,
      'considerBelowReturnPct',
      base.considerBelowReturnPct,
      {
        max: 0,
      },
    ),
    thesis,
    grades: readGrades(root.grades),
    buyMoreTiers: readTiers(root.buyMoreTiers),
    positionCapPct: read.finite(root.positionCapPct, 'positionCapPct', base.positionCapPct, {
      above: 0,
      max: 100,
    }),
    plan: readPlan(root.plan),
    followUp: readFollowUp(root.followUp),
    retainSessions: read.integer(root.retainSessions, 'retainSessions', base.retainSessions, {
      min: thesis.volume.lookbackSessions,
    }),
  });
}
