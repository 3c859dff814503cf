import { Kafka } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_AGENT_TOPICS, prefixTopics } from '../../../streams/app/agent-topics.ts';
import { agentsApp } from '../../../streams/app/agents-app.ts';
import { createMemoryRegistry } from '../../../streams/serde/registry-memory.ts';
import { createSerde } from '../../../streams/serde/serde.ts';

// Nothing connects until start(): building the composition needs no broker.
const kafka = new Kafka({ brokers: ['127.0.0.1:1'] });
const serde = createSerde({ registry: createMemoryRegistry() });

function ids(monitor: boolean, dips: boolean, shared = { bySymbol: false, alertGate: false }) {
  const app = agentsApp({
    kafka,
    serde,
    topics: prefixTopics(DEFAULT_AGENT_TOPICS, 'env.'),
    applicationPrefix: 'app',
    partitions: 3,
    monitor,
    dips,
    shared,
    alertsEnabled: true,
  });
  return app.runtimes.map((r) => r.applicationId);
}

describe('the agents composition', () => {
  it('runs each agent behind its own switch', () => {
    expect(ids(true, true)).toEqual(['app-monitor-runs', 'app-monitor', 'app-dips']);
    expect(ids(true, false)).toEqual(['app-monitor-runs', 'app-monitor']);
    expect(ids(false, true)).toEqual(['app-dips']);
    expect(ids(false, false)).toEqual([]);
  });

  it('runs the shared by-symbol step and alert gate when the tracker’s composition does not', () => {
    const shared = { bySymbol: true, alertGate: true };
    expect(ids(false, true, shared)).toEqual([
      'app-by-symbol',
      'app-dips',
      'app-ack-router',
      'app-alert-gate',
    ]);
    // The monitor alone does not need the by-symbol topic.
    expect(ids(true, false, shared)).toEqual([
      'app-monitor-runs',
      'app-monitor',
      'app-ack-router',
      'app-alert-gate',
    ]);
  });

  it('prefixes every topic, internal ones included', () => {
    const topics = prefixTopics(DEFAULT_AGENT_TOPICS, 'env.');
    expect(topics.pipelineHealth).toBe('env.amc.learning.pipeline-health.v1');
    expect(topics.dipAnalyses).toBe('env.amc.learning.dip-analyses.v1');
    expect(topics.monitorRuns).toBe('env.amc-learning-monitor-runs-repartition');
    expect(topics.bySymbol).toBe('env.amc-learning-tracker-by-symbol-repartition');
  });
});
