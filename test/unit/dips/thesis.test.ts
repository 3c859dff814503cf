import { describe, expect, it } from 'vitest';
import {
  assessThesis,
  DEFAULT_DIPS_CONFIG as config,
  createDipsConfig,
  gradeOf,
  type ThesisInput,
  type VolumeReading,
} from '../../../streams/dips/domain/index.ts';

const known = (ratio: number): VolumeReading => ({
  known: true,
  volume: ratio * 1_000_000,
  average: 1_000_000,
  ratio,
  sessions: 20,
  lookback: 20,
  from: '2026-03-02',
  to: '2026-03-27',
});
const unknown: VolumeReading = {
  known: false,
  sessions: 0,
  lookback: 20,
  why: 'no volume history in the 20 sessions before 2026-03-30',
};

function input(overrides: Partial<ThesisInput> = {}): ThesisInput {
  return {
    thesis: 'volume breakout ahead of a catalyst',
    volume: known(1.5),
    days_held: 28,
    entry_date: '2026-03-02',
    unrealized_return_pct: -16,
    ...overrides,
  };
}

const assess = (overrides: Partial<ThesisInput> = {}) =>
  assessThesis(input(overrides), config.thesis, config.grades);
const factor = (overrides: Partial<ThesisInput>, index: number) => assess(overrides).factors[index];

describe('thesis factors at their boundaries', () => {
  it('volume at exactly its average confirms a volume thesis (+0.2); just below weakens it (−0.1)', () => {
    expect(factor({ volume: known(1) }, 0)).toMatchObject({ name: 'volume_confirmed', delta: 0.2 });
    expect(factor({ volume: known(0.99) }, 0)).toMatchObject({ name: 'volume_weakening', delta: -0.1 });
  });

  it('says how many sessions the average covers', () => {
    expect(factor({ volume: known(1.5) }, 0)?.detail).toBe(
      'volume 1,500,000 is 1.5x its average of 1,000,000 over the 20 sessions 2026-03-02 to 2026-03-27 (20 with a bar): the volume thesis holds',
    );
  });

  it('reports the volume factor as unknown without history, adding nothing', () => {
    expect(factor({ volume: unknown }, 0)).toEqual({
      name: 'volume_unknown',
      delta: 0,
      detail: 'volume unknown: no volume history in the 20 sessions before 2026-03-30',
    });
  });

  it('weighs volume only for a thesis that rests on it', () => {
    expect(factor({ thesis: 'earnings catalyst', volume: known(3) }, 0)).toMatchObject({
      name: 'volume_not_in_thesis',
      delta: 0,
    });
    expect(factor({ thesis: null }, 0)?.name).toBe('volume_not_in_thesis');
  });

  it('counts a catalyst thesis up to 30 days held (+0.1), not on day 31', () => {
    expect(factor({ days_held: 30 }, 1)).toEqual({
      name: 'catalyst_window',
      delta: 0.1,
      detail: 'held 30 days since 2026-03-02, inside the 30-day catalyst window',
    });
    expect(factor({ days_held: 31 }, 1)).toMatchObject({ name: 'catalyst_expired', delta: 0 });
    expect(factor({ thesis: 'Volume spike' }, 1)).toMatchObject({ name: 'catalyst_not_in_thesis', delta: 0 });
  });

  it('calls a drawdown better than −20% contained (+0.1), and −20% itself deep (−0.2)', () => {
    expect(factor({ unrealized_return_pct: -19.99 }, 2)).toMatchObject({
      name: 'drawdown_contained',
      delta: 0.1,
    });
    expect(factor({ unrealized_return_pct: -20 }, 2)).toEqual({
      name: 'drawdown_deep',
      delta: -0.2,
      detail: '-20% against the average entry, at or below -20%',
    });
  });
});

describe('thesis strength and grade', () => {
  it.each([
    ['all three hold', {}, 0.9, 'STRONG'],
    // 0.5 + 0.2 + 0.1 is 0.7999999999999999 in floating point: still STRONG.
    ['volume and drawdown, no catalyst', { thesis: 'volume breakout' }, 0.8, 'STRONG'],
    ['catalyst and drawdown, volume unknown', { volume: unknown }, 0.7, 'MODERATE'],
    ['drawdown only', { thesis: 'momentum' }, 0.6, 'MODERATE'],
    ['volume weakening, deep drawdown', { volume: known(0.5), unrealized_return_pct: -30 }, 0.3, 'WEAK'],
  ] as const)('%s: %d, %s', (_, overrides, strength, grade) => {
    const thesis = assess(overrides);
    expect(thesis.strength).toBe(strength);
    expect(thesis.grade).toBe(grade);
    expect(thesis.factors.map((f) => f.name.split('_')[0])).toEqual(['volume', 'catalyst', 'drawdown']);
  });

  it('clamps to [0, 1]', () => {
    const high = createDipsConfig({ thesis: { start: 0.95 } });
    expect(assessThesis(input(), high.thesis, high.grades).strength).toBe(1);
    const low = createDipsConfig({ thesis: { start: 0.1 } });
    expect(
      assessThesis(input({ volume: known(0.1), unrealized_return_pct: -40 }), low.thesis, low.grades)
        .strength,
    ).toBe(0);
  });

  it.each([
    [0.8, 'STRONG'],
    [0.7999, 'MODERATE'],
    [0.6, 'MODERATE'],
    [0.5999, 'WEAK'],
    [0, 'WEAK'],
  ] as const)('grades %d as %s', (strength, grade) => {
    expect(gradeOf(strength, config.grades)).toBe(grade);
  });
});
