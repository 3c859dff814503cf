import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import path from 'node:path';
import { ENV_BINDINGS } from '../../config/env-bindings.ts';
import { REPO_ROOT, tsxLoaderUrl } from '../../stack/paths.ts';

export interface CliRun {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** The exit code (null when killed by a signal). */
  readonly exit: Promise<number | null>;
  /** Resolves once the output shows `pattern`; rejects when the process ends first or time runs out. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
}

/**
 * A command of the project run as an operator runs it, with `env` over this
 * process's environment less every configuration variable (so only the file
 * and the variables a test gives count).
 */
export function runCli(script: string, args: readonly string[], env: Record<string, string>): CliRun {
  const inherited: Record<string, string | undefined> = { ...process.env };
  for (const { variable } of ENV_BINDINGS) delete inherited[variable];
  delete inherited.AMC_CONFIG;
  const child = spawn(process.execPath, ['--import', tsxLoaderUrl(), path.join(REPO_ROOT, script), ...args], {
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const watchers = new Set<() => void>();
  const notify = () => {
    for (const watcher of watchers) watcher();
  };
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString('utf8');
    notify();
  });
  child.stderr!.on('data', (d: Buffer) => {
    err += d.toString('utf8');
    notify();
  });
  const exit = once(child, 'exit').then(([code]) => code as number | null);
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exit,
    waitFor(pattern, timeoutMs = 60_000) {
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!pattern.test(out + err)) return;
          done();
          resolve();
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`${script}: no ${pattern} within ${timeoutMs} ms:\n${out}${err}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          watchers.delete(check);
        };
        watchers.add(check);
        exit.then(() => {
          if (!watchers.has(check)) return;
          done();
          if (pattern.test(out + err)) resolve();
          else reject(new Error(`${script} exited before ${pattern}:\n${out}${err}`));
        });
        check();
      });
    },
  };
}

/** Stands in for a service at a configured address: records whoever comes, answers nothing useful. */
export interface FakeEndpoint {
  readonly url: string;
  readonly hostPort: string;
  /** What arrived: the request line and body for HTTP, one entry per connection for TCP. */
  readonly seen: string[];
  close(): Promise<void>;
}

/** A TCP listener on 127.0.0.1 that closes every connection: a Kafka broker that never answers. */
export async function fakeBroker(): Promise<FakeEndpoint> {
  const seen: string[] = [];
  const server = createTcpServer((socket) => {
    seen.push('connection');
    socket.destroy();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  return {
    url: `127.0.0.1:${port}`,
    hostPort: `127.0.0.1:${port}`,
    seen,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** An HTTP listener on 127.0.0.1 answering 503 to everything: a registry or ClickHouse that is down. */
export async function fakeHttpService(): Promise<FakeEndpoint> {
  const seen: string[] = [];
  const server = createHttpServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    request.on('end', () => {
      seen.push(`${request.method} ${decodeURIComponent(request.url ?? '')} ${body}`);
      response.writeHead(503, { 'content-type': 'text/plain' }).end('unavailable');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    hostPort: `127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
