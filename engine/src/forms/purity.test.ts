import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';

const dir = new URL('./', import.meta.url);
const sources = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));

describe('forms module purity', () => {
  it.each(sources)('%s imports no node:* module and never reads the clock or randomness', (file) => {
    const text = readFileSync(new URL(file, dir), 'utf8');
    expect(text).not.toMatch(/from ['"]node:|require\(/);
    expect(text).not.toMatch(/Date\.now|new Date\(|Math\.random|performance\.now/);
  });
});
