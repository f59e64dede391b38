import { useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber } from '../i18n/format';
import { problemText } from './format';
import type { SourceFile } from '../store/plannerStore';
import { GeocoderSettingField } from './GeocoderSettingField';
import { usePlanner } from './plannerContext';

// file name and its catalogue key (data:sample.*)
const SAMPLES = [
  ['schools.csv', 'schoolsCsv'], ['schools.geojson', 'schoolsGeojson'], ['population.csv', 'populationCsv'],
  ['population.geojson', 'populationGeojson'], ['population.tif', 'populationTif'], ['settings.json', 'settingsJson'],
];

type Slot = 'schools' | 'population' | 'roads' | 'births' | 'settings';
const SLOTS: Slot[] = ['schools', 'population', 'roads', 'births', 'settings'];
const ACCEPT: Record<Slot, string> = { schools: '.csv,.txt,.json,.geojson', population: '.csv,.txt,.json,.geojson,.tif,.tiff', roads: '.json,.geojson', births: '.csv,.txt', settings: '.json' };

async function readFile(f: File): Promise<SourceFile> {
  return { name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) };
}

/** Guesses what a dropped file is: settings by name/JSON shape, schools, roads and births by name, else population. */
function slotOf(name: string): Slot {
  const n = name.toLowerCase();
  if (/settings/.test(n) && n.endsWith('.json')) return 'settings';
  if (/school/.test(n)) return 'schools';
  if (/road|street|network|path/.test(n) && /\.(geo)?json$/.test(n)) return 'roads';
  if (/birth/.test(n) && /\.(csv|txt)$/.test(n)) return 'births';
  return 'population';
}

/** Open your own files. Nothing replaces the current data until the new files load without errors. */
export function ImportPanel() {
  const { t } = useTranslation('data');
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
    if (!files.schools || !files.population) { setMessage(t('chooseBoth')); return; }
    const { schools, population, roads, births, settings } = files;
    const name = `${schools.name} + ${population.name}`;
    const ok = await add({
      id: `import:${name}`, name, imported: true,
      files: async () => {
        let settingsJson: unknown;
        if (settings) {
          try { settingsJson = JSON.parse(await settings.text()); } catch (e) { throw new Error(`${settings.name}: not valid JSON (${(e as Error).message})`, { cause: e }); }
        }
        return { schools: await readFile(schools), population: await readFile(population), ...(roads ? { network: await readFile(roads) } : {}), ...(births ? { births: await readFile(births) } : {}), settings: settingsJson };
      },
    });
    setMessage(ok ? t('loaded', { name }) : null);
    if (ok) setDraft({});
  };
  const mb = (b: number) => t('megabytes', { size: formatNumber(b / 1e6, 1) });
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity === 'warning');
  return (
    <section aria-label={t('planner:tabs.import')} className="import">
      <h2>{t('heading')}</h2>
      <div className={`dropzone${dragging ? ' over' : ''}`} onDragOver={(e) => { e.preventDefault(); setDragging(true); }} onDragLeave={() => setDragging(false)} onDrop={onDrop}>
        {t('drop')}
        {SLOTS.map((slot) => (
          <label key={slot} className="file">
            <span>{t(`slot.${slot}`)}</span>
            <input type="file" data-testid={`file-${slot}`} accept={ACCEPT[slot]} onChange={(e) => pick(slot, e.target.files?.[0])} />
            {files[slot] && <span className="chosen">{files[slot]!.name}</span>}
          </label>
        ))}
      </div>
      <button type="button" onClick={() => void load()} disabled={status === 'loading' || status === 'computing'}>{t('load')}</button>
      {message && <p role="status">{message}</p>}
      {errors.length > 0 && (
        <div role="alert" className="problems" data-testid="import-problems">
          <p><strong>{t('notLoaded', { name: problemsFor ?? t('theFiles') })}</strong>{t('problemCount', { count: errors.length })}</p>
          <ul>{errors.map((p, i) => <li key={i}><code>{problemText(p)}</code></li>)}</ul>
        </div>
      )}
      {errors.length === 0 && warnings.length > 0 && (
        <details className="warnings"><summary>{t('warningCount', { count: warnings.length, name: problemsFor ?? t('theFiles') })}</summary>
          <ul>{warnings.map((p, i) => <li key={i}><code>{problemText(p)}</code></li>)}</ul>
        </details>
      )}
      <h3>{t('stored')}</h3>
      {stored.length === 0 ? <p className="muted">{t('storedNone')}</p> : (
        <table className="list compact" data-testid="stored-datasets">
          <thead><tr><th scope="col">{t('col.dataset')}</th><th scope="col">{t('col.size')}</th><th scope="col">{t('col.since')}</th><th scope="col"></th></tr></thead>
          <tbody>{stored.map((d) => (
            <tr key={d.id}>
              <td>{d.name}{d.id === sourceId ? ` ${t('isOpen')}` : ''}</td><td className="num">{mb(d.size)}</td><td>{formatDate(d.savedAt, 'short')}</td>
              <td>
                {d.id !== sourceId && <button type="button" onClick={() => void openSource(d.id)}>{t('open')}</button>}
                <button type="button" aria-label={t('removeNamed', { name: d.name })} onClick={() => { if (confirm(t('removeConfirm', { name: d.name }))) void removeDataset(d.id); }}>{t('remove')}</button>
              </td>
            </tr>
          ))}</tbody>
        </table>
      )}
      {usage && <p className="muted" data-testid="storage-usage">{Number.isFinite(usage.quota) && usage.quota > 0 ? t('usageOf', { used: mb(usage.used), quota: mb(usage.quota) }) : t('usage', { used: mb(usage.used) })}</p>}
      <GeocoderSettingField />
      <h3>{t('samples')}</h3>
      <ul className="samples">
        {SAMPLES.map(([file, key]) => <li key={file}><a href={`${import.meta.env.BASE_URL}samples/${file}`} download>{t(`sample.${key}`)}</a></li>)}
      </ul>
      <p className="muted">{t('formats')}</p>
    </section>
  );
}
