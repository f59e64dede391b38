import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { i18n } from '../i18n/i18n';
import { formatNumber } from '../i18n/format';
import { DEFAULT_YIELD_PER_HOME, movesCsv, outcomesCsv, type Outcomes, type ScenarioAction, type TravelStats } from '../core/index';
import { BalanceOutcomes } from './BalanceOutcomes';
import { download } from './exports';
import { PrintReport } from './PrintReport';
import { ScenarioComparison } from './ScenarioComparison';
import { assessed, count, flagLabel, km, levelInline, levelName, one, percent, typeName } from './format';
import { usePlanner } from './plannerContext';

/** Human words for a layout action. */
export function describeAction(a: ScenarioAction, nameOf: (id: string) => string): string {
  const t = (key: string, o: Record<string, unknown> = {}) => i18n.t(`plans:action.${key}`, o);
  const none = i18n.t('plans:action.none');
  switch (a.kind) {
    case 'close': return a.receiver ? t('closeInto', { school: nameOf(a.school), receiver: nameOf(a.receiver) }) : t('close', { school: nameOf(a.school) });
    case 'merge': return t('merge', { school: nameOf(a.school), into: nameOf(a.into) }) + (a.campusRetained ? t('campusRetained') : '') + (a.moveStaff ? t('staffMove') : '');
    case 'teaching_point': return t('teachingPoint', { school: nameOf(a.school), grade: a.keepUpTo.toUpperCase(), into: nameOf(a.into) });
    case 'open': return a.capacity ? t('openPlaces', { name: a.name, type: typeName(a.type), places: count(a.capacity) }) : t('open', { name: a.name, type: typeName(a.type) });
    case 'change': return t('change', { school: nameOf(a.school), what: [a.type ? t('becomes', { type: typeName(a.type) }) : '', a.capacity !== undefined ? t('capacity', { value: a.capacity ?? none }) : '', a.classrooms !== undefined ? t('classrooms', { value: a.classrooms ?? none }) : ''].filter(Boolean).join(i18n.t('common:separator')) });
    case 'housing': return t('housing', { name: a.name, homes: count(a.homes), yields: Object.entries(a.yieldPerHome).map(([l, y]) => t('perHome', { level: levelInline(l), value: y })).join(i18n.t('common:separator')) });
  }
}

function Travel({ label, t }: { label: string; t: TravelStats }) {
  return <tr><th scope="row">{label}</th><td className="num">{km(t.meanM)}</td><td className="num">{km(t.p90M)}</td><td className="num">{km(t.maxM)}</td><td className="num">{count(t.beyondStandard)}</td></tr>;
}

/** The outcome tables of a scenario against the baseline. */
export function OutcomeTables({ o, nameOf }: { o: Outcomes; nameOf: (id: string) => string }) {
  const { t } = useTranslation('plans');
  const flagsOf = (list: Outcomes['flagsResolved']) => list.map((f) => `${nameOf(f.id)}: ${flagLabel(f.flag)}`).join('; ') || t('action.none');
  return (
    <div className="outcomes" data-testid="outcomes">
      <table className="list compact"><thead><tr><th scope="col">{t('planner:toolbar.level')}</th><th scope="col">{t('outcome.schoolsBefore')}</th><th scope="col">{t('outcome.after')}</th><th scope="col">{t('outcome.moved')}</th></tr></thead>
        <tbody>{o.schoolsByLevel.map((l) => <tr key={l.level}><td>{levelName(l.level)}</td><td className="num">{l.before}</td><td className="num">{l.after}</td><td className="num" data-testid={`moved-${l.level}`}>{count(o.childrenMoved[l.level])}</td></tr>)}</tbody></table>
      {Object.entries(o.travel).map(([level, tr]) => (
        <table key={level} className="list compact"><caption>{t('outcome.travel', { level: levelInline(level) })}</caption>
          <thead><tr><th scope="col"></th><th scope="col">{t('outcome.mean')}</th><th scope="col">{t('outcome.p90')}</th><th scope="col">{t('outcome.max')}</th><th scope="col">{t('outcome.beyond')}</th></tr></thead>
          <tbody><Travel label={t('outcome.allBefore')} t={tr.allBefore} /><Travel label={t('outcome.allAfter')} t={tr.allAfter} /><Travel label={t('outcome.moversBefore')} t={tr.moversBefore} /><Travel label={t('outcome.moversAfter')} t={tr.moversAfter} /></tbody>
        </table>
      ))}
      {o.receiving.length > 0 && (
        <table className="list compact"><caption>{t('outcome.receiving')}</caption>
          <thead><tr><th scope="col">{t('common:school')}</th><th scope="col">{t('outcome.gains')}</th><th scope="col">{t('outcome.useBefore')}</th><th scope="col">{t('outcome.after')}</th><th scope="col">{t('outcome.classAfter')}</th><th scope="col">{t('outcome.classesRooms')}</th></tr></thead>
          <tbody>{o.receiving.map((r) => <tr key={r.id}><td>{r.name}</td><td className="num">{count(r.gained)}</td><td className="num">{assessed(r.utilizationBefore, percent)}</td><td className="num">{assessed(r.utilizationAfter, percent)}</td><td className="num">{one(r.avgClassAfter)}</td><td className="num">{r.classesNeeded} / {count(r.classrooms)}</td></tr>)}</tbody>
        </table>
      )}
      <p><strong>{t('outcome.resolved')}</strong> ({o.flagsResolved.length}){t('common:colon')}{flagsOf(o.flagsResolved)}</p>
      <p><strong>{t('outcome.created')}</strong> ({o.flagsCreated.length}){t('common:colon')}{flagsOf(o.flagsCreated)}</p>
      <p><strong>{t('outcome.freed')}</strong>{t('common:colon')}<span data-testid="capacity-freed">{assessed(o.capacityFreed, (x) => t('outcome.places', { places: count(x) }))}</span>{o.largestIncreases.length ? t('outcome.largestIncrease', { distance: km(o.largestIncreases[0].distanceAfterM - o.largestIncreases[0].distanceBeforeM), area: o.largestIncreases[0].unitId }) : ''}</p>
      <BalanceOutcomes o={o} />
    </div>
  );
}

/** Layout scenarios: changes to the school network and what they do. */
export function LayoutPanel() {
  const { t } = useTranslation('plans');
  const ds = usePlanner((s) => s.dataset);
  const results = usePlanner((s) => s.results);
  const settings = usePlanner((s) => s.settings);
  const plan = usePlanner((s) => s.plans.find((p) => p.id === s.activePlanId) ?? null);
  const selected = usePlanner((s) => s.selectedSchool);
  const add = usePlanner((s) => s.actionAddLayoutAction);
  const remove = usePlanner((s) => s.actionRemoveLayoutAction);
  const setTool = usePlanner((s) => s.actionSetTool);
  const pending = usePlanner((s) => s.pendingPoint);
  const clearPending = usePlanner((s) => s.actionSetPendingPoint);
  const [receiver, setReceiver] = useState('');
  const [campus, setCampus] = useState(false);
  const [keepUpTo, setKeepUpTo] = useState('');
  const [form, setForm] = useState({ name: i18n.t('plans:layout.newSchool'), type: 'primary', capacity: '', classrooms: '', homes: '500' });
  if (!ds || !results || !settings) return <p>{t('common:loading')}</p>;
  const sv = results.schools;
  const nameOf = (id: string) => sv.names[sv.ids.indexOf(id)] ?? id;
  const si = selected ? sv.ids.indexOf(selected) : -1;
  const served = si >= 0 ? settings.schoolTypes[sv.types[si]]?.levels ?? [] : [];
  const peers = sv.ids.map((id, i) => ({ id, i })).filter(({ i }) => i !== si && sv.status[i] === 'open' && served.every((l) => settings.schoolTypes[sv.types[i]]?.levels.includes(l)));
  const grades = served.length ? settings.levels.find((l) => l.id === served[0])!.grades : [];
  const actions = plan?.actions ?? [];
  const o = results.outcomes;
  return (
    <section aria-label={t('layout.heading')} className="layout-panel">
      <h2>{t('layout.heading')}{plan ? `${t('common:colon')}${plan.name}` : ''}</h2>
      <p className="muted">{t('layout.intro')}</p>
      <ol className="actions" data-testid="layout-actions">
 {actions.map((a, i) => <li key={a.id ?? i}>{describeAction(a, nameOf)} <button type="button" className="link no-print" onClick={() => void remove(i)} aria-label={t('layout.removeNamed', { what: describeAction(a, nameOf) })}>{t('layout.remove')}</button></li>)}
        {actions.length === 0 && <li className="muted">{t('layout.noChanges')}</li>}
      </ol>
      {results.scenarioProblems.length > 0 && <ul className="problems">{results.scenarioProblems.map((p, i) => <li key={i}>{p}</li>)}</ul>}

      <h3 className="no-print">{t('layout.changeSelected')}</h3>
      {si < 0 ? <p className="muted no-print">{t('layout.selectFirst')}</p> : (
        <div className="layout-form">
          <p><strong>{sv.names[si]}</strong></p>
          <label>{t('layout.receiver')} <select aria-label={t('layout.receiver')} value={receiver} onChange={(e) => setReceiver(e.target.value)}>
            <option value="">{t('layout.nearestRemaining')}</option>
            {peers.map(({ id, i }) => <option key={id} value={id}>{sv.names[i]}</option>)}
          </select></label>
          <div className="buttons wrap">
            <button type="button" onClick={() => void add({ kind: 'close', school: selected!, receiver: receiver || undefined })}>{t('layout.close')}</button>
            <label><input type="checkbox" checked={campus} onChange={(e) => setCampus(e.target.checked)} /> {t('layout.campus')}</label>
            <button type="button" disabled={!receiver} onClick={() => void add({ kind: 'merge', school: selected!, into: receiver, campusRetained: campus, moveStaff: true })}>{t('layout.merge')}</button>
          </div>
          <div className="buttons wrap">
            <label>{t('layout.keepUpTo')} <select aria-label={t('layout.keepUpTo')} value={keepUpTo} onChange={(e) => setKeepUpTo(e.target.value)}>
              <option value="">{t('layout.choose')}</option>{grades.slice(0, -1).map((g) => <option key={g} value={g}>{g.toUpperCase()}</option>)}
            </select></label>
            <button type="button" disabled={!receiver || !keepUpTo} onClick={() => void add({ kind: 'teaching_point', school: selected!, into: receiver, keepUpTo })}>{t('layout.teachingPoint')}</button>
          </div>
          <label>{t('layout.becomes')} <select aria-label={t('layout.changeType')} value="" onChange={(e) => { if (e.target.value) void add({ kind: 'change', school: selected!, type: e.target.value }); }}>
            <option value="">{t('layout.otherType')}</option>
            {Object.keys(settings.schoolTypes).filter((x) => x !== sv.types[si] && settings.schoolTypes[x].zoned).map((x) => <option key={x} value={x}>{typeName(x)}</option>)}
          </select></label>
        </div>
      )}

      <h3 className="no-print">{t('layout.openOrHousing')}</h3>
      <div className="buttons wrap">
        <button type="button" onClick={() => setTool('place')}>{t('layout.place')}</button>
        {pending && <span className="muted">{t('layout.at', { lon: pending.lon.toFixed(4), lat: pending.lat.toFixed(4) })}</span>}
      </div>
      {pending && (
        <div className="layout-form">
          <label>{t('layout.name')} <input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} /></label>
          <label>{t('layout.type')} <select value={form.type} onChange={(e) => setForm({ ...form, type: e.target.value })}>{Object.keys(settings.schoolTypes).filter((x) => settings.schoolTypes[x].zoned).map((x) => <option key={x} value={x}>{typeName(x)}</option>)}</select></label>
          <label>{t('planner:term.capacity')} <input inputMode="numeric" value={form.capacity} onChange={(e) => setForm({ ...form, capacity: e.target.value })} /></label>
          <label>{t('planner:term.classrooms')} <input inputMode="numeric" value={form.classrooms} onChange={(e) => setForm({ ...form, classrooms: e.target.value })} /></label>
          <div className="buttons wrap">
            <button type="button" onClick={() => {
              // the core gives the school its id (never reused); the name only needs to read well
              const n = actions.filter((a) => a.kind === 'open').length + 1;
              void add({ kind: 'open', name: form.name || t('layout.newSchoolN', { n }), type: form.type, lon: pending.lon, lat: pending.lat, capacity: form.capacity ? Number(form.capacity) : null, classrooms: form.classrooms ? Number(form.classrooms) : null });
              clearPending(null);
            }}>{t('layout.openSchool')}</button>
            <label>{t('layout.homes')} <input inputMode="numeric" value={form.homes} onChange={(e) => setForm({ ...form, homes: e.target.value })} /></label>
            <button type="button" onClick={() => {
              const yields = Object.fromEntries(settings.levels.map((l) => [l.id, DEFAULT_YIELD_PER_HOME[l.id] ?? 0.1]));
              void add({ kind: 'housing', name: t('layout.housingN', { n: actions.filter((a) => a.kind === 'housing').length + 1 }), ring: null, lon: pending.lon, lat: pending.lat, homes: Number(form.homes) || 0, yieldPerHome: yields, occupiedYear: settings.projection.baseYear });
              clearPending(null);
            }}>{t('layout.addHousing')}</button>
          </div>
          <p className="muted">{t('layout.yield', { yields: settings.levels.map((l) => `${levelInline(l.id, l.name)} ${formatNumber(DEFAULT_YIELD_PER_HOME[l.id] ?? 0.1, 2)}`).join(t('common:separator')) })}</p>
        </div>
      )}

      <h3>{t('outcome.heading')}</h3>
      {o ? <OutcomeTables o={o} nameOf={nameOf} /> : <p className="muted">{t('outcome.none')}</p>}
      <div className="buttons wrap">
        {o && <button type="button" onClick={() => download('outcomes.csv', outcomesCsv(o), 'text/csv')}>{t('file.outcomes')}</button>}
        {o && results.moves && <button type="button" onClick={() => download('moves.csv', movesCsv(results.moves!), 'text/csv')}>{t('file.moves')}</button>}
      </div>
      <PrintReport />
      <h3>{t('compare.heading')}</h3>
      <ScenarioComparison />
      <h3>{t('mergers.heading')}</h3>
      <p className="muted">{t('mergers.intro')}</p>
      <table className="list compact" data-testid="mergers"><thead><tr><th scope="col">{t('common:school')}</th><th scope="col">{t('planner:list.col.enrollment')}</th><th scope="col">{t('mergers.into')}</th><th scope="col">{t('mergers.added')}</th><th scope="col">{t('mergers.spare')}</th><th scope="col"></th></tr></thead>
        <tbody>{results.mergers.slice(0, 40).map((m) => (
          <tr key={m.school} className={m.respectsStandard ? '' : 'muted'}>
            <td>{m.name}</td><td className="num">{count(m.enrollment)}</td><td>{m.receiverName ?? '—'}</td>
            <td className="num" title={m.noteCoded ? t(`mergers.note.${m.noteCoded.code}`, { ...m.noteCoded.params, share: percent(Number(m.noteCoded.params.share)) }) : undefined}>{km(m.addedTravelPerPupilM)}{m.respectsStandard ? '' : ' ⚠'}</td>
            <td className="num">{m.spareKnown ? assessed(m.receiverUtilizationAfter, (x) => t('mergers.usedAfter', { share: percent(x) })) : t('common:notAssessed')}</td>
            <td>{m.receiver && <button type="button" onClick={() => void add({ kind: 'merge', school: m.school, into: m.receiver!, campusRetained: false, moveStaff: true })} aria-label={t('mergers.mergeNamed', { name: m.name, into: m.receiverName })}>{t('mergers.merge')}</button>}</td>
          </tr>
        ))}</tbody>
      </table>
    </section>
  );
}
