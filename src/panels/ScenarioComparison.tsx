import { useState } from 'react';
import type { Outcomes } from '../core/index';
import { assessed, count, km } from './format';
import { usePlanner } from './plannerContext';

type Row = { label: string; value: (o: Outcomes) => number; better: 'lower' | 'higher' | null; format: (x: number) => string };

/** Two or more scenarios side by side; the better value of each row is marked. */
export function ScenarioComparison() {
  const plans = usePlanner((s) => s.plans);
  const levels = usePlanner((s) => s.settings?.levels ?? []);
  const compare = usePlanner((s) => s.compareScenarios);
  const [chosen, setChosen] = useState<string[]>([]);
  const [rows, setRows] = useState<Awaited<ReturnType<typeof compare>> | null>(null);
  if (plans.length < 2) return <p className="muted">Save two or more plans to compare them side by side.</p>;
  const defs: Row[] = [
    ...levels.flatMap((l): Row[] => [
      // fewer schools is neither better nor worse in itself: no mark
      { label: `${l.name} schools`, value: (o) => o.schoolsByLevel.find((x) => x.level === l.id)?.after ?? NaN, better: null, format: count },
      { label: `${l.name} children changing school`, value: (o) => o.childrenMoved[l.id] ?? NaN, better: 'lower', format: count },
      { label: `${l.name} mean distance`, value: (o) => o.travel[l.id]?.allAfter.meanM ?? NaN, better: 'lower', format: km },
      { label: `${l.name} 90% within`, value: (o) => o.travel[l.id]?.allAfter.p90M ?? NaN, better: 'lower', format: km },
      { label: `${l.name} children beyond the standard`, value: (o) => o.travel[l.id]?.allAfter.beyondStandard ?? NaN, better: 'lower', format: count },
    ]),
    { label: 'Flags resolved', value: (o) => o.flagsResolved.length, better: 'higher', format: count },
    { label: 'Flags created', value: (o) => o.flagsCreated.length, better: 'lower', format: count },
    { label: 'Capacity freed', value: (o) => o.capacityFreed, better: 'higher', format: (x) => assessed(x, count) },
    // every balance indicator's CV after each plan, the baseline's beside its name
    ...(rows?.[0]?.outcomes.balance ?? []).map((b): Row => ({
      label: `${b.level} ${b.name} CV (${Number.isFinite(b.before) ? b.before.toFixed(3) : 'not assessed'} before)`,
      value: (o) => o.balance.find((x) => x.level === b.level && x.indicator === b.indicator)?.after ?? NaN, better: 'lower', format: (x) => assessed(x, (v) => v.toFixed(3)),
    })),
  ];
  return (
    <div className="comparison">
      <fieldset><legend>Compare</legend>
        {plans.map((p) => (
          <label key={p.id}><input type="checkbox" checked={chosen.includes(p.id)} onChange={(e) => setChosen(e.target.checked ? [...chosen, p.id] : chosen.filter((x) => x !== p.id))} /> {p.name}</label>
        ))}
        <button type="button" disabled={chosen.length < 2} onClick={() => void compare(chosen).then(setRows)}>Compare side by side</button>
      </fieldset>
      {rows && (
        <table className="list compact" data-testid="comparison">
          <thead><tr><th scope="col">Against the baseline</th>{rows.map((r) => <th key={r.id} scope="col">{r.name}</th>)}</tr></thead>
          <tbody>
            {defs.map((d) => {
              const values = rows.map((r) => d.value(r.outcomes));
              const finite = values.filter(Number.isFinite);
              const best = finite.length ? (d.better === 'lower' ? Math.min(...finite) : Math.max(...finite)) : NaN;
              const distinct = d.better !== null && new Set(finite).size > 1;
              return (
                <tr key={d.label}>
                  <th scope="row">{d.label}</th>
                  {values.map((v, i) => <td key={i} className={`num${distinct && v === best ? ' best' : ''}`}>{d.format(v)}{distinct && v === best ? ' ✓' : ''}</td>)}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
