import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Outcomes } from '../core/index';
import { formatNumber } from '../i18n/format';
import { assessed, count, km, levelName } from './format';
import { usePlanner } from './plannerContext';

type Row = { label: string; value: (o: Outcomes) => number; better: 'lower' | 'higher' | null; format: (x: number) => string };

/** Two or more scenarios side by side; the better value of each row is marked. */
export function ScenarioComparison() {
  const { t } = useTranslation('plans');
  const plans = usePlanner((s) => s.plans);
  const levels = usePlanner((s) => s.settings?.levels ?? []);
  const compare = usePlanner((s) => s.compareScenarios);
  const [chosen, setChosen] = useState<string[]>([]);
  const [rows, setRows] = useState<Awaited<ReturnType<typeof compare>> | null>(null);
  if (plans.length < 2) return <p className="muted">{t('compare.needTwo')}</p>;
  const defs: Row[] = [
    ...levels.flatMap((l): Row[] => { const level = levelName(l.id, l.name); return [
      // fewer schools is neither better nor worse in itself: no mark
      { label: t('compare.schools', { level }), value: (o) => o.schoolsByLevel.find((x) => x.level === l.id)?.after ?? NaN, better: null, format: count },
      { label: t('compare.moved', { level }), value: (o) => o.childrenMoved[l.id] ?? NaN, better: 'lower', format: count },
      { label: t('compare.mean', { level }), value: (o) => o.travel[l.id]?.allAfter.meanM ?? NaN, better: 'lower', format: km },
      { label: t('compare.p90', { level }), value: (o) => o.travel[l.id]?.allAfter.p90M ?? NaN, better: 'lower', format: km },
      { label: t('compare.beyond', { level }), value: (o) => o.travel[l.id]?.allAfter.beyondStandard ?? NaN, better: 'lower', format: count },
    ]; }),
    { label: t('outcome.resolved'), value: (o) => o.flagsResolved.length, better: 'higher', format: count },
    { label: t('outcome.created'), value: (o) => o.flagsCreated.length, better: 'lower', format: count },
    { label: t('outcome.freed'), value: (o) => o.capacityFreed, better: 'higher', format: (x) => assessed(x, count) },
    // every balance indicator's CV after each plan, the baseline's beside its name
    ...(rows?.[0]?.outcomes.balance ?? []).map((b): Row => ({
      label: t('compare.balanceCv', { level: levelName(b.level, b.level), indicator: b.name, before: assessed(b.before, (v) => formatNumber(v, 3)) }),
      value: (o) => o.balance.find((x) => x.level === b.level && x.indicator === b.indicator)?.after ?? NaN, better: 'lower', format: (x) => assessed(x, (v) => formatNumber(v, 3)),
    })),
  ];
  return (
    <div className="comparison">
      <fieldset><legend>{t('compare.legend')}</legend>
        {plans.map((p) => (
          <label key={p.id}><input type="checkbox" checked={chosen.includes(p.id)} onChange={(e) => setChosen(e.target.checked ? [...chosen, p.id] : chosen.filter((x) => x !== p.id))} /> {p.name}</label>
        ))}
        <button type="button" disabled={chosen.length < 2} onClick={() => void compare(chosen).then(setRows)}>{t('compare.button')}</button>
      </fieldset>
      {rows && (
        <table className="list compact" data-testid="comparison">
          <thead><tr><th scope="col">{t('compare.against')}</th>{rows.map((r) => <th key={r.id} scope="col">{r.name}</th>)}</tr></thead>
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
