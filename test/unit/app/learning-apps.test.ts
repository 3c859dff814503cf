import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Kafka } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSettings, type Settings } from '../../../config/settings.ts';
import type { LearningCycle } from '../../../schemas/types.generated.ts';
import { learningTopicsFor } from '../../../streams/app/job-config.ts';
import { learningApps } from '../../../streams/app/learning-apps.ts';
import type { CoordinatorEnvelope } from '../../../streams/learning/envelope.ts';
import { runInMemory } from '../../../streams/runtime/test-driver.ts';
import { createMemoryRegistry } from '../../../streams/serde/registry-memory.ts';
import { createSerde } from '../../../streams/serde/serde.ts';
import { tick } from '../learning/support/coordinator-feed.ts';

// Nothing connects until start(): building the composition needs no broker.
const kafka = new Kafka({ brokers: ['127.0.0.1:1'] });
const serde = createSerde({ registry: createMemoryRegistry() });
const dir = mkdtempSync(path.join(tmpdir(), 'amc-learning-apps-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);

function settingsFrom(content: object): Settings {
  const file = path.join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(content));
  return loadSettings({ AMC_CONFIG: file });
}

/** The coordinator exactly as the job composes it from `settings`, fed in memory. */
function cyclesOf(settings: Settings, envelopes: readonly CoordinatorEnvelope[]): LearningCycle[] {
  const definitions = learningApps({ kafka, serde, settings, epochs: new Map() }).flatMap(
    (app) => app.definitions,
  );
  const coordinator = definitions.find(
    (d) => d.applicationId === `${settings.job.applicationId}-coordinator`,
  )!;
  const records = envelopes.map((value, i) => ({
    topic: coordinator.inputTopics[0]!,
    partition: 0,
    offset: String(i),
    timestamp: value.at,
    key: 'coordinator',
    value: value as unknown,
  }));
  const outputs = runInMemory(coordinator, records).outputs.get(0) ?? [];
  const topic = learningTopicsFor(settings.job).cycles;
  return outputs.filter((o) => o.topic === topic).map((o) => o.value as LearningCycle);
}

// Every six hours from Wednesday 4 March to Wednesday 18 March 2026 (New York moves to EDT on the 8th).
const TICKS = Array.from({ length: 57 }, (_, i) => tick(at('2026-03-04T00:00:00Z') + i * 6 * HOUR));

describe('the learning coordinator as the job composes it', () => {
  it('runs the default schedule without a file: Monday 07:00 New York, an hour of grace', () => {
    const cycles = cyclesOf(loadSettings({}), TICKS);
    expect(cycles.map((c) => [c.cycle_id, c.window_end, c.completed_at])).toEqual([
      ['weekly-2026-03-09', at('2026-03-09T11:00:00Z'), at('2026-03-09T12:00:00Z')],
      ['weekly-2026-03-16', at('2026-03-16T11:00:00Z'), at('2026-03-16T12:00:00Z')],
    ]);
  });

  it("runs the file's schedule and window: Wednesday 16:30 New York, no grace, 7 days", () => {
    const settings = settingsFrom({
      learning: { schedule: { weekday: 3, hour: 16, minute: 30, graceMs: 0 }, windowDays: 7 },
    });
    const cycles = cyclesOf(settings, TICKS);
    // 16:30 EST is 21:30 UTC on the 4th; 16:30 EDT is 20:30 UTC on the 11th; the 18th's is past the last tick.
    expect(cycles.map((c) => [c.cycle_id, c.window_start, c.window_end, c.completed_at])).toEqual([
      [
        'weekly-2026-03-04',
        at('2026-02-25T21:30:00Z'),
        at('2026-03-04T21:30:00Z'),
        at('2026-03-04T21:30:00Z'),
      ],
      [
        'weekly-2026-03-11',
        at('2026-03-04T21:30:00Z'),
        at('2026-03-11T20:30:00Z'),
        at('2026-03-11T20:30:00Z'),
      ],
    ]);
  });
});
