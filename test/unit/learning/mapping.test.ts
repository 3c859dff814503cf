import { describe, expect, it } from 'vitest';
import { envelopeOf, outcomeFact } from '../../../streams/learning/mapping.ts';
import { SAMPLES } from '../../fixtures/avro/samples.ts';

const sample = SAMPLES['amc.learning.recommendation-outcomes.v1'];
const checkpoint = sample.checkpoints[0]!;

describe('an outcome as the coordinator keeps it', () => {
  it('a final outcome is settled at the midnight ending its day-30 session, New York time (EDT here)', () => {
    const final = {
      ...sample,
      final: true,
      checkpoints: [
        {
          ...checkpoint,
          days: 30,
          session_date: '2026-03-13',
          status: 'REACHED' as const,
          price: 12,
          return_pct: 20,
        },
      ],
    };
    expect(outcomeFact(final, 'America/New_York')).toMatchObject({
      final: true,
      return_30d: 20,
      settled_at: Date.parse('2026-03-14T04:00:00Z'),
    });
  });

  it('in winter the same midnight is 05:00 UTC; an outcome not yet final has none, nor a return unless reached', () => {
    const winter = {
      ...sample,
      final: true,
      checkpoints: [
        {
          ...checkpoint,
          days: 30,
          session_date: '2026-02-13',
          status: 'MISSING' as const,
          price: null,
          return_pct: null,
        },
      ],
    };
    expect(outcomeFact(winter, 'America/New_York')).toMatchObject({
      return_30d: null,
      settled_at: Date.parse('2026-02-14T05:00:00Z'),
    });
    expect(outcomeFact({ ...sample, final: false }, 'America/New_York').settled_at).toBeNull();
  });
});

describe('the event time of an outcome on the coordinator topic', () => {
  const final = {
    ...sample,
    final: true,
    as_of: Date.parse('2026-03-24T14:30:00Z'),
    checkpoints: [
      {
        ...checkpoint,
        days: 30,
        session_date: '2026-03-13',
        status: 'REACHED' as const,
        price: 12,
        return_pct: 20,
      },
    ],
  };

  it('is when it settled, for an outcome stamped with a later bar (a backfill)', () => {
    expect(envelopeOf('outcome', final, final.as_of, 'America/New_York').at).toBe(
      Date.parse('2026-03-14T04:00:00Z'),
    );
  });

  it('is its own time when that is earlier (live: the day-30 bar), and for an outcome not final', () => {
    const live = { ...final, as_of: Date.parse('2026-03-13T14:30:00Z') };
    expect(envelopeOf('outcome', live, live.as_of, 'America/New_York').at).toBe(live.as_of);
    expect(envelopeOf('outcome', { ...final, final: false }, final.as_of, 'America/New_York').at).toBe(
      final.as_of,
    );
  });
});
