import { createHash } from 'node:crypto';

/**
 * Alert ids are a function of the dedup key, the event time of the alert's
 * first occurrence and the key's episode number, so replaying the same input
 * yields the same ids. The episode number keeps ids apart when a new alert for
 * a key starts at the same event time as the previous one (an escalation right
 * after an acknowledgement).
 */
export function deriveAlertId(dedupKey: string, firstOccurrenceAt: number, episode: number): string {
  // The last two fields are numbers, which never contain the separator, so the
  // material splits back unambiguously from the right: distinct inputs never share it.
  const material = `${dedupKey}\u0000${firstOccurrenceAt}\u0000${episode}`;
  return createHash('sha256').update(material, 'utf8').digest('hex').slice(0, 32);
}
