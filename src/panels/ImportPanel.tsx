import { useState, type DragEvent } from 'react';
import { formatProblem } from '../core/index';
import type { SourceFile } from '../store/plannerStore';
import { GeocoderSettingField } from './GeocoderSettingField';
import { usePlanner } from './plannerContext';

const SAMPLES = [
  ['schools.csv', 'Schools, CSV'], ['schools.geojson', 'Schools, GeoJSON points'],
  ['population.csv', 'Population, CSV grid points (age bands)'], ['population.geojson', 'Population, GeoJSON small areas (single-year ages)'],
  ['population.tif', 'Population, GeoTIFF (all ages; needs shareOfTotal)'], ['settings.json', 'Settings, JSON'],
];

type Slot = 'schools' | 'population' | 'settings';

async function readFile(f: File): Promise<SourceFile> {
  return { name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) };
}

/** Guesses what a dropped file is: settings by name/JSON shape, schools by name, else population. */
function slotOf(name: string): Slot {
  const n = name.toLowerCase();
  if (/settings/.test(n) && n.endsWith('.json')) return 'settings';
  if (/school/.test(n)) return 'schools';
  return 'population';
}

/** Open your own files. Nothing replaces the current data until the new files load without errors. */
export function ImportPanel() {
  const add = usePlanner((s) => s.actionAddImported);
  const problems = usePlanner((s) => s.problems);
  const problemsFor = usePlanner((s) => s.problemsFor);
  const status = usePlanner((s) => s.status);
  // chosen files live in the store: switching tabs keeps them
  const files = usePlanner((s) => s.importDraft);
  const setDraft = usePlanner((s) => s.actionSetImportDraft);
  const stored = usePlanner((s) => s.storedDatasets);
  const usage = usePlanner((s) => s.storageUsage);
  const sourceId = usePlanner((s) => s.sourceId);
  const openSource = usePlanner((s) => s.actionOpenSource);
  const removeDataset = usePlanner((s) => s.actionRemoveDataset);
  const [message, setMessage] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);

  const pick = (slot: Slot, f: File | undefined) => { if (f) setDraft({ ...files, [slot]: f }); };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    for (const f of Array.from(e.dataTransfer.files)) pick(slotOf(f.name), f);
  };
  const load = async () => {
    setMessage(null);
    if (!files.schools || !files.population) { setMessage('Choose a schools file and a population file.'); return; }
    const { schools, population, settings } = files;
    const name = `${schools.name} + ${population.name}`;
    const ok = await add({
      id: `import:${name}`, name, imported: true,
      countsNote: 'Imported data: see the counts line below for how children were counted.',
      files: async () => {
        let settingsJson: unknown;
        if (settings) {
          try { settingsJson = JSON.parse(await settings.text()); } catch (e) { throw new Error(`${settings.name}: not valid JSON (${(e as Error).message})`, { cause: e }); }
        }
        return { schools: await readFile(schools), population: await readFile(population), settings: settingsJson };
      },
    });
    setMessage(ok ? `Loaded ${name}; kept in this browser with its plans.` : null);
    if (ok) setDraft({});
  };
  const mb = (b: number) => `${(b / 1e6).toLocaleString('en-GB', { maximumFractionDigits: 1 })} MB`;
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity === 'warning');
  return (
    <section aria-label="Data" className="import">
      <h2>Open your own data</h2>
      <div className={`dropzone${dragging ? ' over' : ''}`} onDragOver={(e) => { e.preventDefault(); setDragging(true); }} onDragLeave={() => setDragging(false)} onDrop={onDrop}>
        Drop files here, or choose them:
        {(['schools', 'population', 'settings'] as Slot[]).map((slot) => (
          <label key={slot} className="file">
            <span>{slot === 'schools' ? 'Schools (CSV, GeoJSON)' : slot === 'population' ? 'Population (CSV, GeoJSON, GeoTIFF)' : 'Settings (JSON, optional)'}</span>
            <input type="file" data-testid={`file-${slot}`} accept={slot === 'settings' ? '.json' : slot === 'schools' ? '.csv,.txt,.json,.geojson' : '.csv,.txt,.json,.geojson,.tif,.tiff'} onChange={(e) => pick(slot, e.target.files?.[0])} />
            {files[slot] && <span className="chosen">{files[slot]!.name}</span>}
          </label>
        ))}
      </div>
      <button type="button" onClick={() => void load()} disabled={status === 'loading' || status === 'computing'}>Load these files</button>
      {message && <p role="status">{message}</p>}
      {errors.length > 0 && (
        <div role="alert" className="problems" data-testid="import-problems">
          <p><strong>{problemsFor ?? 'The files'} could not be loaded</strong>: {errors.length} problem{errors.length > 1 ? 's' : ''}. The current data is unchanged.</p>
          <ul>{errors.map((p, i) => <li key={i}><code>{formatProblem(p)}</code></li>)}</ul>
        </div>
      )}
      {errors.length === 0 && warnings.length > 0 && (
        <details className="warnings"><summary>{warnings.length} warning{warnings.length > 1 ? 's' : ''} for {problemsFor}</summary>
          <ul>{warnings.map((p, i) => <li key={i}><code>{formatProblem(p)}</code></li>)}</ul>
        </details>
      )}
      <h3>Your data sets in this browser</h3>
      {stored.length === 0 ? <p className="muted">None yet: data sets you load are kept here (with their plans) until you remove them.</p> : (
        <table className="list compact" data-testid="stored-datasets">
          <thead><tr><th scope="col">Data set</th><th scope="col">Size</th><th scope="col">Kept since</th><th scope="col"></th></tr></thead>
          <tbody>{stored.map((d) => (
            <tr key={d.id}>
              <td>{d.name}{d.id === sourceId ? ' (open)' : ''}</td><td className="num">{mb(d.size)}</td><td>{d.savedAt.slice(0, 10)}</td>
              <td>
                {d.id !== sourceId && <button type="button" onClick={() => void openSource(d.id)}>Open</button>}
                <button type="button" aria-label={`Remove ${d.name}`} onClick={() => { if (confirm(`Remove ${d.name} and its plans from this browser?`)) void removeDataset(d.id); }}>Remove</button>
              </td>
            </tr>
          ))}</tbody>
        </table>
      )}
      {usage && <p className="muted" data-testid="storage-usage">This site uses {mb(usage.used)} of this browser's storage{Number.isFinite(usage.quota) && usage.quota > 0 ? ` (${mb(usage.quota)} available)` : ''}.</p>}
      <GeocoderSettingField />
      <h3>Sample files</h3>
      <ul className="samples">
        {SAMPLES.map(([file, label]) => <li key={file}><a href={`${import.meta.env.BASE_URL}samples/${file}`} download>{label}</a></li>)}
      </ul>
      <p className="muted">Formats and column names are described in the README. Coordinates are WGS84 longitude/latitude.</p>
    </section>
  );
}
