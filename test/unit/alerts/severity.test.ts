import { describe, expect, it } from 'vitest';
import {
  compareSeverity,
  isAtLeastSeverity,
  isHigherSeverity,
  isSeverity,
  maxSeverity,
  requiresAck,
  SEVERITIES_ASCENDING,
  Severity,
} from '../../../streams/alerts/domain/severity.ts';

describe('severity', () => {
  it('orders INFO < WARNING < HIGH < CRITICAL < EMERGENCY', () => {
    expect(SEVERITIES_ASCENDING).toEqual(['INFO', 'WARNING', 'HIGH', 'CRITICAL', 'EMERGENCY']);
    const shuffled = [Severity.CRITICAL, Severity.INFO, Severity.EMERGENCY, Severity.WARNING, Severity.HIGH];
    expect([...shuffled].sort(compareSeverity)).toEqual(SEVERITIES_ASCENDING);
  });

  it('compares by rank, not by name', () => {
    // Alphabetically CRITICAL < HIGH; by severity it is the other way round.
    expect(isHigherSeverity(Severity.CRITICAL, Severity.HIGH)).toBe(true);
    expect(isHigherSeverity(Severity.HIGH, Severity.HIGH)).toBe(false);
    expect(isAtLeastSeverity(Severity.HIGH, Severity.HIGH)).toBe(true);
    expect(isAtLeastSeverity(Severity.WARNING, Severity.HIGH)).toBe(false);
    expect(compareSeverity(Severity.INFO, Severity.EMERGENCY)).toBeLessThan(0);
    expect(compareSeverity(Severity.WARNING, Severity.WARNING)).toBe(0);
  });

  it('takes the higher of two', () => {
    expect(maxSeverity(Severity.WARNING, Severity.CRITICAL)).toBe(Severity.CRITICAL);
    expect(maxSeverity(Severity.EMERGENCY, Severity.INFO)).toBe(Severity.EMERGENCY);
  });

  it('requires acknowledgement from CRITICAL up', () => {
    expect(SEVERITIES_ASCENDING.filter(requiresAck)).toEqual(['CRITICAL', 'EMERGENCY']);
  });

  it('recognises only the five names', () => {
    expect(SEVERITIES_ASCENDING.every(isSeverity)).toBe(true);
    expect(isSeverity('critical')).toBe(false);
    expect(isSeverity('FATAL')).toBe(false);
    expect(isSeverity(3)).toBe(false);
  });
});
