/**
 * Is the original thesis still intact? Strength starts at the configured
 * value (0.5) and each factor of DESIGN's rule moves it: volume against the
 * holding's own average (for a volume thesis), the catalyst window (for a
 * catalyst thesis), and the drawdown. Clamped to [0, 1], then graded.
 */
import { formatNumber } from '../../shared/format-number.ts';
import { ThesisFactorCode } from './codes.ts';
import type { GradeCutoffs, ThesisRule } from './config.ts';
import type { ThesisAssessment, ThesisFactor, ThesisGrade } from './types.ts';
import type { VolumeReading } from './volume.ts';

export interface ThesisInput {
  readonly thesis: string | null;
  readonly volume: VolumeReading;
  readonly days_held: number;
  readonly entry_date: string;
  readonly unrealized_return_pct: number;
}

/**
 * Deltas are decimal tenths, but 0.5 + 0.2 + 0.1 is 0.7999999999999999 in
 * binary floating point and would miss the 0.8 cut-off the rule means.
 * Sums are rounded to nine decimals, far below any meaningful step.
 */
function roundStrength(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}

function mentions(thesis: string | null, keywords: readonly string[]): string | null {
  if (thesis === null) return null;
  const text = thesis.toLowerCase();
  return keywords.find((keyword) => text.includes(keyword.toLowerCase())) ?? null;
}

const fmt = formatNumber;

function volumeFactor(input: ThesisInput, rule: ThesisRule['volume']): ThesisFactor {
  const keyword = mentions(input.thesis, rule.keywords);
  if (keyword === null) {
    return {
      name: ThesisFactorCode.VOLUME_NOT_IN_THESIS,
      delta: 0,
      detail: 'the thesis does not rest on volume',
    };
  }
  const reading = input.volume;
  if (!reading.known) {
    return { name: ThesisFactorCode.VOLUME_UNKNOWN, delta: 0, detail: `volume unknown: ${reading.why}` };
  }
  const against =
    `volume ${fmt(reading.volume, 0)} is ${fmt(reading.ratio)}x its average of ${fmt(reading.average, 0)} ` +
    `over the ${reading.lookback} sessions ${reading.from} to ${reading.to} (${reading.sessions} with a bar)`;
  return reading.ratio >= rule.confirmRatio
    ? {
        name: ThesisFactorCode.VOLUME_CONFIRMED,
        delta: rule.confirmedDelta,
        detail: `${against}: the volume thesis holds`,
      }
    : {
        name: ThesisFactorCode.VOLUME_WEAKENING,
        delta: rule.weakeningDelta,
        detail: `${against}: the volume thesis weakens`,
      };
}

function catalystFactor(input: ThesisInput, rule: ThesisRule['catalyst']): ThesisFactor {
  if (mentions(input.thesis, rule.keywords) === null) {
    return {
      name: ThesisFactorCode.CATALYST_NOT_IN_THESIS,
      delta: 0,
      detail: 'the thesis names no catalyst',
    };
  }
  const held = `held ${input.days_held} days since ${input.entry_date}`;
  return input.days_held <= rule.windowDays
    ? {
        name: ThesisFactorCode.CATALYST_WINDOW,
        delta: rule.delta,
        detail: `${held}, inside the ${rule.windowDays}-day catalyst window`,
      }
    : {
        name: ThesisFactorCode.CATALYST_EXPIRED,
        delta: 0,
        detail: `${held}, past the ${rule.windowDays}-day catalyst window`,
      };
}

function drawdownFactor(input: ThesisInput, rule: ThesisRule['drawdown']): ThesisFactor {
  const dip = `${fmt(input.unrealized_return_pct)}% against the average entry`;
  return input.unrealized_return_pct > rule.limitPct
    ? {
        name: ThesisFactorCode.DRAWDOWN_CONTAINED,
        delta: rule.containedDelta,
        detail: `${dip}, better than ${rule.limitPct}%`,
      }
    : {
        name: ThesisFactorCode.DRAWDOWN_DEEP,
        delta: rule.deepDelta,
        detail: `${dip}, at or below ${rule.limitPct}%`,
      };
}

export function gradeOf(strength: number, cutoffs: GradeCutoffs): ThesisGrade {
  if (strength >= cutoffs.strong) return 'STRONG';
  if (strength >= cutoffs.moderate) return 'MODERATE';
  return 'WEAK';
}

export function assessThesis(input: ThesisInput, rule: ThesisRule, grades: GradeCutoffs): ThesisAssessment {
  const factors = [
    volumeFactor(input, rule.volume),
    catalystFactor(input, rule.catalyst),
    drawdownFactor(input, rule.drawdown),
  ];
  const sum = roundStrength(factors.reduce((total, f) => total + f.delta, rule.start));
  const strength = Math.min(1, Math.max(0, sum));
  return { strength, grade: gradeOf(strength, grades), factors };
}
