// scanner_weights.json, the V3 scanner's points per factor level, as a run's
// parameters: nested maps flattened to 'factor.level', top-level numbers kept
// by name. The file carries no effective time; its newest history entry (or
// last_updated) is the day from which it is taken to be in force.
import { isIsoDate } from '../../streams/tracker/domain/index.ts';
import { isObject } from './fields.ts';

export interface ScannerWeights {
  readonly parameters: Readonly<Record<string, number>>;
  readonly version: string | null;
  /** ISO date from which these weights are taken to be in force, when the file says. */
  readonly inForceFrom: string | null;
}

export type WeightsParse =
  | { readonly ok: true; readonly weights: ScannerWeights }
  | { readonly ok: false; readonly message: string };

export function parseScannerWeights(text: string): WeightsParse {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `not JSON: ${(error as Error).message}` };
  }
  if (!isObject(json)) return { ok: false, message: 'not a scanner weights object' };
  const parameters: Record<string, number> = {};
  for (const [factor, value] of Object.entries(json)) {
    if (typeof value === 'number' && Number.isFinite(value)) parameters[factor] = value;
    else if (isObject(value)) {
      for (const [level, points] of Object.entries(value)) {
        if (typeof points === 'number' && Number.isFinite(points)) parameters[`${factor}.${level}`] = points;
      }
    }
  }
  if (Object.keys(parameters).length === 0) return { ok: false, message: 'no factor weights in it' };
  const history = Array.isArray(json.update_history) ? json.update_history : [];
  const historyDates = history
    .map((entry) => (isObject(entry) ? entry.date : undefined))
    .filter((date): date is string => isIsoDate(date));
  const inForceFrom =
    historyDates.sort().at(-1) ?? (isIsoDate(json.last_updated) ? (json.last_updated as string) : null);
  return {
    ok: true,
    weights: {
      parameters,
      version: typeof json.version === 'string' ? json.version : null,
      inForceFrom,
    },
  };
}

/** The weights' parameters when they were in force on the scan's date, else none. */
export function parametersFor(weights: ScannerWeights | undefined, scanDate: string): Record<string, number> {
  if (!weights) return {};
  if (weights.inForceFrom !== null && scanDate < weights.inForceFrom) return {};
  return { ...weights.parameters };
}

export function weightsNotice(weights: ScannerWeights, runId: string, scanDate: string): string | undefined {
  return weights.inForceFrom !== null && scanDate < weights.inForceFrom
    ? `${runId}: scanned ${scanDate}, before the weights (${weights.version ?? 'unversioned'}) came into force on ${weights.inForceFrom}: published without parameters`
    : undefined;
}
