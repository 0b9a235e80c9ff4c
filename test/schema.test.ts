import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { printedSchema, SCHEMA_PATH } from '../scripts/print-schema.js';

describe('schema.graphql', () => {
  it('matches the code-first schema (run `npm run schema` to update it, then `npm run codegen`)', () => {
    const checkedIn = readFileSync(SCHEMA_PATH, 'utf8');
    if (checkedIn !== printedSchema()) {
      expect.fail('schema.graphql is out of date with src/schema: run `npm run schema`, then `npm run codegen`, and commit both.');
    }
  });

  it('describes every type and field', () => {
    const undocumented: string[] = [];
    const lines = printedSchema().split('\n');
    lines.forEach((line, i) => {
      const isDefinition = /^(type|input|enum|union|interface|scalar) /.test(line) || /^ {2}\w+(\(|:)/.test(line) || /^ {2}[A-Z_0-9]+$/.test(line);
      const previous = lines[i - 1]?.trim() ?? '';
      if (isDefinition && !previous.endsWith('"""') && !previous.endsWith('"')) undocumented.push(line.trim());
    });
    expect(undocumented).toEqual([]);
  });
});
