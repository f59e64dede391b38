import { useMemo } from 'react';
import { FLAG_NAMES, type SchoolReport } from '../core/index';
import type { ListState } from '../store/plannerStore';
import { count, flagLabel, percent } from './format';
import { usePlanner } from './plannerContext';

const COLUMNS: { key: ListState['sortBy']; label: string }[] = [
  { key: 'name', label: 'School' },
  { key: 'type', label: 'Type' },
  { key: 'enrollment', label: 'Pupils' },
  { key: 'children', label: 'Catchment' },
  { key: 'utilization', label: 'Use' },
  { key: 'flags', label: 'Flags' },
];

const flagsOf = (r: SchoolReport) => r.flags.filter((f) => f.status === 'flagged');

function sortValue(r: SchoolReport, key: ListState['sortBy'], level: string): number | string {
  switch (key) {
    case 'name': return r.name.toLowerCase();
    case 'type': return r.type;
    case 'enrollment': return Number.isFinite(r.enrollment) ? r.enrollment : -1;
    case 'children': return r.distanceByLevel[level]?.children ?? -1;
    case 'utilization': return Number.isFinite(r.utilization) ? r.utilization : -1;
    case 'flags': return flagsOf(r).length;
  }
}

/** Sortable, filterable table of schools; choosing a row selects the school on the map. */
export function SchoolList() {
  const reports = usePlanner((s) => s.results?.reports);
  const list = usePlanner((s) => s.list);
  const level = usePlanner((s) => s.level);
  const selected = usePlanner((s) => s.selectedSchool);
  const setList = usePlanner((s) => s.actionSetList);
  const select = usePlanner((s) => s.actionSelectSchool);
  const settings = usePlanner((s) => s.settings);
  const rows = useMemo(() => {
    if (!reports || !settings) return [];
    const text = list.text.trim().toLowerCase();
    const bandOf = (u: number) => (!Number.isFinite(u) ? 'unknown' : u < settings.underUsedBelow ? 'under' : u > settings.overcrowdedAbove ? 'over' : 'target');
    const out = reports.filter((r) =>
      (!list.type || r.type === list.type) &&
      (!list.use || bandOf(r.utilization) === list.use) &&
      (!(list.minPupils >= 0) || r.enrollment >= list.minPupils) &&
      (!(list.maxPupils >= 0) || r.enrollment <= list.maxPupils) &&
      (!text || r.name.toLowerCase().includes(text) || r.id.toLowerCase().includes(text)) &&
      (!list.flag || (list.flag === 'any_flag' ? flagsOf(r).length > 0 : r.flags.some((f) => f.flag === list.flag && f.status === 'flagged'))));
    out.sort((a, b) => {
      const x = sortValue(a, list.sortBy, level), y = sortValue(b, list.sortBy, level);
      const c = x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : 1;
      return list.descending ? -c : c;
    });
    return out;
  }, [reports, list, level, settings]);
  if (!reports) return <p>Loading…</p>;
  const types = [...new Set(reports.map((r) => r.type))].sort();
  return (
    <section aria-label="Schools" className="school-list">
      <div className="filters">
        <input type="search" placeholder="Find a school" aria-label="Find a school" value={list.text} onChange={(e) => setList({ text: e.target.value })} />
        <select aria-label="Filter by flag" value={list.flag} onChange={(e) => setList({ flag: e.target.value })}>
          <option value="">Any flag or none</option>
          <option value="any_flag">Flagged</option>
          {FLAG_NAMES.map((f) => <option key={f} value={f}>{flagLabel(f)}</option>)}
        </select>
        <select aria-label="Filter by type" value={list.type} onChange={(e) => setList({ type: e.target.value })}>
          <option value="">All types</option>
          {types.map((t) => <option key={t} value={t}>{flagLabel(t)}</option>)}
        </select>
        <select aria-label="Filter by utilization" value={list.use} onChange={(e) => setList({ use: e.target.value as ListState['use'] })}>
          <option value="">Any utilization</option>
          <option value="under">Under-used</option>
          <option value="target">Within the bands</option>
          <option value="over">Over capacity</option>
          <option value="unknown">Capacity unknown</option>
        </select>
        <label className="range">Pupils
          <input inputMode="numeric" aria-label="Pupils at least" placeholder="min" value={Number.isFinite(list.minPupils) ? list.minPupils : ''} onChange={(e) => setList({ minPupils: e.target.value === '' ? NaN : Number(e.target.value) })} />
          –
          <input inputMode="numeric" aria-label="Pupils at most" placeholder="max" value={Number.isFinite(list.maxPupils) ? list.maxPupils : ''} onChange={(e) => setList({ maxPupils: e.target.value === '' ? NaN : Number(e.target.value) })} />
        </label>
      </div>
      <p className="muted" aria-live="polite">{rows.length} of {reports.length} schools</p>
      <div className="table-scroll">
        <table className="list">
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th key={c.key} scope="col" aria-sort={list.sortBy === c.key ? (list.descending ? 'descending' : 'ascending') : 'none'}>
                  <button type="button" onClick={() => setList(list.sortBy === c.key ? { descending: !list.descending } : { sortBy: c.key, descending: c.key !== 'name' && c.key !== 'type' })}>
                    {c.label}{list.sortBy === c.key ? (list.descending ? ' ▼' : ' ▲') : ''}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} aria-selected={r.id === selected} className={r.id === selected ? 'selected' : ''}>
                <td><button type="button" className="link" onClick={() => select(r.id)}>{r.name}</button></td>
                <td>{flagLabel(r.type)}{r.status !== 'open' ? ` (${r.status})` : ''}</td>
                <td className="num">{count(r.enrollment)}</td>
                <td className="num">{count(r.distanceByLevel[level]?.children)}</td>
                <td className="num">{percent(r.utilization)}</td>
                <td>{flagsOf(r).map((f) => flagLabel(f.flag)).filter((x, i, a) => a.indexOf(x) === i).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
