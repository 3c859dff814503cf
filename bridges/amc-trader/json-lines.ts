// Where each value of a JSON document starts, by path: JSON.parse keeps no
// positions, and a refused candidate or bar must be named by its line.
// Runs on text that JSON.parse already accepted.

export type JsonPath = readonly (string | number)[];

/** '/candidates/3' style key of a path (JSON Pointer escaping is not needed for these keys). */
export const pathKey = (path: JsonPath): string => path.map((part) => `/${part}`).join('');

/** The 1-based start line of every value down to `maxDepth` levels, keyed by pathKey. */
export function valueLines(text: string, maxDepth = 2): ReadonlyMap<string, number> {
  const lines = new Map<string, number>();
  let index = 0;
  let line = 1;

  const skipSpace = () => {
    while (index < text.length) {
      const char = text[index];
      if (char === '\n') line += 1;
      else if (char !== ' ' && char !== '\t' && char !== '\r') return;
      index += 1;
    }
  };
  const skipString = (): string => {
    const start = index;
    index += 1;
    while (text[index] !== '"') index += text[index] === '\\' ? 2 : 1;
    index += 1;
    return JSON.parse(text.slice(start, index)) as string;
  };
  const value = (path: (string | number)[]) => {
    skipSpace();
    if (path.length <= maxDepth) lines.set(pathKey(path), line);
    const char = text[index];
    if (char === '{' || char === '[') {
      const close = char === '{' ? '}' : ']';
      index += 1;
      skipSpace();
      let position = 0;
      while (text[index] !== close) {
        if (char === '{') {
          skipSpace();
          const key = skipString();
          skipSpace();
          index += 1; // ':'
          value([...path, key]);
        } else value([...path, position]);
        position += 1;
        skipSpace();
        if (text[index] === ',') index += 1;
        skipSpace();
      }
      index += 1;
    } else if (char === '"') skipString();
    else {
      while (index < text.length && !/[\s,\]}]/.test(text[index] as string)) index += 1;
    }
  };
  value([]);
  return lines;
}
