// RFC 4180 CSV as upstream's Python csv module writes it: CRLF or LF line
// ends, quoted fields that may hold commas, quotes doubled inside quotes and
// line breaks. Every record remembers the line it starts on, so a refusal can
// name it.

export interface CsvRecord {
  /** 1-based line of the file where the record starts. */
  readonly line: number;
  readonly fields: readonly string[];
}

export interface CsvProblem {
  readonly line: number;
  readonly message: string;
}

export interface CsvTable {
  readonly header: readonly string[];
  /** Records with exactly as many fields as the header, as objects by column name. */
  readonly rows: readonly { readonly line: number; readonly values: Readonly<Record<string, string>> }[];
  /** Records that could not be read: wrong field count, an unclosed quote. */
  readonly problems: readonly CsvProblem[];
}

/** Splits text into records; a quote left open at the end of the text is reported, not guessed. */
export function parseCsvRecords(text: string): { records: CsvRecord[]; unclosedQuoteAt?: number } {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let index = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
  };
  for (; index < text.length; index += 1) {
    const char = text[index] as string;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') {
        quoted = false;
      } else {
        if (char === '\n') line += 1;
        field += char;
      }
      continue;
    }
    if (char === '"' && field === '') quoted = true;
    else if (char === ',') {
      fields.push(field);
      field = '';
    } else if (char === '\r' && text[index + 1] === '\n') {
      // The LF that follows ends the record.
    } else if (char === '\n') {
      endRecord();
      line += 1;
      recordLine = line;
    } else field += char;
  }
  if (quoted) return { records, unclosedQuoteAt: recordLine };
  if (field !== '' || fields.length > 0) endRecord();
  return { records };
}

/** A table under its header row; records of another width are problems with their line. */
export function parseCsvTable(text: string): CsvTable {
  const { records, unclosedQuoteAt } = parseCsvRecords(text);
  const [headerRecord, ...body] = records;
  const header = headerRecord?.fields.map((name) => name.trim()) ?? [];
  const rows: { line: number; values: Record<string, string> }[] = [];
  const problems: CsvProblem[] = [];
  for (const record of body) {
    if (record.fields.length !== header.length) {
      problems.push({
        line: record.line,
        message: `${record.fields.length} fields where the header has ${header.length} (a truncated or damaged line)`,
      });
      continue;
    }
    rows.push({
      line: record.line,
      values: Object.fromEntries(header.map((name, i) => [name, record.fields[i] as string])),
    });
  }
  if (unclosedQuoteAt !== undefined) {
    problems.push({
      line: unclosedQuoteAt,
      message: 'a quoted field is never closed (the file ends inside it)',
    });
  }
  return { header, rows, problems };
}
