import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { balanceSettingsOf, checkSettings, type BalanceIndicatorSetting, type BalanceSettings, type Problem } from '../core/index';
import { usePlanner } from './plannerContext';
import { levelName, problemMessage } from './format';

const EMPTY = { id: '', name: '', column: '', per: '1', unit: '', kind: 'goods' };

/** What the last change could not store, kept as problems or a catalogue key: said at render, so it follows a language switch. */
type FormError = { problems: Problem[] } | { key: string; params: Record<string, string> };

/** The balance settings, stored with the plan's settings: nine-year pupil weights, closed schools' staff, the district's column mappings. */
export function BalanceSettingsForm() {
  const { t } = useTranslation('balance');
  const settings = usePlanner((s) => s.settings);
  const update = usePlanner((s) => s.actionUpdateSettings);
  const [draft, setDraft] = useState(EMPTY);
  const [error, setError] = useState<FormError | null>(null);
  if (!settings) return null;
  const b = balanceSettingsOf(settings);
  // every change goes through the same check as a settings file, so the form cannot store what a file could not
  const save = (next: BalanceSettings) => {
    const r = checkSettings({ ...settings, balance: next }, 'settings');
    if (!r.ok) { setError({ problems: r.problems.filter((p) => p.severity === 'error') }); return false; }
    setError(null);
    update(r.settings);
    return true;
  };
  const setWeight = (level: string, text: string) => {
    const v = Number(text.replace(',', '.'));
    if (text.trim() === '' || !Number.isFinite(v)) { setError({ key: 'weightInvalid', params: { level, text } }); return; }
    save({ ...b, levelWeights: { ...b.levelWeights, [level]: v } });
  };
  const add = () => {
    const m: BalanceIndicatorSetting = { id: draft.id.trim(), name: draft.name.trim(), columns: [draft.column.trim()], per: draft.per === '100' ? 100 : 1, unit: draft.unit.trim(), kind: draft.kind as BalanceIndicatorSetting['kind'], usedBy: [b.standard] };
    if (save({ ...b, indicators: [...b.indicators.filter((x) => x.id !== m.id), m] })) setDraft(EMPTY);
  };
  return (
    <details className="balance-settings no-print" data-testid="balance-settings">
      <summary>{t('settingsHeading')}</summary>
      <fieldset><legend>{t('weightsLegend')}</legend>
        {settings.levels.map((l) => (
          <label key={l.id}>{levelName(l.id, l.name)} <input type="number" step="0.05" min="0.01" defaultValue={b.levelWeights[l.id] ?? 1} onBlur={(e) => setWeight(l.id, e.target.value)} aria-label={t('weightOf', { level: levelName(l.id, l.name) })} data-testid={`weight-${l.id}`} /></label>
        ))}
      </fieldset>
      <label>{t('closedStaff')} <select value={b.closedStaff} onChange={(e) => save({ ...b, closedStaff: e.target.value as BalanceSettings['closedStaff'] })}>
        <option value="follow">{t('closedStaffFollow')}</option><option value="leave">{t('closedStaffLeave')}</option>
      </select></label>
      <fieldset><legend>{t('mappingsLegend')}</legend>
        {b.indicators.length > 0 && (
          <ul>{b.indicators.map((m) => (
            <li key={m.id}>{t('mapping', { id: m.id, column: m.columns.join(', '), scale: m.per === 100 ? t('perHundred') : t('perPupil'), unit: m.unit, standards: m.usedBy.join(', ') })}{' '}
              <button type="button" onClick={() => save({ ...b, indicators: b.indicators.filter((x) => x.id !== m.id) })} aria-label={t('removeMapping', { id: m.id })}>×</button></li>
          ))}</ul>
        )}
        <label>{t('mappingId')} <input value={draft.id} onChange={(e) => setDraft({ ...draft, id: e.target.value })} /></label>{' '}
        <label>{t('mappingName')} <input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} /></label>{' '}
        <label>{t('mappingColumn')} <input value={draft.column} onChange={(e) => setDraft({ ...draft, column: e.target.value })} /></label>{' '}
        <label>{t('mappingScale')} <select value={draft.per} onChange={(e) => setDraft({ ...draft, per: e.target.value })}><option value="1">{t('perPupil')}</option><option value="100">{t('perHundred')}</option></select></label>{' '}
        <label>{t('mappingUnit')} <input value={draft.unit} onChange={(e) => setDraft({ ...draft, unit: e.target.value })} /></label>{' '}
        <label>{t('mappingKind')} <select value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value })}><option value="staff">{t('kindStaff')}</option><option value="building">{t('kindBuilding')}</option><option value="goods">{t('kindGoods')}</option></select></label>{' '}
        <button type="button" onClick={add} disabled={!draft.id || !draft.column}>{t('addMapping')}</button>
      </fieldset>
      {error && <p role="alert">{'problems' in error ? error.problems.map((p) => `${p.field}: ${problemMessage(p)}`).join('; ') : t(error.key, { ...error.params, level: levelName(error.params.level) })}</p>}
    </details>
  );
}
