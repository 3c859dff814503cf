/**
 * What the performance queries must answer, computed directly from the rows
 * inserted, in plain TypeScript: the latest version of each recommendation,
 * Spearman's coefficient from mean ranks, score quintiles.
 */
import type { Row } from '../../sinks/writer/contract.ts';
import type { Dataset } from './analyst-dataset.ts';

export interface Settled {
  readonly week: string;
  readonly composite: number;
  readonly vigl: number;
  readonly return30: number;
  readonly success: number | null;
}

/** The latest version of each tracking id (the highest version; copies are equal). */
export function latestVersions(rows: readonly Row[]): Map<string, Row> {
  const latest = new Map<string, Row>();
  for (const row of rows) {
    const held = latest.get(String(row.tracking_id));
    if (!held || Number(row.version) > Number(held.version)) latest.set(String(row.tracking_id), row);
  }
  return latest;
}

/** Monday of the UTC week of a `YYYY-MM-DD hh:mm:ss` instant. */
export function mondayOf(dateTime: string): string {
  const day = new Date(`${dateTime.replace(' ', 'T')}Z`);
  const monday = new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * 86_400_000);
  return monday.toISOString().slice(0, 10);
}

export function settledRecommendations(dataset: Dataset): Settled[] {
  const candidates = new Map(
    (dataset.get('discovery_candidates') ?? []).map((c) => [String(c.tracking_id), c]),
  );
  return [...latestVersions(dataset.get('recommendation_tracking') ?? []).values()]
    .filter((r) => r.is_final === 1 && r.return_30d !== null && candidates.has(String(r.tracking_id)))
    .map((r) => {
      const candidate = candidates.get(String(r.tracking_id))!;
      return {
        week: mondayOf(String(r.discovered_at)),
        composite: Number(candidate.composite_score),
        vigl: Number(candidate.vigl_score),
        return30: Number(r.return_30d),
        success: r.success as number | null,
      };
    });
}

/** Ranks 1..n, ties sharing the mean of their positions. */
export function meanRanks(values: readonly number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  return values.map((v) => (sorted.indexOf(v) + 1 + sorted.lastIndexOf(v) + 1) / 2);
}

export function spearman(xs: readonly number[], ys: readonly number[]): number | null {
  const rx = meanRanks(xs);
  const ry = meanRanks(ys);
  const mean = (xs.length + 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  rx.forEach((x, i) => {
    sxy += (x - mean) * (ry[i]! - mean);
    sxx += (x - mean) ** 2;
    syy += (ry[i]! - mean) ** 2;
  });
  return xs.length < 3 || sxx === 0 || syy === 0 ? null : sxy / Math.sqrt(sxx * syy);
}

export function byWeek(settled: readonly Settled[]): Map<string, Settled[]> {
  const weeks = new Map<string, Settled[]>();
  for (const s of settled) weeks.set(s.week, [...(weeks.get(s.week) ?? []), s]);
  return new Map([...weeks].sort(([a], [b]) => a.localeCompare(b)));
}

/** Quintile of each settled recommendation: from the first position of its score among all scores. */
export function quintiles(settled: readonly Settled[]): Map<number, number[]> {
  const sorted = settled.map((s) => s.composite).sort((a, b) => a - b);
  const groups = new Map<number, number[]>();
  for (const s of settled) {
    const q = Math.floor((sorted.indexOf(s.composite) * 5) / sorted.length) + 1;
    groups.set(q, [...(groups.get(q) ?? []), s.return30]);
  }
  return new Map([...groups].sort(([a], [b]) => a - b));
}
