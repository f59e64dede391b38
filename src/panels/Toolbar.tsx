import { PlaceSearch } from './PlaceSearch';
import { usePlanner } from './plannerContext';

/** Data set, level and map mode: what the map and panels show. */
export function Toolbar() {
  const sources = usePlanner((s) => s.sources);
  const sourceId = usePlanner((s) => s.sourceId);
  const levels = usePlanner((s) => s.settings?.levels);
  const level = usePlanner((s) => s.level);
  const mapMode = usePlanner((s) => s.mapMode);
  const status = usePlanner((s) => s.status);
  const open = usePlanner((s) => s.actionOpenSource);
  const setLevel = usePlanner((s) => s.actionSetLevel);
  const setMode = usePlanner((s) => s.actionSetMapMode);
  return (
    <header className="toolbar">
      <h1>School zoning planner</h1>
      <PlaceSearch />
      <label>
        Data set{' '}
        <select value={sourceId ?? ''} onChange={(e) => void open(e.target.value)} aria-label="Data set">
          {sources.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
        </select>
      </label>
      <div role="radiogroup" aria-label="Level" className="segmented">
        {levels?.map((l) => (
          <button key={l.id} type="button" role="radio" aria-checked={level === l.id} className={level === l.id ? 'on' : ''} onClick={() => setLevel(l.id)}>{l.name}</button>
        ))}
      </div>
      <div role="radiogroup" aria-label="Map shows" className="segmented">
        <button type="button" role="radio" aria-checked={mapMode === 'catchments'} className={mapMode === 'catchments' ? 'on' : ''} onClick={() => setMode('catchments')}>Catchments</button>
        <button type="button" role="radio" aria-checked={mapMode === 'children'} className={mapMode === 'children' ? 'on' : ''} onClick={() => setMode('children')}>Children</button>
        <button type="button" role="radio" aria-checked={mapMode === 'difference'} className={mapMode === 'difference' ? 'on' : ''} onClick={() => setMode('difference')}>Differences</button>
      </div>
      <span className="status" role="status" aria-live="polite">{status === 'loading' ? 'Loading…' : status === 'computing' ? 'Computing…' : status === 'failed' ? 'Data could not be loaded' : ''}</span>
    </header>
  );
}
