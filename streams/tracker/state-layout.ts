/**
 * How the tracker lays its state out in its stores (streams/tracker/bar-history.ts:
 * bars rolled up per symbol and session). Part of the state's identity
 * (config/identity.ts): a state written in another layout is refused at start
 * rather than misread; `--reset-state` rebuilds it from the inputs.
 */
export const TRACKER_STATE_LAYOUT = 'session-rollups-v2';
