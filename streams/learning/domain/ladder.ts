/**
 * A threshold keeps the picks whose attribute is at least its value. Sorted
 * by attribute, highest first, the picks a threshold keeps are a prefix, so
 * every candidate value of a grid is evaluated from one pass of prefix sums,
 * on the sample and on each resample alike.
 */
export interface ThresholdLadder {
  /** Sample indices of the picks that carry the attribute, highest attribute first. */
  readonly order: Int32Array;
  /** Their attributes, in the same order. */
  readonly attributes: Float64Array;
  /** How many picks a threshold keeps (a prefix of `order`); null keeps every pick. */
  keptBy(threshold: number | null): number;
}

/** The ladder of one attribute; picks without it (null) take no part. */
export function buildLadder(values: readonly (number | null)[]): ThresholdLadder {
  const carrying = values.flatMap((value, index) => (value === null ? [] : [index]));
  carrying.sort((i, j) => values[j]! - values[i]! || i - j);
  const order = Int32Array.from(carrying);
  const attributes = Float64Array.from(carrying, (i) => values[i]!);
  return {
    order,
    attributes,
    keptBy(threshold) {
      if (threshold === null) return order.length;
      // Binary search for the first attribute below the threshold.
      let low = 0;
      let high = attributes.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (attributes[middle]! >= threshold) low = middle + 1;
        else high = middle;
      }
      return low;
    },
  };
}

/** Weighted prefix sums along a ladder: entry k covers the first k picks (`into` is reused when given). */
export interface PrefixSums {
  readonly weight: Float64Array;
  readonly weightedReturn: Float64Array;
}

export function prefixSums(
  ladder: ThresholdLadder,
  returns: ArrayLike<number>,
  weights: ArrayLike<number> | null,
  upTo: number = ladder.order.length,
  into: PrefixSums = { weight: new Float64Array(upTo + 1), weightedReturn: new Float64Array(upTo + 1) },
): PrefixSums {
  const { weight, weightedReturn } = into;
  weight[0] = 0;
  weightedReturn[0] = 0;
  for (let k = 0; k < upTo; k++) {
    const index = ladder.order[k]!;
    const w = weights === null ? 1 : weights[index]!;
    weight[k + 1] = weight[k]! + w;
    weightedReturn[k + 1] = weightedReturn[k]! + w * returns[index]!;
  }
  return into;
}

/** Mean return of the first `kept` picks; NaN when they carry no weight. */
export function prefixMean(sums: PrefixSums, kept: number): number {
  const weight = sums.weight[kept]!;
  return weight > 0 ? sums.weightedReturn[kept]! / weight : Number.NaN;
}
