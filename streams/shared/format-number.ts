/**
 * Numbers for people: thousands separated, at most `maxDigits` decimals,
 * the same on every machine (en-US). Formatters are built once per digit
 * count: building an Intl.NumberFormat costs far more than using one, and
 * records with reasons in words format numbers on every input.
 */
const formatters = new Map<number, Intl.NumberFormat>();

export function formatNumber(value: number, maxDigits = 2): string {
  let format = formatters.get(maxDigits);
  if (format === undefined) {
    format = new Intl.NumberFormat('en-US', { maximumFractionDigits: maxDigits, useGrouping: true });
    formatters.set(maxDigits, format);
  }
  return format.format(value);
}
