/**
 * Reads the tables back out of the migrations' CREATE TABLE and ALTER TABLE
 * ... ADD COLUMN statements: their columns and types, sorting key and version
 * column. The migrations are the one definition of the tables; the in-memory
 * writer and the tests that check every mapper fills every column read them
 * from here, and the migration runner reads the columns an ALTER adds.
 */
import { loadMigrations, type Migration } from './migration-files.ts';

export interface ColumnDefinition {
  readonly name: string;
  /** The ClickHouse type as written, e.g. `Array(Nullable(Float64))`. */
  readonly type: string;
}

export interface TableDefinition {
  readonly name: string;
  readonly columns: readonly ColumnDefinition[];
  readonly orderBy: readonly string[];
  /** The ReplacingMergeTree version column. */
  readonly versionColumn: string;
}

const CREATE_TABLE = /^CREATE TABLE (?:IF NOT EXISTS )?(\w+)\s*\(([\s\S]*)\)\s*ENGINE\s*=\s*([\s\S]*)$/;

/** Splits on commas that are not inside parentheses. */
export function topLevelSplit(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (char === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else {
      current += char;
    }
  }
  if (current.trim() !== '') parts.push(current.trim());
  return parts;
}

export function parseCreateTable(statement: string): TableDefinition | undefined {
  const match = CREATE_TABLE.exec(statement.trim());
  if (!match) return undefined;
  const [, name, body, engine] = match as unknown as [string, string, string, string];
  const columns = topLevelSplit(body).map((definition) => {
    const column = /^(\w+)\s+(.+)$/s.exec(definition);
    if (!column) throw new Error(`table ${name}: cannot read column definition "${definition}"`);
    return { name: column[1]!, type: column[2]!.trim() };
  });
  const version = /ReplacingMergeTree\((\w+)\)/.exec(engine);
  const order = /ORDER BY\s+(\([^)]*\)|\w+)/.exec(engine);
  if (!version || !order) throw new Error(`table ${name}: expected ReplacingMergeTree(version) and ORDER BY`);
  const orderBy = order[1]!
    .replace(/[()]/g, '')
    .split(',')
    .map((c) => c.trim());
  return { name, columns, orderBy, versionColumn: version[1]! };
}

export interface AddedColumns {
  readonly table: string;
  readonly columns: readonly ColumnDefinition[];
}

const ALTER_ADD = /^ALTER TABLE (\w+)\s+(ADD COLUMN [\s\S]*)$/;

/**
 * The columns an `ALTER TABLE t ADD COLUMN a T, ADD COLUMN b U ...` adds, or
 * undefined for any other statement. Nothing but plain ADD COLUMN clauses is
 * allowed in one (no DEFAULT, no AFTER): new columns take their type's
 * default in rows written before them.
 */
export function parseAddColumns(statement: string): AddedColumns | undefined {
  const match = ALTER_ADD.exec(statement.trim());
  if (!match) return undefined;
  const [, table, clauses] = match as unknown as [string, string, string];
  const columns = topLevelSplit(clauses).map((clause) => {
    const column = /^ADD COLUMN (\w+)\s+(.+)$/s.exec(clause);
    if (!column || /\s(DEFAULT|MATERIALIZED|ALIAS|AFTER|CODEC|COMMENT)\s/i.test(` ${column[2]} `)) {
      throw new Error(`table ${table}: cannot read "${clause}"; write plain ADD COLUMN name Type clauses`);
    }
    return { name: column[1]!, type: column[2]!.trim() };
  });
  return { table, columns };
}

/** The ALTER statement adding exactly these columns. */
export function addColumnsStatement(added: AddedColumns): string {
  return `ALTER TABLE ${added.table}\n    ${added.columns.map((c) => `ADD COLUMN ${c.name} ${c.type}`).join(',\n    ')}`;
}

/** The tables the migrations create, by name, with the columns later migrations added. */
export function tableDefinitions(
  migrations: readonly Migration[] = loadMigrations(),
): Map<string, TableDefinition> {
  const tables = new Map<string, TableDefinition>();
  for (const migration of migrations) {
    for (const statement of migration.statements) {
      const table = parseCreateTable(statement);
      if (table) tables.set(table.name, table);
      const added = parseAddColumns(statement);
      if (!added) continue;
      const altered = tables.get(added.table);
      if (!altered)
        throw new Error(`migration ${migration.version} alters ${added.table}, which no migration creates`);
      tables.set(added.table, { ...altered, columns: [...altered.columns, ...added.columns] });
    }
  }
  return tables;
}
