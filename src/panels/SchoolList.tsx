import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { FLAG_NAMES, type SchoolReport } from '../core/index';
import type { ListState } from '../store/plannerStore';
import { count, flagLabel, percent, statusName, typeName } from './format';
import { usePlanner } from './plannerContext';

const COLUMNS: ListState['sortBy'][] = ['name', 'type', 'enrollment', 'children', 'utilization', 'flags'];

// Chinese breaks between any two characters: short headings stay on one line
const NOWRAP = { whiteSpace: 'nowrap' } as const;

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
  const { t } = useTranslation('planner');
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
  if (!reports) return <p>{t('common:loading')}</p>;
  const types = [...new Set(reports.map((r) => r.type))].sort();
  return (
    <section aria-label={t('tabs.schools')} className="school-list">
      <div className="filters">
        <input type="search" placeholder={t('list.find')} aria-label={t('list.find')} value={list.text} onChange={(e) => setList({ text: e.target.value })} />
        <select aria-label={t('list.byFlag')} value={list.flag} onChange={(e) => setList({ flag: e.target.value })}>
          <option value="">{t('list.anyFlag')}</option>
          <option value="any_flag">{t('list.flagged')}</option>
          {FLAG_NAMES.map((f) => <option key={f} value={f}>{flagLabel(f)}</option>)}
        </select>
        <select aria-label={t('list.byType')} value={list.type} onChange={(e) => setList({ type: e.target.value })}>
          <option value="">{t('list.allTypes')}</option>
          {types.map((x) => <option key={x} value={x}>{typeName(x)}</option>)}
        </select>
        <select aria-label={t('list.byUse')} value={list.use} onChange={(e) => setList({ use: e.target.value as ListState['use'] })}>
          <option value="">{t('list.anyUse')}</option>
          <option value="under">{t('list.useUnder')}</option>
          <option value="target">{t('list.useTarget')}</option>
          <option value="over">{t('list.useOver')}</option>
          <option value="unknown">{t('list.useUnknown')}</option>
        </select>
        <label className="range"><span style={NOWRAP}>{t('list.col.enrollment')}</span>
          <input inputMode="numeric" aria-label={t('list.pupilsMin')} placeholder={t('list.min')} value={Number.isFinite(list.minPupils) ? list.minPupils : ''} onChange={(e) => setList({ minPupils: e.target.value === '' ? NaN : Number(e.target.value) })} />
          –
          <input inputMode="numeric" aria-label={t('list.pupilsMax')} placeholder={t('list.max')} value={Number.isFinite(list.maxPupils) ? list.maxPupils : ''} onChange={(e) => setList({ maxPupils: e.target.value === '' ? NaN : Number(e.target.value) })} />
        </label>
      </div>
      <p className="muted" aria-live="polite">{t('list.shown', { shown: rows.length, count: reports.length })}</p>
      <div className="table-scroll">
        <table className="list">
          <thead>
            <tr>
              {COLUMNS.map((key) => (
                <th key={key} scope="col" aria-sort={list.sortBy === key ? (list.descending ? 'descending' : 'ascending') : 'none'}>
                  <button type="button" style={NOWRAP} onClick={() => setList(list.sortBy === key ? { descending: !list.descending } : { sortBy: key, descending: key !== 'name' && key !== 'type' })}>
                    {t(`list.col.${key}`)}{list.sortBy === key ? (list.descending ? ' ▼' : ' ▲') : ''}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} aria-selected={r.id === selected} className={r.id === selected ? 'selected' : ''}>
                <td><button type="button" className="link" onClick={() => select(r.id)}>{r.name}</button></td>
                <td>{typeName(r.type)}{r.status !== 'open' ? ` (${statusName(r.status)})` : ''}</td>
                <td className="num">{count(r.enrollment)}</td>
                <td className="num">{count(r.distanceByLevel[level]?.children)}</td>
                <td className="num">{percent(r.utilization)}</td>
                <td>{flagsOf(r).map((f) => flagLabel(f.flag)).filter((x, i, a) => a.indexOf(x) === i).join(t('common:separator'))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
