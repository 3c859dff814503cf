import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  loadMigrations,
  MIGRATIONS_DIR,
  parseMigration,
  splitStatements,
} from '../../../sinks/schema/migration-files.ts';
import {
  DERIVED_TABLES,
  LATEST_VIEWS,
  MATERIALIZED_VIEWS,
  NATURAL_KEYS,
  TABLES,
  VIEWS,
} from '../../../sinks/schema/names.ts';
import {
  addColumnsStatement,
  parseAddColumns,
  parseCreateTable,
  tableDefinitions,
} from '../../../sinks/schema/table-ddl.ts';

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
    const derived = Object.values(DERIVED_TABLES).join('|');
    for (const statement of migrations.flatMap((m) => m.statements)) {
      // An ALTER adds only the columns a table lacks (migrate.ts); an INSERT fills a derived
      // ReplacingMergeTree, where a row stored twice is folded like any re-insert.
      expect(statement).toMatch(
        new RegExp(
          `^(CREATE (TABLE|VIEW|MATERIALIZED VIEW) IF NOT EXISTS |DROP TABLE IF EXISTS \\w+_(latest|current)$|ALTER TABLE \\w+\\s+ADD COLUMN |INSERT INTO (${derived})\\s)`,
        ),
      );
      if (statement.startsWith('ALTER')) expect(parseAddColumns(statement)).toBeDefined();
    }
  });

  it('reads the columns an ALTER adds, and writes the ALTER of some of them', () => {
    const added = parseAddColumns(
      'ALTER TABLE t\n    ADD COLUMN a Array(Nullable(Float64)),\n    ADD COLUMN b Nullable(String)',
    );
    expect(added).toEqual({
      table: 't',
      columns: [
        { name: 'a', type: 'Array(Nullable(Float64))' },
        { name: 'b', type: 'Nullable(String)' },
      ],
    });
    expect(addColumnsStatement({ table: 't', columns: added!.columns.slice(1) })).toBe(
      'ALTER TABLE t\n    ADD COLUMN b Nullable(String)',
    );
    expect(parseAddColumns('ALTER TABLE t DROP COLUMN a')).toBeUndefined();
    expect(() => parseAddColumns('ALTER TABLE t ADD COLUMN a UInt8 DEFAULT 1')).toThrow(/plain ADD COLUMN/);
    expect(() => parseAddColumns('ALTER TABLE t ADD COLUMN a UInt8 AFTER b')).toThrow(/plain ADD COLUMN/);
  });

  it('the tables have the columns later migrations added, after their own', () => {
    const migrations = [
      parseMigration(
        '0001_t.sql',
        'CREATE TABLE t (a String, version UInt64) ENGINE = ReplacingMergeTree(version) ORDER BY a;',
      ),
      parseMigration('0002_t_b.sql', 'ALTER TABLE t\n    ADD COLUMN b UInt8;'),
    ];
    expect(
      tableDefinitions(migrations)
        .get('t')!
        .columns.map((c) => c.name),
    ).toEqual(['a', 'version', 'b']);
    expect(() => tableDefinitions([migrations[1]!])).toThrow(/no migration creates/);
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
    expect([...tables.keys()].sort()).toEqual(
      [...Object.values(TABLES), ...Object.values(DERIVED_TABLES)].sort(),
    );
  });

  it('recommendation_tracking_by_discovery holds the columns of recommendation_tracking but the checkpoint arrays, keyed by discovery time', () => {
    const source = tables.get(TABLES.recommendationTracking)!;
    const derived = tables.get(DERIVED_TABLES.recommendationTrackingByDiscovery)!;
    expect(derived.columns).toEqual(source.columns.filter((c) => !c.name.startsWith('checkpoint_')));
    expect(derived.orderBy).toEqual(['discovered_at', 'tracking_id']);
    expect(derived.versionColumn).toBe('version');
    const feed = loadMigrations()
      .flatMap((m) => m.statements)
      .find((s) =>
        s.includes(`MATERIALIZED VIEW IF NOT EXISTS ${MATERIALIZED_VIEWS.recommendationTrackingByDiscovery}`),
      );
    expect(feed).toContain(`TO ${DERIVED_TABLES.recommendationTrackingByDiscovery}`);
    for (const column of derived.columns) expect(feed).toContain(column.name);
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
    expect([...new Set(created)].sort()).toEqual(Object.values(VIEWS).sort());
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
