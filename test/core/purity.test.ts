import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('the core is pure TypeScript', () => {
  it('imports no UI, map, state or Node modules and touches no DOM globals', () => {
    const offenders: string[] = [];
    for (const f of files('src/core')) {
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(/from '([^']+)'/g)) {
        if (/^(react|react-dom|maplibre-gl|zustand|node:|fs$|path$)/.test(m[1])) offenders.push(`${f}: imports ${m[1]}`);
      }
      if (/\b(document|window|localStorage|indexedDB)\./.test(text)) offenders.push(`${f}: uses a DOM global`);
    }
    expect(offenders).toEqual([]);
  });
});
