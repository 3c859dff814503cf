import type { AlertCandidate } from './alert.ts';
import { isSeverity } from './severity.ts';

/** Problems that make a candidate unusable, empty when it is fine. Callers dead-letter on any. */
export function candidateProblems(candidate: AlertCandidate): string[] {
  const problems: string[] = [];
  for (const field of ['type', 'component', 'title', 'dedup_key'] as const) {
    if (typeof candidate[field] !== 'string' || candidate[field].trim() === '') {
      problems.push(`${field} must be a non-empty string`);
    }
  }
  if (typeof candidate.message !== 'string') problems.push('message must be a string');
  if (!isSeverity(candidate.severity))
    problems.push(`severity ${String(candidate.severity)} is not a severity`);
  if (!Number.isSafeInteger(candidate.event_time)) {
    problems.push(`event_time ${String(candidate.event_time)} must be integer epoch milliseconds`);
  }
  if (typeof candidate.data !== 'object' || candidate.data === null) {
    problems.push('data must be a map of strings');
  } else {
    for (const [key, value] of Object.entries(candidate.data)) {
      if (typeof value !== 'string') problems.push(`data.${key} must be a string`);
    }
  }
  return problems;
}
