/**
 * The part of the configuration that is a processor's identity: the settings
 * that decide the answers already held in its state. Changing one of them on
 * existing state would mix outcomes computed under two sets of rules in one
 * store, so the job refuses to start until the operator says to rebuild.
 */
import { TRACKER_STATE_LAYOUT } from '../streams/tracker/state-layout.ts';
import type { Settings } from './settings.ts';

export interface ProcessorIdentity {
  /** The processor's application id (its consumer group). */
  readonly processor: string;
  /** The answer-deciding settings, by configuration path. */
  readonly settings: Readonly<Record<string, unknown>>;
}

/**
 * The identities of the job's stateful processors whose answers depend on
 * rules. The monitor has none: its state is the recent runs' measures, which
 * no setting decides; changed limits or baseline settings apply from the
 * next run on.
 *
 * The learning coordinator has none either, deliberately. Its state holds
 * facts as they arrived (the window's records), the values in force and the
 * proposals pending; no learning setting decides any of them. Its rules
 * decide only cycles still to run, and a cycle already written is history
 * that no later cycle restates, so a changed rule cannot make old and new
 * answers meet in one store: it applies from the next cycle on. A longer
 * window fills as records arrive, as it does after a first start, and each
 * cycle reports the sample it stood on. A changed schedule fires the cycle
 * already due at its old time, then follows the new one, never giving two
 * cycles one id (the coordinator's own rule). Refusing would also send the
 * operator to --reset-state, which for the coordinator would re-run every
 * past cycle and write the parameter history a second time: a remedy worse
 * than the change.
 */
export function identitiesOf(settings: Settings): ProcessorIdentity[] {
  const { tracker, calendarSettings, dips } = settings;
  const calendar = {
    'calendar.timeZone': calendarSettings.timeZone,
    'calendar.holidays': calendarSettings.holidays,
    'calendar.extraClosures': calendarSettings.extraClosures,
  };
  return [
    {
      processor: `${settings.job.applicationId}-tracker`,
      settings: {
        'tracker.basis': tracker.basis,
        'tracker.checkpoints': tracker.checkpoints,
        'tracker.categoryCutoffs': tracker.categoryCutoffs,
        'tracker.missingGraceSessions': tracker.missingGraceSessions,
        'tracker.boughtWindowDays': tracker.boughtWindowDays,
        'tracker.missedOpportunityReturnPct': tracker.missedOpportunityReturnPct,
        'tracker.missedOpportunityHighReturnPct': tracker.missedOpportunityHighReturnPct,
        ...calendar,
        // Not a setting: the stores' layout, so state written in an older one is never misread.
        'tracker.stateLayout': TRACKER_STATE_LAYOUT,
      },
    },
    {
      // Every published analysis is decided by these: all of the validator's rules.
      processor: `${settings.job.applicationId}-dips`,
      settings: {
        ...Object.fromEntries(Object.entries(dips).map(([k, v]) => [`dips.${k}`, v])),
        ...calendar,
      },
    },
  ];
}

/** Each setting that differs, as `path: old → new`; empty when the two agree. */
export function identityChanges(
  stored: Readonly<Record<string, unknown>>,
  current: Readonly<Record<string, unknown>>,
): string[] {
  const paths = [...new Set([...Object.keys(stored), ...Object.keys(current)])].sort();
  return paths
    .filter((path) => JSON.stringify(stored[path]) !== JSON.stringify(current[path]))
    .map(
      (path) =>
        `${path}: ${JSON.stringify(stored[path]) ?? '(unset)'} → ${JSON.stringify(current[path]) ?? '(unset)'}`,
    );
}
