import { describe, expect, it } from 'vitest';
import { DEFAULT_DIPS_CONFIG, dailyBarsBySession, readVolume } from '../../../streams/dips/domain/index.ts';
import { NYSE_CALENDAR } from '../../../streams/tracker/domain/index.ts';
import { ANALYSED, bar, history, MARCH } from './support.ts';

const rule = DEFAULT_DIPS_CONFIG.thesis.volume;
const read = (bars: ReturnType<typeof history>, volume = 1_500_000) =>
  readVolume(
    bar(ANALYSED, 42, volume),
    ANALYSED,
    dailyBarsBySession('DIP', bars, NYSE_CALENDAR),
    rule,
    NYSE_CALENDAR,
  );

describe('volume against the holding’s own 20-session average', () => {
  it('averages the 20 sessions before the analysed one', () => {
    expect(read(history())).toEqual({
      known: true,
      volume: 1_500_000,
      average: 1_000_000,
      ratio: 1.5,
      sessions: 20,
      lookback: 20,
      from: '2026-03-02',
      to: '2026-03-27',
    });
  });

  it('leaves a session without a bar out of the average instead of counting it as zero', () => {
    const bars = history().filter((b) => b.timestamp !== history()[5]!.timestamp);
    bars[0] = bar(MARCH[0]!, 50, 2_900_000); // 2.9M + 18 × 1M over 19 sessions = 1.1M
    const reading = read(bars, 1_100_000);
    expect(reading).toMatchObject({ known: true, sessions: 19, average: 1_100_000, ratio: 1 });
  });

  it('ignores bars outside the lookback and of the session itself', () => {
    const bars = [bar('2026-02-26', 50, 90_000_000), ...history(), bar(ANALYSED, 42, 77)];
    expect(read(bars)).toMatchObject({ average: 1_000_000, sessions: 20 });
  });

  it('is unknown with no history, with too little, or when nothing traded', () => {
    expect(read([])).toEqual({
      known: false,
      sessions: 0,
      lookback: 20,
      why: 'no volume history in the 20 sessions before 2026-03-30',
    });
    expect(read(history().slice(-4))).toMatchObject({
      known: false,
      why: 'only 4 of the 20 sessions before 2026-03-30 have a bar (5 needed)',
    });
    expect(read(history(0))).toMatchObject({
      known: false,
      why: 'no shares traded in the 20 sessions before 2026-03-30',
    });
  });
});
