/** Percent change from the discovery price: (price − discovery) / discovery × 100. */
export function returnPct(price: number, discoveryPrice: number): number {
  return ((price - discoveryPrice) / discoveryPrice) * 100;
}
