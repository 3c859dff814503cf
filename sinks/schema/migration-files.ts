/**
 * The versioned migrations: `sinks/migrations/NNNN_name.sql`, applied in
 * version order. A file holds statements separated by a `;` at the end of a
 * line; `--` lines are comments. Applied files must not change: their
 * checksum is recorded and checked on every start.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';

export interface Migration {
  readonly version: number;
  readonly name: string;
  /** sha256 of the file's text with line endings normalised. */
  readonly checksum: string;
  readonly statements: readonly string[];
}

export const MIGRATIONS_DIR = new URL('../migrations/', import.meta.url);
const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** Statements of a migration file, without comment lines; a `;` ends a statement only at the end of a line. */
export function splitStatements(text: string): string[] {
  const code = text
    .replace(/\r\n/g, '\n')
    .split('\n')
    .filter((line) => !line.trim().startsWith('--'))
    .join('\n');
  return code
    .split(/;[ \t]*(?:\n|$)/)
    .map((statement) => statement.trim())
    .filter((statement) => statement !== '');
}

export function parseMigration(fileName: string, text: string): Migration {
  const match = FILE_NAME.exec(fileName);
  if (!match) throw new Error(`migration file ${fileName} is not named NNNN_name.sql`);
  const statements = splitStatements(text);
  if (statements.length === 0) throw new Error(`migration ${fileName} has no statements`);
  return {
    version: Number(match[1]),
    name: match[2]!,
    checksum: createHash('sha256').update(text.replace(/\r\n/g, '\n')).digest('hex'),
    statements,
  };
}

/** Every migration of the project, in version order; versions must be unique. */
export function loadMigrations(dir: URL = MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .filter((name) => name.endsWith('.sql'))
    .sort()
    .map((name) => parseMigration(name, readFileSync(new URL(name, dir), 'utf8')));
  migrations.forEach((migration, i) => {
    const previous = migrations[i - 1];
    if (previous && previous.version === migration.version) {
      throw new Error(
        `two migrations have version ${migration.version}: ${previous.name}, ${migration.name}`,
      );
    }
  });
  return migrations;
}
