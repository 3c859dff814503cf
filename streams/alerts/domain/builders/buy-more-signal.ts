import type { AlertCandidate } from '../alert.ts';
import { AlertComponent } from '../alert.ts';
import { AlertType } from '../alert-type.ts';
import type { BuyMoreSignalRule } from '../config.ts';
import { InvalidAlertInputError } from '../errors.ts';
import { Severity } from '../severity.ts';
import { severityFromLadder } from '../severity-ladder.ts';
import { dedupKeyFor } from './dedup-key.ts';
import { formatPrice, formatSignedPct } from './format.ts';

/** The fields of a dip analysis that the alert needs. */
export interface BuyMoreSignalInput {
  /** `<symbol>:<session_date>`: one signal per holding and bar. */
  readonly analysis_id: string;
  readonly symbol: string;
  readonly session_date: string;
  readonly action: 'BUY_MORE' | 'HOLD';
  readonly thesis_strength: number;
  readonly thesis_grade: string;
  readonly unrealized_return_pct: number;
  readonly current_price: number;
  /** Money to add after the position cap; 0 when the cap is already reached. */
  readonly suggested_amount: number;
  readonly suggested_shares: number;
  readonly stop_loss: number;
  readonly take_profit_1: number;
  readonly event_time: number;
}

/**
 * A candidate for a BUY_MORE with something to add; null for a HOLD, or when
 * the position cap leaves nothing to buy (the analysis record says so).
 */
export function buildBuyMoreSignalAlert(
  input: BuyMoreSignalInput,
  rule: BuyMoreSignalRule,
): AlertCandidate | null {
  if (input.action !== 'BUY_MORE' || input.suggested_amount <= 0) return null;
  if (!Number.isFinite(input.thesis_strength)) {
    throw new InvalidAlertInputError([`thesis_strength of ${input.analysis_id} is ${input.thesis_strength}`]);
  }
  const severity = severityFromLadder(input.thesis_strength, [
    { at_least: Number.NEGATIVE_INFINITY, severity: Severity.INFO },
    { at_least: rule.warning_from_strength, severity: Severity.WARNING },
    { at_least: rule.high_from_strength, severity: Severity.HIGH },
  ]);
  const dip = formatSignedPct(input.unrealized_return_pct);
  const amount = formatPrice(input.suggested_amount);
  return {
    type: AlertType.BUY_MORE_SIGNAL,
    severity: severity ?? Severity.INFO,
    component: AlertComponent.BUY_THE_DIP_VALIDATOR,
    title: `Buy more ${input.symbol}: ${input.thesis_grade} thesis at ${dip}`,
    message:
      `${input.symbol} closed at ${formatPrice(input.current_price)} on ${input.session_date}, ${dip} against ` +
      `its entry; the thesis is ${input.thesis_grade} (${input.thesis_strength.toFixed(2)}). Suggested add: ` +
      `${amount} (${input.suggested_shares.toFixed(2)} shares), stop ${formatPrice(input.stop_loss)}, ` +
      `first take-profit ${formatPrice(input.take_profit_1)}.`,
    data: {
      analysis_id: input.analysis_id,
      symbol: input.symbol,
      session_date: input.session_date,
      thesis_strength: String(input.thesis_strength),
      unrealized_return_pct: String(input.unrealized_return_pct),
      suggested_amount: String(input.suggested_amount),
      suggested_shares: String(input.suggested_shares),
    },
    dedup_key: dedupKeyFor(AlertType.BUY_MORE_SIGNAL, input.analysis_id),
    event_time: input.event_time,
  };
}
