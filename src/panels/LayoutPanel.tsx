import { useState } from 'react';
import { DEFAULT_YIELD_PER_HOME, movesCsv, outcomesCsv, type Outcomes, type ScenarioAction, type TravelStats } from '../core/index';
import { BalanceOutcomes } from './BalanceOutcomes';
import { download } from './exports';
import { PrintReport } from './PrintReport';
import { ScenarioComparison } from './ScenarioComparison';
import { assessed, count, flagLabel, km, one, percent } from './format';
import { usePlanner } from './plannerContext';

/** Human words for a layout action. */
export function describeAction(a: ScenarioAction, nameOf: (id: string) => string): string {
  switch (a.kind) {
    case 'close': return `Close ${nameOf(a.school)}${a.receiver ? `; its children go to ${nameOf(a.receiver)}` : '; its children go to their nearest school'}`;
    case 'merge': return `Merge ${nameOf(a.school)} into ${nameOf(a.into)}${a.campusRetained ? ' (campus retained)' : ''}${a.moveStaff ? ', staff move' : ''}`;
    case 'teaching_point': return `${nameOf(a.school)} keeps grades up to ${a.keepUpTo.toUpperCase()}; older pupils go to ${nameOf(a.into)}`;
    case 'open': return `Open ${a.name} (${flagLabel(a.type)}${a.capacity ? `, ${a.capacity} places` : ''})`;
    case 'change': return `Change ${nameOf(a.school)}: ${[a.type ? `becomes ${flagLabel(a.type)}` : '', a.capacity !== undefined ? `capacity ${a.capacity ?? 'none'}` : '', a.classrooms !== undefined ? `classrooms ${a.classrooms ?? 'none'}` : ''].filter(Boolean).join(', ')}`;
    case 'housing': return `Housing: ${a.name}, ${a.homes} homes (${Object.entries(a.yieldPerHome).map(([l, y]) => `${l} ${y}/home`).join(', ')})`;
  }
}

function Travel({ label, t }: { label: string; t: TravelStats }) {
  return <tr><th scope="row">{label}</th><td className="num">{km(t.meanM)}</td><td className="num">{km(t.p90M)}</td><td className="num">{km(t.maxM)}</td><td className="num">{count(t.beyondStandard)}</td></tr>;
}

/** The outcome tables of a scenario against the baseline. */
export function OutcomeTables({ o, nameOf }: { o: Outcomes; nameOf: (id: string) => string }) {
  return (
    <div className="outcomes" data-testid="outcomes">
      <table className="list compact"><thead><tr><th scope="col">Level</th><th scope="col">Schools before</th><th scope="col">after</th><th scope="col">Children changing school</th></tr></thead>
        <tbody>{o.schoolsByLevel.map((l) => <tr key={l.level}><td>{l.level}</td><td className="num">{l.before}</td><td className="num">{l.after}</td><td className="num" data-testid={`moved-${l.level}`}>{count(o.childrenMoved[l.level])}</td></tr>)}</tbody></table>
      {Object.entries(o.travel).map(([level, t]) => (
        <table key={level} className="list compact"><caption>Travel, {level}</caption>
          <thead><tr><th scope="col"></th><th scope="col">Mean</th><th scope="col">90%</th><th scope="col">Max</th><th scope="col">Beyond standard</th></tr></thead>
          <tbody><Travel label="All, before" t={t.allBefore} /><Travel label="All, after" t={t.allAfter} /><Travel label="Movers, before" t={t.moversBefore} /><Travel label="Movers, after" t={t.moversAfter} /></tbody>
        </table>
      ))}
      {o.receiving.length > 0 && (
        <table className="list compact"><caption>Receiving schools</caption>
          <thead><tr><th scope="col">School</th><th scope="col">Gains</th><th scope="col">Use before</th><th scope="col">after</th><th scope="col">Class after</th><th scope="col">Classes needed / rooms</th></tr></thead>
          <tbody>{o.receiving.map((r) => <tr key={r.id}><td>{r.name}</td><td className="num">{count(r.gained)}</td><td className="num">{assessed(r.utilizationBefore, percent)}</td><td className="num">{assessed(r.utilizationAfter, percent)}</td><td className="num">{one(r.avgClassAfter)}</td><td className="num">{r.classesNeeded} / {count(r.classrooms)}</td></tr>)}</tbody>
        </table>
      )}
      <p><strong>Flags resolved</strong> ({o.flagsResolved.length}): {o.flagsResolved.map((f) => `${nameOf(f.id)}: ${flagLabel(f.flag)}`).join('; ') || 'none'}</p>
      <p><strong>Flags created</strong> ({o.flagsCreated.length}): {o.flagsCreated.map((f) => `${nameOf(f.id)}: ${flagLabel(f.flag)}`).join('; ') || 'none'}</p>
      <p><strong>Capacity freed</strong>: <span data-testid="capacity-freed">{assessed(o.capacityFreed, (x) => `${count(x)} places`)}</span>{o.largestIncreases.length ? `; largest travel increase ${km(o.largestIncreases[0].distanceAfterM - o.largestIncreases[0].distanceBeforeM)} (area ${o.largestIncreases[0].unitId})` : ''}</p>
      <BalanceOutcomes o={o} />
    </div>
  );
}

/** Layout scenarios: changes to the school network and what they do. */
export function LayoutPanel() {
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
  const [form, setForm] = useState({ name: 'New school', type: 'primary', capacity: '', classrooms: '', homes: '500' });
  if (!ds || !results || !settings) return <p>Loading…</p>;
  const sv = results.schools;
  const nameOf = (id: string) => sv.names[sv.ids.indexOf(id)] ?? id;
  const si = selected ? sv.ids.indexOf(selected) : -1;
  const served = si >= 0 ? settings.schoolTypes[sv.types[si]]?.levels ?? [] : [];
  const peers = sv.ids.map((id, i) => ({ id, i })).filter(({ i }) => i !== si && sv.status[i] === 'open' && served.every((l) => settings.schoolTypes[sv.types[i]]?.levels.includes(l)));
  const grades = served.length ? settings.levels.find((l) => l.id === served[0])!.grades : [];
  const actions = plan?.actions ?? [];
  const o = results.outcomes;
  return (
    <section aria-label="Layout scenario" className="layout-panel">
      <h2>Layout scenario{plan ? `: ${plan.name}` : ''}</h2>
      <p className="muted">Changes to the school network, applied in order on top of the zones of the active plan; adding one to the baseline starts a new plan.</p>
      <ol className="actions" data-testid="layout-actions">
 {actions.map((a, i) => <li key={a.id ?? i}>{describeAction(a, nameOf)} <button type="button" className="link no-print" onClick={() => void remove(i)} aria-label={`Remove: ${describeAction(a, nameOf)}`}>remove</button></li>)}
        {actions.length === 0 && <li className="muted">No changes yet.</li>}
      </ol>
      {results.scenarioProblems.length > 0 && <ul className="problems">{results.scenarioProblems.map((p, i) => <li key={i}>{p}</li>)}</ul>}

      <h3 className="no-print">Change the selected school</h3>
      {si < 0 ? <p className="muted no-print">Select a school on the map or in the list.</p> : (
        <div className="layout-form">
          <p><strong>{sv.names[si]}</strong></p>
          <label>Receiving school <select aria-label="Receiving school" value={receiver} onChange={(e) => setReceiver(e.target.value)}>
            <option value="">nearest remaining school</option>
            {peers.map(({ id, i }) => <option key={id} value={id}>{sv.names[i]}</option>)}
          </select></label>
          <div className="buttons wrap">
            <button type="button" onClick={() => void add({ kind: 'close', school: selected!, receiver: receiver || undefined })}>Close</button>
            <label><input type="checkbox" checked={campus} onChange={(e) => setCampus(e.target.checked)} /> campus retained</label>
            <button type="button" disabled={!receiver} onClick={() => void add({ kind: 'merge', school: selected!, into: receiver, campusRetained: campus, moveStaff: true })}>Merge into the receiver</button>
          </div>
          <div className="buttons wrap">
            <label>Keep grades up to <select aria-label="Keep grades up to" value={keepUpTo} onChange={(e) => setKeepUpTo(e.target.value)}>
              <option value="">choose</option>{grades.slice(0, -1).map((g) => <option key={g} value={g}>{g.toUpperCase()}</option>)}
            </select></label>
            <button type="button" disabled={!receiver || !keepUpTo} onClick={() => void add({ kind: 'teaching_point', school: selected!, into: receiver, keepUpTo })}>Make a teaching point</button>
          </div>
          <label>Becomes <select aria-label="Change the school type" value="" onChange={(e) => { if (e.target.value) void add({ kind: 'change', school: selected!, type: e.target.value }); }}>
            <option value="">a school of another type…</option>
            {Object.keys(settings.schoolTypes).filter((t) => t !== sv.types[si] && settings.schoolTypes[t].zoned).map((t) => <option key={t} value={t}>{flagLabel(t)}</option>)}
          </select></label>
        </div>
      )}

      <h3 className="no-print">Open a school or add housing</h3>
      <div className="buttons wrap">
        <button type="button" onClick={() => setTool('place')}>Click the map to place…</button>
        {pending && <span className="muted">at {pending.lon.toFixed(4)}, {pending.lat.toFixed(4)}</span>}
      </div>
      {pending && (
        <div className="layout-form">
          <label>Name <input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} /></label>
          <label>Type <select value={form.type} onChange={(e) => setForm({ ...form, type: e.target.value })}>{Object.keys(settings.schoolTypes).filter((t) => settings.schoolTypes[t].zoned).map((t) => <option key={t} value={t}>{flagLabel(t)}</option>)}</select></label>
          <label>Capacity <input inputMode="numeric" value={form.capacity} onChange={(e) => setForm({ ...form, capacity: e.target.value })} /></label>
          <label>Classrooms <input inputMode="numeric" value={form.classrooms} onChange={(e) => setForm({ ...form, classrooms: e.target.value })} /></label>
          <div className="buttons wrap">
            <button type="button" onClick={() => {
              // the core gives the school its id (never reused); the name only needs to read well
              const n = actions.filter((a) => a.kind === 'open').length + 1;
              void add({ kind: 'open', name: form.name || `New school ${n}`, type: form.type, lon: pending.lon, lat: pending.lat, capacity: form.capacity ? Number(form.capacity) : null, classrooms: form.classrooms ? Number(form.classrooms) : null });
              clearPending(null);
            }}>Open this school</button>
            <label>Homes <input inputMode="numeric" value={form.homes} onChange={(e) => setForm({ ...form, homes: e.target.value })} /></label>
            <button type="button" onClick={() => {
              const yields = Object.fromEntries(settings.levels.map((l) => [l.id, DEFAULT_YIELD_PER_HOME[l.id] ?? 0.1]));
              void add({ kind: 'housing', name: `Housing ${actions.filter((a) => a.kind === 'housing').length + 1}`, ring: null, lon: pending.lon, lat: pending.lat, homes: Number(form.homes) || 0, yieldPerHome: yields, occupiedYear: settings.projection.baseYear });
              clearPending(null);
            }}>Add housing here</button>
          </div>
          <p className="muted">Pupil yield per home (assumed, editable in the project file): {settings.levels.map((l) => `${l.id} ${DEFAULT_YIELD_PER_HOME[l.id] ?? 0.1}`).join(', ')}.</p>
        </div>
      )}

      <h3>Outcomes against the baseline</h3>
      {o ? <OutcomeTables o={o} nameOf={nameOf} /> : <p className="muted">Add a change to see its outcomes.</p>}
      <div className="buttons wrap">
        {o && <button type="button" onClick={() => download('outcomes.csv', outcomesCsv(o), 'text/csv')}>Outcomes (CSV)</button>}
        {o && results.moves && <button type="button" onClick={() => download('moves.csv', movesCsv(results.moves!), 'text/csv')}>Moves (CSV)</button>}
      </div>
      <PrintReport />
      <h3>Compare scenarios</h3>
      <ScenarioComparison />
      <h3>Merger suggestions</h3>
      <p className="muted">Undersized schools with the nearest receiving school of the same levels that has spare places and keeps the moved children within the distance standard, least added travel first.</p>
      <table className="list compact" data-testid="mergers"><thead><tr><th scope="col">School</th><th scope="col">Pupils</th><th scope="col">Into</th><th scope="col">Added travel</th><th scope="col">Spare places</th><th scope="col"></th></tr></thead>
        <tbody>{results.mergers.slice(0, 40).map((m) => (
          <tr key={m.school} className={m.respectsStandard ? '' : 'muted'}>
            <td>{m.name}</td><td className="num">{count(m.enrollment)}</td><td>{m.receiverName ?? '—'}</td>
            <td className="num" title={m.note}>{km(m.addedTravelPerPupilM)}{m.respectsStandard ? '' : ' ⚠'}</td>
            <td className="num">{m.spareKnown ? assessed(m.receiverUtilizationAfter, (x) => `${percent(x)} used after`) : 'not assessed'}</td>
            <td>{m.receiver && <button type="button" onClick={() => void add({ kind: 'merge', school: m.school, into: m.receiver!, campusRetained: false, moveStaff: true })} aria-label={`Merge ${m.name} into ${m.receiverName}`}>Merge</button>}</td>
          </tr>
        ))}</tbody>
      </table>
    </section>
  );
}
