import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The installed (patched) kafkajs module at `relative`, e.g. 'src/producer/groupMessagesPerPartition.js'. */
export function installed<T>(relative: string): T {
  return require(`kafkajs/${relative}`) as T;
}

/** The original kafkajs 2.2.4 module that stack/patch-kafkajs.mjs kept beside the patched one. */
export function original<T>(relative: string): T {
  const file = `${require.resolve(`kafkajs/${relative}`)}.orig`;
  if (!existsSync(file)) throw new Error(`${file} is missing: run npm ci (the install patches kafkajs)`);
  return require(file) as T;
}
