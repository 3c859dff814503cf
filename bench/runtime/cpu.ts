import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { STACK_DIR } from '../../stack/paths.ts';

/** CPU seconds (user + system) of a Linux process from /proc, or undefined where that cannot be read. */
export function processCpuSeconds(pid: number): number | undefined {
  try {
    // Fields after the command name: utime and stime are the 12th and 13th, in clock ticks (100 a second).
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

const brokerPid = (): number | undefined => {
  const file = path.join(STACK_DIR, 'kafka', 'kafka.pid');
  return existsSync(file) ? Number(readFileSync(file, 'utf8').trim()) : undefined;
};

export interface CpuSpent {
  /** This process (the benchmark and the runtime under test). */
  readonly node: number;
  /** The local stack's broker, when it runs here; undefined otherwise. */
  readonly broker: number | undefined;
}

/** Starts counting CPU seconds; the returned function tells how many were spent since. */
export function cpuMeter(): () => CpuSpent {
  const node = process.cpuUsage();
  const pid = brokerPid();
  const broker = pid === undefined ? undefined : processCpuSeconds(pid);
  return () => {
    const spent = process.cpuUsage(node);
    const brokerNow = pid === undefined ? undefined : processCpuSeconds(pid);
    return {
      node: (spent.user + spent.system) / 1e6,
      broker: broker === undefined || brokerNow === undefined ? undefined : brokerNow - broker,
    };
  };
}

/** CPU microseconds per record of the process and of the broker, from what a cpuMeter measured. */
export const cpuPerRecord = (spent: CpuSpent, records: number) => ({
  nodeUsPerRecord: (spent.node * 1e6) / records,
  brokerUsPerRecord: spent.broker === undefined ? undefined : (spent.broker * 1e6) / records,
});
