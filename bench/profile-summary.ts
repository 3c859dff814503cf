/**
 * Summarises a V8 CPU profile (`node --cpu-prof`): where the samples of one
 * benchmark phase went, by area (kafkajs' producer, protocol encoding,
 * consumer, network; the runtime; JSON; GC; idle) and by function.
 *
 *   tsx bench/profile-summary.ts <file.cpuprofile> [--phases phases.json --phase "eos before@2000"] [--top 25]
 *
 * `--phases` is the file `bench:runtime --phase-log` wrote: only samples
 * inside the named phase count, so the input's production and the other
 * phases do not blur the picture.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}
interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
}
interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}
interface Phase {
  readonly name: string;
  readonly startUs: number;
  readonly endUs: number;
}

/** Areas by where the code lives; the first match wins. */
const AREAS: readonly [string, (f: CallFrame) => boolean][] = [
  ['idle', (f) => f.functionName === '(idle)'],
  ['garbage collection', (f) => f.functionName === '(garbage collector)'],
  ['kafkajs producer', (f) => f.url.includes('kafkajs/src/producer/')],
  ['kafkajs protocol (encode/decode)', (f) => f.url.includes('kafkajs/src/protocol/')],
  ['kafkajs consumer', (f) => f.url.includes('kafkajs/src/consumer/')],
  ['kafkajs network', (f) => f.url.includes('kafkajs/src/network/')],
  ['kafkajs other', (f) => f.url.includes('kafkajs/')],
  ['runtime (streams/runtime)', (f) => f.url.includes('/streams/runtime/')],
  ['processor and codec (streams/)', (f) => f.url.includes('/streams/')],
  ['benchmark and test support', (f) => f.url.includes('/bench/') || f.url.includes('/test/')],
  ['node internals', (f) => f.url.startsWith('node:')],
  ['native (buffers, sockets, JSON)', (f) => f.url === ''],
  ['other', () => true],
];

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { phases: { type: 'string' }, phase: { type: 'string' }, top: { type: 'string', default: '25' } },
});
const file = positionals[0];
if (!file) throw new Error('usage: profile-summary <file.cpuprofile> [--phases f --phase name] [--top n]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
let window: Phase | undefined;
if (values.phases) {
  const phases = JSON.parse(readFileSync(values.phases, 'utf8')) as Phase[];
  window = phases.find((p) => p.name === values.phase);
  if (!window) throw new Error(`no phase "${values.phase}"; phases: ${phases.map((p) => p.name).join(', ')}`);
}

/** The benchmark's copies of kafkajs (bench/runtime/kafkajs-builds.ts) count as kafkajs. */
const normalised = (frame: CallFrame): CallFrame => ({
  ...frame,
  url: frame.url.replace(/^file:\/\/.*\/amc-bench-kafkajs-[^/]+\//, 'node_modules/kafkajs/'),
});
const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
const byFunction = new Map<string, number>();
const byArea = new Map<string, number>();
let total = 0;
let time = profile.startTime;
for (const [i, id] of profile.samples.entries()) {
  time += profile.timeDeltas[i] ?? 0;
  const delta = profile.timeDeltas[i + 1] ?? 0; // the time until the next sample is this sample's
  if (window && (time < window.startUs || time > window.endUs)) continue;
  const frame = normalised(frames.get(id)!);
  const where = frame.url
    .replace(/^.*node_modules\//, '')
    .replace(/^file:\/\/.*?\/(streams|bench|test)\//, '$1/');
  const name = `${frame.functionName || '(anonymous)'} ${where}${where ? `:${frame.lineNumber + 1}` : ''}`;
  byFunction.set(name, (byFunction.get(name) ?? 0) + delta);
  const area = AREAS.find(([, test]) => test(frame))![0];
  byArea.set(area, (byArea.get(area) ?? 0) + delta);
  total += delta;
}

const ms = (us: number) => (us / 1000).toFixed(0).padStart(7);
const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)}%`;
const busy = total - (byArea.get('idle') ?? 0);
console.log(`${file}${window ? ` — phase "${window.name}"` : ''}`);
console.log(`sampled ${ms(total)} ms, busy (not idle) ${ms(busy)} ms = ${pct(busy)}`);
console.log('\nby area (self time)');
for (const [area, us] of [...byArea].sort((a, b) => b[1] - a[1]))
  console.log(`${ms(us)} ms ${pct(us)}  ${area}`);
console.log(`\ntop ${values.top} functions (self time)`);
for (const [name, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top)))
  console.log(`${ms(us)} ms ${pct(us)}  ${name}`);
