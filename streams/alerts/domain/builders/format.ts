/** Human-facing numbers in titles and messages; data keeps the raw values. */
export function formatSignedPct(value: number): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(1)}%`;
}

export function formatPrice(value: number): string {
  return value.toFixed(2);
}
