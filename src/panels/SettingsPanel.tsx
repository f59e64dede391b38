import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../core/index';
import { DistanceSwitch } from './DistanceSwitch';
import { levelName } from './format';
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
      group: levelName(l.id, l.name),
      fields: [
        levelField(l.id, 'classSize', 'classSize', 'pupils'),
        levelField(l.id, 'minPupils', 'minPupils', 'pupils'),
        ...(l.minPupilsRural !== undefined ? [levelField(l.id, 'minPupilsRural', 'minPupilsRural', 'pupils')] : []),
        levelField(l.id, 'distanceStandardM', 'distanceStandard', 'm'),
      ],
    })),
    {
      group: 'classes',
      fields: [
        { label: 'largeClassFrom', unit: 'pupils', nullable: true, get: (x) => x.largeClassFrom, set: (x, v) => ({ ...x, largeClassFrom: v }) },
        { label: 'superLargeClassFrom', unit: 'pupils', nullable: true, get: (x) => x.superLargeClassFrom, set: (x, v) => ({ ...x, superLargeClassFrom: v }) },
        { label: 'overcrowdedAbove', percent: true, get: (x) => x.overcrowdedAbove, set: (x, v) => ({ ...x, overcrowdedAbove: v ?? 1 }) },
        { label: 'underUsedBelow', percent: true, get: (x) => x.underUsedBelow, set: (x, v) => ({ ...x, underUsedBelow: v ?? 0 }) },
        { label: 'farShareAbove', percent: true, get: (x) => x.farShareAbove, set: (x, v) => ({ ...x, farShareAbove: v ?? 0 }) },
        { label: 'farFromNearestFactor', unit: 'xNearest', get: (x) => x.farFromNearestFactor, set: (x, v) => ({ ...x, farFromNearestFactor: v ?? 1.5 }) },
      ],
    },
    {
      group: 'projections',
      fields: [
        { label: 'horizonYears', unit: 'years', get: (x) => x.projection.horizonYears, set: (x, v) => ({ ...x, projection: { ...x.projection, horizonYears: Math.max(1, Math.min(10, Math.round(v ?? 6))) } }) },
        { label: 'baseYear', unit: '', nullable: true, get: (x) => x.projection.baseYear, set: (x, v) => ({ ...x, projection: { ...x.projection, baseYear: v } }) },
        { label: 'historyYears', unit: 'years', get: (x) => x.projection.historyYears, set: (x, v) => ({ ...x, projection: { ...x.projection, historyYears: Math.max(1, Math.round(v ?? 5)) } }) },
        { label: 'entryGrowthPerYear', percent: true, signed: true, get: (x) => x.projection.entryGrowthPerYear, set: (x, v) => ({ ...x, projection: { ...x.projection, entryGrowthPerYear: v ?? 0 } }) },
        { label: 'transitionRate', percent: true, nullable: true, get: (x) => x.projection.transitionRate, set: (x, v) => ({ ...x, projection: { ...x.projection, transitionRate: v } }) },
      ],
    },
  ];
}

const show = (v: number | null, pct?: boolean) => (v === null || v === undefined ? '' : pct ? String(Math.round(v * 1000) / 10) : String(v));

/** The standards behind every flag, editable, with the data set's defaults beside them. */
export function SettingsPanel() {
  const { t } = useTranslation('planner');
  const settings = usePlanner((s) => s.settings);
  const defaults = usePlanner((s) => s.defaultSettings);
  const update = usePlanner((s) => s.actionUpdateSettings);
  const reset = usePlanner((s) => s.actionResetSettings);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { setDrafts({}); }, [settings]);
  if (!settings || !defaults) return <p>{t('common:loading')}</p>;
  // field labels and fixed group names are catalogue keys; a level's group is its name
  const label = (f: Field) => t(`settings.field.${f.label}`);
  const group = (g: string) => (g === 'classes' || g === 'projections' ? t(`settings.group.${g}`) : g);
  const groups = fieldsFor(settings);

  const commit = (key: string, f: Field) => {
    const text = drafts[key];
    if (text === undefined) return;
    let v: number | null;
    if (text.trim() === '') {
      if (!f.nullable) { setError(t('settings.needed', { field: label(f) })); return; }
      v = null;
    } else {
      v = Number(text.replace(',', '.'));
      if (!Number.isFinite(v) || (v < 0 && !f.signed) || (f.signed && f.percent && v <= -100)) { setError(t(f.signed ? 'settings.badGrowth' : 'settings.badNumber', { field: label(f), text })); return; }
      if (f.percent) v /= 100;
    }
    setError(null);
    if (v !== f.get(settings)) update(f.set(settings, v));
  };

  return (
    <section aria-label={t('tabs.settings')} className="settings">
      <p className="muted">{t('settings.intro', { profile: t(`settings.profile.${settings.profile}`, { defaultValue: settings.profile }) })}</p>
      {groups.map((g) => (
        <fieldset key={g.group}>
          <legend>{group(g.group)}</legend>
          {g.fields.map((f) => {
            const key = `${g.group}/${f.label}`;
            const value = drafts[key] ?? show(f.get(settings), f.percent);
            const def = show(f.get(defaults), f.percent);
            return (
              <label key={key} className="setting">
                <span>{label(f)}</span>
                <input value={value} inputMode="decimal" aria-label={`${group(g.group)}: ${label(f)}`}
                  onChange={(e) => setDrafts({ ...drafts, [key]: e.target.value })}
                  onBlur={() => commit(key, f)} onKeyDown={(e) => { if (e.key === 'Enter') commit(key, f); }} />
                <span className="unit">{f.percent ? '%' : f.unit ? t(`settings.unit.${f.unit}`) : ''}</span>
                <span className="default">{t('settings.default', { value: def === '' ? t('settings.none') : def })}</span>
              </label>
            );
          })}
        </fieldset>
      ))}
      <DistanceSwitch />
      {error && <p role="alert" className="error">{error}</p>}
      <button type="button" onClick={reset}>{t('settings.restore')}</button>
    </section>
  );
}
