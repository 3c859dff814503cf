import { EVENT_TIME } from '../../schemas/event-time.ts';
import type { MarketBar, PositionSnapshot, Recommendation } from '../../schemas/types.generated.ts';

/** What the by-symbol repartition topic carries: each input tagged with its kind. */
export type SymbolEnvelope =
  | { readonly kind: 'bar'; readonly bar: MarketBar }
  | { readonly kind: 'position'; readonly position: PositionSnapshot }
  | { readonly kind: 'recommendation'; readonly recommendation: Recommendation };

export function envelopeOf(kind: SymbolEnvelope['kind'], value: unknown): SymbolEnvelope {
  switch (kind) {
    case 'bar':
      return { kind, bar: value as MarketBar };
    case 'position':
      return { kind, position: value as PositionSnapshot };
    case 'recommendation':
      return { kind, recommendation: value as Recommendation };
  }
}

export const symbolOf = (envelope: SymbolEnvelope): string => {
  switch (envelope.kind) {
    case 'bar':
      return envelope.bar.symbol;
    case 'position':
      return envelope.position.symbol;
    case 'recommendation':
      return envelope.recommendation.symbol;
  }
};

/** Event time of an envelope: its record's, by the record's own contract. */
export const envelopeEventTime = (envelope: SymbolEnvelope): number => {
  switch (envelope.kind) {
    case 'bar':
      return EVENT_TIME['amc.market.bars.v1'](envelope.bar);
    case 'position':
      return EVENT_TIME['amc.portfolio.positions.v1'](envelope.position);
    case 'recommendation':
      return EVENT_TIME['amc.learning.recommendations.v1'](envelope.recommendation);
  }
};
