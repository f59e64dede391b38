import { useEffect, useState } from 'react';
import type { Settings } from '../core/index';
import { DistanceSwitch } from './DistanceSwitch';
import { usePlanner } from './plannerContext';

type Field = { label: string; get: (s: Settings) => number | null; set: (s: Settings, v: number | null) => Settings; unit?: string; percent?: boolean; nullable?: boolean; signed?: boolean };

function levelField(levelId: string, key: 'classSize' | 'minPupils' | 'minPupilsRural' | 'distanceStandardM', label: string, unit?: string): Field {
  return {
    label, unit, nullable: key === 'minPupilsRural',
    get: (s) => s.levels.find((l) => l.id === levelId)?.[key] ?? null,
    set: (s, v) => ({ ...s, levels: s.levels.map((l) => (l.id === levelId ? { ...l, [key]: v ?? undefined } : l)) }),
  };
}

function fieldsFor(s: Settings): { group: string; fields: Field[] }[] {
  return [
    ...s.levels.map((l) => ({
      group: l.name,
      fields: [
        levelField(l.id, 'classSize', 'Standard class size', 'pupils'),
        levelField(l.id, 'minPupils', 'Undersized below', 'pupils'),
        ...(l.minPupilsRural !== undefined ? [levelField(l.id, 'minPupilsRural', 'Undersized below (rural)', 'pupils')] : []),
        levelField(l.id, 'distanceStandardM', 'Distance standard', 'm'),
      ],
    })),
    {
      group: 'Classes and use',
      fields: [
        { label: 'Large class from', unit: 'pupils', nullable: true, get: (x) => x.largeClassFrom, set: (x, v) => ({ ...x, largeClassFrom: v }) },
        { label: 'Super-large class from', unit: 'pupils', nullable: true, get: (x) => x.superLargeClassFrom, set: (x, v) => ({ ...x, superLargeClassFrom: v }) },
        { label: 'Overcrowded above', percent: true, get: (x) => x.overcrowdedAbove, set: (x, v) => ({ ...x, overcrowdedAbove: v ?? 1 }) },
        { label: 'Under-used below', percent: true, get: (x) => x.underUsedBelow, set: (x, v) => ({ ...x, underUsedBelow: v ?? 0 }) },
        { label: 'Far: share beyond the standard above', percent: true, get: (x) => x.farShareAbove, set: (x, v) => ({ ...x, farShareAbove: v ?? 0 }) },
        { label: 'Drawn zones: report detours beyond', unit: 'x nearest', get: (x) => x.farFromNearestFactor, set: (x, v) => ({ ...x, farFromNearestFactor: v ?? 1.5 }) },
      ],
    },
    {
      group: 'Projections',
      fields: [
        { label: 'Years ahead (1-10)', unit: 'years', get: (x) => x.projection.horizonYears, set: (x, v) => ({ ...x, projection: { ...x.projection, horizonYears: Math.max(1, Math.min(10, Math.round(v ?? 6))) } }) },
        { label: 'Base year of the enrollment data', unit: '', nullable: true, get: (x) => x.projection.baseYear, set: (x, v) => ({ ...x, projection: { ...x.projection, baseYear: v } }) },
        { label: 'History years averaged', unit: 'years', get: (x) => x.projection.historyYears, set: (x, v) => ({ ...x, projection: { ...x.projection, historyYears: Math.max(1, Math.round(v ?? 5)) } }) },
        { label: 'Entry cohorts grow per year', percent: true, signed: true, get: (x) => x.projection.entryGrowthPerYear, set: (x, v) => ({ ...x, projection: { ...x.projection, entryGrowthPerYear: v ?? 0 } }) },
        { label: 'Transition to the next level (empty: calibrated)', percent: true, nullable: true, get: (x) => x.projection.transitionRate, set: (x, v) => ({ ...x, projection: { ...x.projection, transitionRate: v } }) },
      ],
    },
  ];
}

const show = (v: number | null, pct?: boolean) => (v === null || v === undefined ? '' : pct ? String(Math.round(v * 1000) / 10) : String(v));

/** The standards behind every flag, editable, with the data set's defaults beside them. */
export function SettingsPanel() {
  const settings = usePlanner((s) => s.settings);
  const defaults = usePlanner((s) => s.defaultSettings);
  const update = usePlanner((s) => s.actionUpdateSettings);
  const reset = usePlanner((s) => s.actionResetSettings);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { setDrafts({}); }, [settings]);
  if (!settings || !defaults) return <p>Loading…</p>;
  const groups = fieldsFor(settings);

  const commit = (key: string, f: Field) => {
    const text = drafts[key];
    if (text === undefined) return;
    let v: number | null;
    if (text.trim() === '') {
      if (!f.nullable) { setError(`${f.label}: a value is needed`); return; }
      v = null;
    } else {
      v = Number(text.replace(',', '.'));
      if (!Number.isFinite(v) || (v < 0 && !f.signed) || (f.signed && f.percent && v <= -100)) { setError(`${f.label}: "${text}" is not ${f.signed ? 'a growth above -100%' : 'a number of 0 or more'}`); return; }
      if (f.percent) v /= 100;
    }
    setError(null);
    if (v !== f.get(settings)) update(f.set(settings, v));
  };

  return (
    <section aria-label="Standards" className="settings">
      <p className="muted">Profile: {settings.profile}. Changes recompute the flags at once and are kept for this data set.</p>
      {groups.map((g) => (
        <fieldset key={g.group}>
          <legend>{g.group}</legend>
          {g.fields.map((f) => {
            const key = `${g.group}/${f.label}`;
            const value = drafts[key] ?? show(f.get(settings), f.percent);
            const def = show(f.get(defaults), f.percent);
            return (
              <label key={key} className="setting">
                <span>{f.label}</span>
                <input value={value} inputMode="decimal" aria-label={`${g.group}: ${f.label}`}
                  onChange={(e) => setDrafts({ ...drafts, [key]: e.target.value })}
                  onBlur={() => commit(key, f)} onKeyDown={(e) => { if (e.key === 'Enter') commit(key, f); }} />
                <span className="unit">{f.percent ? '%' : f.unit}</span>
                <span className="default">default {def === '' ? 'none' : def}</span>
              </label>
            );
          })}
        </fieldset>
      ))}
      <DistanceSwitch />
      {error && <p role="alert" className="error">{error}</p>}
      <button type="button" onClick={reset}>Restore the defaults</button>
    </section>
  );
}
