import { ConfigError } from '../../config/endpoints.ts';
import { DEFAULT_LEARNING_TOPICS, type LearningTopics } from '../learning/topics.ts';
import { DEFAULT_TRACKER_TOPICS, type TrackerTopics } from '../tracker/topics.ts';
import { type AgentTopics, DEFAULT_AGENT_TOPICS, prefixTopics } from './agent-topics.ts';

/** How the main job names and sizes what it creates. */
export interface JobConfig {
  /** Prefix of consumer groups, transactional ids and changelog topics. */
  readonly applicationId: string;
  /** Prepended to every topic name (separate environments on one cluster; tests). */
  readonly topicPrefix: string;
  readonly partitions: number;
  readonly sessionTimeoutMs: number;
  /** Records per transaction at most: larger is faster, smaller commits (and shows results) sooner. */
  readonly maxRecordsPerTransaction: number;
}

type Env = Readonly<Record<string, string | undefined>>;

function positiveInt(env: Env, key: string, fallback: number): number {
  const raw = env[key]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new ConfigError(key, `"${raw}" is not a positive integer`);
  return value;
}

/**
 * AMC_TOPIC_PREFIX, prepended to every topic name by the job and by every
 * producer of the project alike, so they meet on the same topics.
 */
export function topicPrefixFromEnv(env: Env = process.env): string {
  const topicPrefix = env.AMC_TOPIC_PREFIX?.trim() ?? '';
  if (!/^[A-Za-z0-9._-]*$/.test(topicPrefix)) {
    throw new ConfigError(
      'AMC_TOPIC_PREFIX',
      `"${topicPrefix}" may use only letters, digits, '.', '_' and '-'`,
    );
  }
  return topicPrefix;
}

export function loadJobConfig(env: Env = process.env): JobConfig {
  const applicationId = env.AMC_APPLICATION_ID?.trim() || 'amc-learning';
  if (!/^[A-Za-z0-9._-]+$/.test(applicationId)) {
    throw new ConfigError(
      'AMC_APPLICATION_ID',
      `"${applicationId}" may use only letters, digits, '.', '_' and '-'`,
    );
  }
  return Object.freeze({
    applicationId,
    topicPrefix: topicPrefixFromEnv(env),
    partitions: positiveInt(env, 'AMC_PARTITIONS', 3),
    sessionTimeoutMs: positiveInt(env, 'AMC_SESSION_TIMEOUT_MS', 30_000),
    maxRecordsPerTransaction: positiveInt(env, 'AMC_TRANSACTION_RECORDS', 500),
  });
}

export function trackerTopicsFor(config: JobConfig): TrackerTopics {
  return prefixTopics(DEFAULT_TRACKER_TOPICS, config.topicPrefix);
}

export function agentTopicsFor(config: JobConfig): AgentTopics {
  return prefixTopics(DEFAULT_AGENT_TOPICS, config.topicPrefix);
}

export function learningTopicsFor(config: JobConfig): LearningTopics {
  return prefixTopics(DEFAULT_LEARNING_TOPICS, config.topicPrefix);
}
