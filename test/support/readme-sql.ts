import { readFileSync } from 'node:fs';

/** The ```sql blocks of a Markdown file, in order, as written. */
export function sqlBlocks(markdownFile: URL): string[] {
  const text = readFileSync(markdownFile, 'utf8');
  return [...text.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1]!.trim());
}
