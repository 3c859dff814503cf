import type { ParameterAttribute } from './config.ts';

/** A recommendation whose 30-day outcome is settled with a return: one observation for the evidence. */
export interface SettledPick {
  readonly tracking_id: string;
  readonly symbol: string;
  readonly composite_score: number;
  readonly vigl_score: number;
  readonly factors: Readonly<Record<string, number>>;
  /** Percent. */
  readonly return_30d: number;
  readonly explosive: boolean;
}

/** The value a threshold parameter compares against; null when the pick does not carry it. */
export function attributeOf(pick: SettledPick, attribute: ParameterAttribute): number | null {
  switch (attribute.kind) {
    case 'composite_score':
      return pick.composite_score;
    case 'vigl_score':
      return pick.vigl_score;
    case 'factor':
      for (const name of attribute.factors) {
        const value = pick.factors[name];
        if (typeof value === 'number' && Number.isFinite(value)) return value;
      }
      return null;
  }
}

/** How a rationale names the attribute. */
export function attributeLabel(attribute: ParameterAttribute): string {
  return attribute.kind === 'factor' ? `a ${attribute.factors.join(' or ')} factor` : `a ${attribute.kind}`;
}
