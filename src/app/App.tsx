import { useEffect, useState } from 'react';
import { FLAG_NAMES, formatProblem } from '../core/index';
import type { LoadResponse } from '../worker/protocol';
import { SHIPPED_DATASETS } from './datasets';
import { startEngine } from './engineClient';

const engine = startEngine();

async function fetchBytes(url: string): Promise<Uint8Array> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

/** First version: loads the default data set in the engine worker and shows the district summary. */
export function App() {
  const dataset = SHIPPED_DATASETS[0];
  const [result, setResult] = useState<LoadResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    (async () => {
      const [schools, population] = await Promise.all([fetchBytes(dataset.schoolsUrl), fetchBytes(dataset.populationUrl)]);
      setResult(await engine.load({ schools: { name: 'schools.geojson', bytes: schools }, population: { name: 'population.geojson', bytes: population }, settings: dataset.settings }));
    })().catch((e: Error) => setError(e.message));
  }, [dataset]);

  return (
    <main data-ready={result ? 'true' : 'false'}>
      <h1>School zoning planner</h1>
      <p>{dataset.name}. {dataset.countsNote}</p>
      {error && <p role="alert">{error}</p>}
      {!result && !error && <p aria-live="polite">Computing nearest-school catchments…</p>}
      {result && !result.ok && <ul role="alert">{result.problems.map((p, i) => <li key={i}>{formatProblem(p)}</li>)}</ul>}
      {result?.ok && (
        <section aria-label="District summary">
          <table>
            <tbody>
              <tr><th scope="row">Schools</th><td data-testid="school-count">{result.summary.schools}</td></tr>
              {Object.entries(result.summary.childrenByLevel).map(([level, n]) => (
                <tr key={level}><th scope="row">Children, {level}</th><td>{Math.round(n).toLocaleString('en-GB')}</td></tr>
              ))}
              {FLAG_NAMES.map((f) => (
                <tr key={f}><th scope="row">Flag: {f.replace('_', ' ')}</th><td>{result.summary.flagCounts[f].flagged} flagged, {result.summary.flagCounts[f].notAssessed} not assessed</td></tr>
              ))}
            </tbody>
          </table>
          <p>Computed in the engine worker in {Math.round(result.millis.compute)} ms.</p>
        </section>
      )}
    </main>
  );
}
