import { describe, expect, it } from 'vitest';
import {
  AlertType,
  applyAck,
  buildAlertCandidate,
  createAlertsConfig,
  type DedupKeyState,
  decideAlert,
} from '../../../streams/alerts/domain/index.ts';

describe('alerts domain entry point', () => {
  it('takes an unhealthy run from health result to acknowledged alert', () => {
    const config = createAlertsConfig();
    const candidate = buildAlertCandidate(
      AlertType.PIPELINE_UNHEALTHY,
      { run_id: 'run-9', health: 0.2, reasons: ['candidates 1 below min 5'], event_time: 1_000 },
      config,
    );
    if (candidate === null) throw new Error('expected an alert for a breached run');

    const first = decideAlert({ candidate, key_state: null, type_state: null, config });
    expect(first.decision).toMatchObject({
      kind: 'EMIT',
      alert: { severity: 'CRITICAL', requires_ack: true },
    });

    const redelivered = decideAlert({
      candidate,
      key_state: first.key_state,
      type_state: first.type_state,
      config,
    });
    expect(redelivered.decision.kind).toBe('SUPPRESS');

    const acked = applyAck(
      redelivered.key_state as DedupKeyState,
      { target: { dedup_key: 'pipeline_unhealthy:run-9' }, by: 'ops', at: 2_000 },
      config,
    );
    expect(acked.decision).toMatchObject({
      kind: 'ACKNOWLEDGED',
      alert: { occurrences: 2, acknowledged: true },
    });
  });
});
