import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** A background service of the local stack: its pid file and log live in `dir`. */
export interface ServiceFiles {
  readonly name: string;
  readonly dir: string;
}

export const pidFile = (s: ServiceFiles): string => path.join(s.dir, `${s.name}.pid`);
export const logFile = (s: ServiceFiles): string => path.join(s.dir, `${s.name}.log`);

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid of the running service, or undefined (a stale pid file is removed). */
export function runningPid(s: ServiceFiles): number | undefined {
  const file = pidFile(s);
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) return pid;
  rmSync(file, { force: true });
  return undefined;
}

/** Starts a detached process whose output goes to the service log; records its pid. */
export function startDetached(
  s: ServiceFiles,
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): number {
  const out = openSync(logFile(s), 'a');
  const child = spawn(command, args, { detached: true, stdio: ['ignore', out, out], env, cwd: s.dir });
  closeSync(out);
  if (child.pid === undefined) throw new Error(`${s.name}: could not start ${command}`);
  child.unref();
  writeFileSync(pidFile(s), `${child.pid}\n`);
  return child.pid;
}

/** SIGTERM, then SIGKILL if the process is still there after `graceMs`. */
export async function stopService(s: ServiceFiles, graceMs = 20_000): Promise<boolean> {
  const pid = runningPid(s);
  if (pid === undefined) return false;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(200);
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  while (isAlive(pid)) await sleep(100);
  rmSync(pidFile(s), { force: true });
  return true;
}

export function logTail(s: ServiceFiles, lines = 40): string {
  const file = logFile(s);
  if (!existsSync(file)) return '(no log)';
  return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
}

/** Polls `probe` until it answers true, the process dies, or the timeout passes. */
export async function waitUntilReady(
  s: ServiceFiles,
  pid: number,
  probe: () => Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return;
    if (!isAlive(pid)) {
      throw new StackError(`${s.name} exited during start-up. Last lines of ${logFile(s)}:\n${logTail(s)}`);
    }
    await sleep(250);
  }
  throw new StackError(
    `${s.name} did not answer within ${timeoutMs} ms. Last lines of ${logFile(s)}:\n${logTail(s)}`,
  );
}

/** A failure the CLI reports as a message, not a stack trace. */
export class StackError extends Error {
  override name = 'StackError';
}

export function commandExists(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}
