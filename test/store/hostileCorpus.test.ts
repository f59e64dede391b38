import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DatasetSource } from '../../src/store/plannerStore';
import { makeStore, textSource } from './storeHelpers';

// every file of the hostile corpus through the app's loader (the engine behind the store, as in the worker)
const dir = 'test/fixtures/hostile';
const schoolsOk = 'id,name,level,lon,lat\nA,A,primary,0,0\nB,B,primary,0.1,0\n';
const populationOk = 'id,lon,lat,primary\nu1,0.01,0,10\nu2,0.09,0,20\n';
const file = (name: string, bytes: Uint8Array) => ({ name, bytes });
const source = (id: string, schools: { name: string; bytes: Uint8Array }, population: { name: string; bytes: Uint8Array }): DatasetSource =>
  ({ id, name: id, imported: true, files: async () => ({ schools, population }) });

/** Data records of a CSV text: line breaks of any kind outside quotes end a record; blank records skipped. */
function dataRecords(text: string): number {
  let records = 0, inQuotes = false, current = '';
  for (let i = 0; i <= text.length; i++) {
    const c = text[i];
    if (c === '"') inQuotes = !inQuotes;
    if (i === text.length || (!inQuotes && (c === '\n' || c === '\r'))) {
      if (current.trim() !== '') records++;
      current = '';
      if (c === '\r' && text[i + 1] === '\n') i++;
    } else current += c;
  }
  return records - 1;
}

/** Files of the corpus that are broken in a way the loader must refuse (the others load, whole). */
const REFUSED = new Set(['nul-in-field.csv', 'utf16le.csv', 'utf16le-nobom.csv', 'formula-population.csv']);

describe('the hostile corpus through the app\'s loader', () => {
  it('refuses each broken file with a message naming it, keeps the previous data and stays usable; loads the awkward but valid ones whole', async () => {
    const store = makeStore([textSource('ok', schoolsOk, populationOk)]);
    expect(await store.getState().actionOpenSource('ok')).toBe(true);
    const token = store.getState().dataset!.fingerprint;
    const enc = new TextEncoder();
    const seen: string[] = [];
    for (const name of readdirSync(`${dir}/csv`).filter((f) => f.endsWith('.csv'))) {
      const bytes = new Uint8Array(readFileSync(`${dir}/csv/${name}`));
      const asPopulation = name.startsWith('formula-population');
      const ok = await store.getState().actionAddImported(asPopulation
        ? source(`csv:${name}`, file('schools.csv', enc.encode(schoolsOk)), file(name, bytes))
        : source(`csv:${name}`, file(name, bytes), file('population.csv', enc.encode(populationOk))));
      const s = store.getState();
      if (REFUSED.has(name) && !asPopulation) expect(ok, name).toBe(false);
      if (!ok) {
        expect(s.problems.some((p) => p.severity === 'error' && p.file === name), name).toBe(true);
        expect(s.dataset!.fingerprint, name).toBe(token);
      } else {
        // loaded whole: as many schools as the file has data lines, whatever its line endings
        const lines = dataRecords(new TextDecoder('latin1').decode(bytes));
        if (!asPopulation) expect(s.dataset!.schools.ids.length, name).toBe(lines);
        await store.getState().actionOpenSource('ok');
      }
      expect(store.getState().status, name).toBe('ready');
      seen.push(`${name}: ${ok ? 'loaded' : 'refused'}`);
    }
    for (const name of readdirSync(`${dir}/files`)) {
      const bytes = new Uint8Array(readFileSync(`${dir}/files/${name}`));
      const ok = await store.getState().actionAddImported(source(`file:${name}`, file('schools.csv', enc.encode(schoolsOk)), file(name, bytes)));
      const s = store.getState();
      expect(ok, name).toBe(false);
      expect(s.problems.some((p) => p.severity === 'error' && p.file === name), `${name}: ${JSON.stringify(s.problems)}`).toBe(true);
      expect(s.dataset!.fingerprint, name).toBe(token);
      expect(s.status, name).toBe('ready');
      seen.push(`${name}: refused`);
    }
    console.log(`hostile corpus through the app's loader: ${seen.join('; ')}`);
    expect(seen.length).toBeGreaterThanOrEqual(20);
  });
});
