/**
 * Reads a JSON value into a ClickHouse column type the way the server's
 * JSONEachRow input does, and renders it the way its JSON output does (64-bit
 * integers quoted). Used by the in-memory writer, so that it refuses what
 * ClickHouse refuses and stores what ClickHouse would return.
 */

/** A value the column type cannot hold; `code` is the ClickHouse error code the server gives. */
export class ColumnValueError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

const INTEGER_RANGES: Readonly<Record<string, readonly [bigint, bigint]>> = {
  UInt8: [0n, 255n],
  UInt16: [0n, 65_535n],
  UInt32: [0n, 4_294_967_295n],
  UInt64: [0n, 2n ** 64n - 1n],
  Int8: [-128n, 127n],
  Int16: [-32_768n, 32_767n],
  Int32: [-2_147_483_648n, 2_147_483_647n],
  Int64: [-(2n ** 63n), 2n ** 63n - 1n],
};

function defaultOf(type: string): unknown {
  if (type.startsWith('Nullable(')) return null;
  if (type.startsWith('Array(')) return [];
  if (type === 'String') return '';
  if (type === 'Date') return '0000-00-00';
  if (type.startsWith('DateTime')) return '0000-00-00 00:00:00';
  if (type === 'UInt64' || type === 'Int64') return '0';
  return 0;
}

function integer(type: string, value: unknown): unknown {
  const [low, high] = INTEGER_RANGES[type]!;
  let text: string;
  if (typeof value === 'boolean') text = value ? '1' : '0';
  else if (typeof value === 'number' && Number.isInteger(value)) text = String(value);
  else if (typeof value === 'string' && /^-?\d+$/.test(value)) text = value;
  else throw new ColumnValueError(72, `cannot parse ${JSON.stringify(value)} as ${type}`);
  if (text.startsWith('-') && type.startsWith('U')) {
    throw new ColumnValueError(72, "Unsigned type must not contain '-' symbol");
  }
  const big = BigInt(text);
  if (big < low || big > high) throw new ColumnValueError(321, `${text} is out of range of ${type}`);
  return type.endsWith('64') ? text : Number(big);
}

function float(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  throw new ColumnValueError(6, `cannot parse ${JSON.stringify(value)} as Float64`);
}

function date(value: unknown): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  throw new ColumnValueError(27, `cannot parse ${JSON.stringify(value)} as Date`);
}

function dateTime(value: unknown): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(value)) return value;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) {
    return new Date(value * 1000).toISOString().slice(0, 19).replace('T', ' ');
  }
  throw new ColumnValueError(27, `cannot parse ${JSON.stringify(value)} as DateTime`);
}

/** The stored form of `value` in a column of `type`; throws ColumnValueError when ClickHouse would refuse it. */
export function columnValue(type: string, value: unknown): unknown {
  const inner = /^(Nullable|Array)\((.*)\)$/.exec(type);
  if (value === null || value === undefined) return defaultOf(type);
  if (inner?.[1] === 'Nullable') return columnValue(inner[2]!, value);
  if (inner?.[1] === 'Array') {
    if (!Array.isArray(value))
      throw new ColumnValueError(130, `cannot read ${JSON.stringify(value)} as an array`);
    return value.map((item) => columnValue(inner[2]!, item));
  }
  if (type === 'String') {
    if (typeof value !== 'string')
      throw new ColumnValueError(26, 'Cannot parse JSON string: expected opening quote');
    return value;
  }
  if (type in INTEGER_RANGES) return integer(type, value);
  if (type === 'Float64' || type === 'Float32') return float(value);
  if (type === 'Date') return date(value);
  if (type.startsWith('DateTime')) return dateTime(value);
  throw new ColumnValueError(50, `type ${type} is not known to the in-memory writer`);
}
