/**
 * A SqlSession on current ClickHouse, in-process in Python through PyPI's
 * chdb-core (test/support/chdb/chdb_sql.py), so that migrations and queries
 * are checked on a current engine as well as on the stack's 18.16.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { SqlSession } from '../../sinks/schema/sql-session.ts';
import { identifier, sql } from '../../sinks/sql/literals.ts';

const SCRIPT = fileURLToPath(new URL('./chdb/chdb_sql.py', import.meta.url));

export interface ChdbSession extends SqlSession {
  /** The engine's version, e.g. 26.9.2.1. */
  readonly version: string;
}

interface Answer {
  readonly id?: number;
  readonly ok?: boolean;
  readonly rows?: unknown[];
  readonly error?: string;
  readonly ready?: boolean;
  readonly version?: string;
}

/** Starts chdb on a fresh data folder with `database` created and in use. */
export async function startChdbSession(database: string): Promise<ChdbSession> {
  const dir = mkdtempSync(path.join(tmpdir(), 'amc-chdb-'));
  const child: ChildProcess = spawn('python3', [SCRIPT, dir], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString('utf8');
  });
  const pending = new Map<number, (answer: Answer) => void>();
  let ready: (answer: Answer) => void = () => undefined;
  const started = new Promise<Answer>((resolve, reject) => {
    ready = resolve;
    child.once('exit', (code) =>
      reject(
        new Error(`chdb_sql.py exited (${code}); is chdb-core installed (pip install chdb-core)? ${stderr}`),
      ),
    );
  });
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const answer = JSON.parse(line) as Answer;
    if (answer.ready) ready(answer);
    else pending.get(answer.id!)?.(answer);
  });
  const { version } = await started;
  let nextId = 0;
  const request = (text: string) =>
    new Promise<unknown[]>((resolve, reject) => {
      const id = ++nextId;
      pending.set(id, (answer) => {
        pending.delete(id);
        if (answer.ok) resolve(answer.rows ?? []);
        else reject(new Error(`chdb: ${answer.error}\nin: ${text.slice(0, 400)}`));
      });
      child.stdin!.write(`${JSON.stringify({ id, sql: text })}\n`);
    });
  await request(sql`CREATE DATABASE IF NOT EXISTS ${identifier(database)}`.text);
  await request(sql`USE ${identifier(database)}`.text);
  return {
    database,
    version: version!,
    async command(statement) {
      await request(statement);
    },
    query: <Row>(statement: string) => request(statement) as Promise<Row[]>,
    async close() {
      child.stdin!.end();
      await new Promise((resolve) => child.once('exit', resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
