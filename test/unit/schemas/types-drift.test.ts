import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GENERATED_TYPES_FILE, renderTypes } from '../../../schemas/generate-types.ts';

describe('schemas/types.generated.ts', () => {
  it('is what the generator makes of the schemas now (run `npx tsx schemas/generate-types.ts`)', () => {
    expect(readFileSync(GENERATED_TYPES_FILE, 'utf8')).toBe(renderTypes());
  });
});
