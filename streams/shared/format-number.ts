/** A number as people write it: at most six decimals and no float noise (0.65, not 0.6500000000000001). */
export function formatNumber(value: number): string {
  return String(Number(value.toFixed(6)));
}
