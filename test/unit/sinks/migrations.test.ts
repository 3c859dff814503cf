import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  loadMigrations,
  MIGRATIONS_DIR,
  parseMigration,
  splitStatements,
} from '../../../sinks/schema/migration-files.ts';
import { LATEST_VIEWS, NATURAL_KEYS, TABLES, VIEWS } from '../../../sinks/schema/names.ts';
import { parseCreateTable, tableDefinitions } from '../../../sinks/schema/table-ddl.ts';

const FORBIDDEN = [
  [/\bDateTime64\b/, 'DateTime64'],
  [/\bLowCardinality\b/, 'LowCardinality'],
  [/\bJSON[A-Za-z]*\(/, 'JSON functions'],
  [/\bOVER\s*\(/i, 'window functions'],
  [/\btoStartOfWeek\b/, 'toStartOfWeek (missing on 18.16)'],
  [/\brankCorr\b/, 'rankCorr (missing on 18.16)'],
  [/\bPREWHERE\b/i, 'PREWHERE (filters before FINAL collapses versions)'],
  [/MergeTree\([^)]*,/, 'old-style MergeTree parameters'],
  [/\{[a-z_]+:[A-Za-z0-9()]+\}/, 'server-side query parameters'],
] as const;

describe('migration files', () => {
  it('splits statements at a semicolon ending a line and drops comment lines', () => {
    expect(
      splitStatements("-- a comment; with a semicolon\nCREATE TABLE a (x String);\n\nSELECT ';x';\n"),
    ).toEqual(['CREATE TABLE a (x String)', "SELECT ';x'"]);
  });

  it('names a migration NNNN_name.sql and checksums its text', () => {
    const migration = parseMigration('0007_alerts.sql', 'CREATE TABLE a (x String);\r\n');
    expect(migration).toMatchObject({
      version: 7,
      name: 'alerts',
      statements: ['CREATE TABLE a (x String)'],
    });
    expect(parseMigration('0007_alerts.sql', 'CREATE TABLE a (x String);\n').checksum).toBe(
      migration.checksum,
    );
    expect(() => parseMigration('7_alerts.sql', 'SELECT 1;')).toThrow(/NNNN_name/);
    expect(() => parseMigration('0008_empty.sql', '-- nothing\n')).toThrow(/no statements/);
  });

  it('are numbered 1, 2, 3... without gaps, every file is loaded, every statement idempotent', () => {
    const migrations = loadMigrations();
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    expect(migrations).toHaveLength(readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).length);
    for (const statement of migrations.flatMap((m) => m.statements)) {
      expect(statement).toMatch(/^CREATE (TABLE|VIEW) IF NOT EXISTS /);
    }
  });

  it.each(FORBIDDEN)('use nothing ClickHouse 18.16 lacks or reads wrongly: %s', (pattern) => {
    for (const file of readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql'))) {
      const code = splitStatements(readFileSync(new URL(file, MIGRATIONS_DIR), 'utf8')).join('\n');
      expect(code, file).not.toMatch(pattern);
    }
  });
});

describe('the tables the migrations define', () => {
  const tables = tableDefinitions();

  it('are exactly the tables named in sinks/schema/names.ts', () => {
    expect([...tables.keys()].sort()).toEqual(Object.values(TABLES).sort());
  });

  it.each(Object.values(TABLES))('%s: ReplacingMergeTree(version), sorted by its natural key', (name) => {
    const table = tables.get(name)!;
    expect(table.versionColumn).toBe('version');
    const key = NATURAL_KEYS[name];
    expect(table.orderBy.slice(0, key.length)).toEqual(key);
    expect(table.orderBy.length === key.length || table.orderBy.at(-1) === 'version').toBe(true);
    const columns = table.columns.map((c) => c.name);
    expect(columns).toContain('version');
    for (const column of [...key, 'kafka_partition', 'kafka_offset']) expect(columns).toContain(column);
    for (const column of key)
      expect(table.columns.find((c) => c.name === column)!.type).not.toMatch(/Nullable/);
  });

  it('every view named in sinks/schema/names.ts is created, and one latest view per table', () => {
    const created = loadMigrations()
      .flatMap((m) => m.statements)
      .map((s) => /^CREATE VIEW IF NOT EXISTS (\w+)/.exec(s)?.[1])
      .filter((name) => name !== undefined);
    expect(created.sort()).toEqual(Object.values(VIEWS).sort());
    expect(Object.keys(LATEST_VIEWS).sort()).toEqual(Object.keys(TABLES).sort());
  });

  it('reads nested types and a bare ORDER BY column', () => {
    const table = parseCreateTable(
      "CREATE TABLE IF NOT EXISTS t (a Array(Nullable(Float64)), b DateTime('UTC'), version UInt64) ENGINE = ReplacingMergeTree(version) ORDER BY a",
    );
    expect(table).toEqual({
      name: 't',
      columns: [
        { name: 'a', type: 'Array(Nullable(Float64))' },
        { name: 'b', type: "DateTime('UTC')" },
        { name: 'version', type: 'UInt64' },
      ],
      orderBy: ['a'],
      versionColumn: 'version',
    });
    expect(parseCreateTable('CREATE VIEW v AS SELECT 1')).toBeUndefined();
  });
});
