import { errors } from './errors.ts';

/** A version as a URL names it: a number, or the latest live one. */
export type VersionRef = number | 'latest';

const MAX_VERSION = 2 ** 31 - 1;

/** `latest` and `-1` mean the latest version, as in Confluent's API; anything else must be 1..2^31-1. */
export function parseVersionRef(raw: string): VersionRef {
  if (raw === 'latest' || raw === '-1') return 'latest';
  if (/^[0-9]+$/.test(raw)) {
    const version = Number(raw);
    if (version >= 1 && version <= MAX_VERSION) return version;
  }
  throw errors.invalidVersion(raw);
}
