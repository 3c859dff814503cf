import { fieldEventTime, jsonCodec } from '../runtime/json-codec.ts';
import type {
  InputRecord,
  JsonValue,
  ProcessorContext,
  ProcessorDefinition,
  Timer,
} from '../runtime/types.ts';

/**
 * The runtime's reference processor: a running count per key, and per key a
 * tumbling event-time window count emitted by a timer when the window closes
 * (its end plus the grace period). Small, but it has state, timers and late
 * data, which is everything the exactly-once and restore tests need to see.
 */
export interface CountProcessorOptions {
  readonly applicationId: string;
  readonly inputTopic: string;
  readonly outputTopic: string;
  readonly windowMs: number;
  readonly graceMs: number;
  readonly lateRecordPolicy?: 'process' | 'dead-letter';
}

export type CountOutput =
  | { readonly kind: 'count'; readonly key: string; readonly count: number; readonly offset: string }
  | { readonly kind: 'window'; readonly key: string; readonly windowStart: number; readonly count: number };

interface WindowTimer {
  readonly key: string;
  readonly windowStart: number;
}

/** The reference processor's input is JSON whose `at` field holds the event time (epoch ms). */
export const referenceCodec = jsonCodec(fieldEventTime('at'));

export function countProcessor(options: CountProcessorOptions): ProcessorDefinition<unknown> {
  const { windowMs, graceMs, outputTopic } = options;
  return {
    applicationId: options.applicationId,
    inputTopics: [options.inputTopic],
    stores: ['counts', 'windows'],
    graceMs,
    lateRecordPolicy: options.lateRecordPolicy ?? 'dead-letter',
    process(record: InputRecord<unknown>, ctx: ProcessorContext) {
      if (record.key === null) {
        ctx.reject('EMPTY_KEY', 'the reference processor counts by key');
        return;
      }
      const counts = ctx.store<number>('counts');
      const count = (counts.get(record.key) ?? 0) + 1;
      counts.put(record.key, count);
      const out: CountOutput = { kind: 'count', key: record.key, count, offset: record.offset };
      ctx.send({ topic: outputTopic, key: record.key, value: out, timestamp: record.timestamp });

      const windowStart = Math.floor(record.timestamp / windowMs) * windowMs;
      const windowId = `${record.key}@${windowStart}`;
      const windows = ctx.store<number>('windows');
      windows.put(windowId, (windows.get(windowId) ?? 0) + 1);
      const payload: WindowTimer = { key: record.key, windowStart };
      ctx.schedule({
        id: windowId,
        at: windowStart + windowMs + graceMs,
        payload: payload as unknown as JsonValue,
      });
    },
    onTimer(timer: Timer, ctx: ProcessorContext) {
      const { key, windowStart } = timer.payload as unknown as WindowTimer;
      const windows = ctx.store<number>('windows');
      const count = windows.get(timer.id) ?? 0;
      windows.delete(timer.id);
      const out: CountOutput = { kind: 'window', key, windowStart, count };
      ctx.send({ topic: outputTopic, key, value: out, timestamp: windowStart + windowMs });
    },
  };
}
