import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/error-codes.ts';

describe('ERROR_CODES', () => {
  it('lists exactly the codes of README’s error table (and INTERNAL_SERVER_ERROR, the mask’s)', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const table = [...readme.matchAll(/^\| `([A-Z_]+)` \| .* \| [^|]+ \|$/gm)].map((m) => m[1]);
    expect([...table, 'INTERNAL_SERVER_ERROR'].sort()).toEqual([...ERROR_CODES].sort());
  });
});
