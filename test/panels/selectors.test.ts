import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const files = [...readdirSync('src/panels').filter((f) => f.endsWith('.tsx')).map((f) => join('src/panels', f)), 'src/app/App.tsx'];

describe('panels select small slices of the store', () => {
  it('no component subscribes to the whole store (it would re-render on every change)', () => {
    const whole = /usePlanner\(\s*\(?\s*(\w+)\s*\)?\s*=>\s*\1\s*\)|useStore\(\s*\w+\s*\)/;
    const offenders = files.filter((f) => whole.test(readFileSync(f, 'utf8')));
    expect(files.length).toBeGreaterThan(10);
    expect(offenders).toEqual([]);
  });
});
