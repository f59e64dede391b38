import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Tool } from '../store/plannerStore';
import { usePlanner } from './plannerContext';

// label and hint: plans:tool.<tool> and plans:hint.<tool>
const TOOLS: { tool: Tool; key: string }[] = [
  { tool: 'select', key: 'v' }, { tool: 'brush', key: 'b' }, { tool: 'lasso', key: 'l' }, { tool: 'fill', key: 'f' },
  { tool: 'eraser', key: 'e' }, { tool: 'lock', key: 'k' }, { tool: 'unlock', key: 'u' },
];

function typing(e: KeyboardEvent): boolean {
  const t = e.target as HTMLElement | null;
  return !!t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable);
}

/** The zone-drawing tools with their keyboard shortcuts, brush size, undo and redo. */
export function DrawTools() {
  const { t } = useTranslation('plans');
  const tool = usePlanner((s) => s.tool);
  const radius = usePlanner((s) => s.brushRadiusPx);
  const undoCount = usePlanner((s) => s.history.undo.length);
  const redoCount = usePlanner((s) => s.history.redo.length);
  const lastUndo = usePlanner((s) => s.history.undo[s.history.undo.length - 1]?.label);
  const paintWith = usePlanner((s) => (s.selectedSchool && s.dataset ? s.dataset.schools.names[s.dataset.schools.ids.indexOf(s.selectedSchool)] : null));
  const notice = usePlanner((s) => s.notice);
  const plan = usePlanner((s) => s.plans.find((p) => p.id === s.activePlanId)?.name) ?? t('baseline');
  const setTool = usePlanner((s) => s.actionSetTool);
  const setRadius = usePlanner((s) => s.actionSetBrushRadius);
  const undo = usePlanner((s) => s.actionUndo);
  const redo = usePlanner((s) => s.actionRedo);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (typing(e)) return;
      const mod = e.ctrlKey || e.metaKey;
      if (mod && e.key.toLowerCase() === 'z') { e.preventDefault(); if (e.shiftKey) redo(); else undo(); return; }
      if (mod && e.key.toLowerCase() === 'y') { e.preventDefault(); redo(); return; }
      if (mod || e.altKey) return;
      if (e.key === '[') setRadius(radius / 1.25);
      else if (e.key === ']') setRadius(radius * 1.25);
      else {
        const found = TOOLS.find((x) => x.key === e.key.toLowerCase());
        if (found) setTool(found.tool);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [radius, redo, setRadius, setTool, undo]);

  return (
    <div className="draw-tools" role="toolbar" aria-label={t('tools')}>
      <span className="plan-name" title={t('active')}>{plan}</span>
      {TOOLS.map((x) => (
        <button key={x.tool} type="button" aria-pressed={tool === x.tool} className={tool === x.tool ? 'on' : ''} title={`${t(`hint.${x.tool}`)} (${x.key.toUpperCase()})`} onClick={() => setTool(x.tool)}>
          {t(`tool.${x.tool}`)} <kbd>{x.key.toUpperCase()}</kbd>
        </button>
      ))}
      <label className="radius">{t('tool.brush')} <input type="range" min={4} max={120} value={radius} onChange={(e) => setRadius(Number(e.target.value))} aria-label={t('brushRadius')} /></label>
      <button type="button" onClick={undo} disabled={undoCount === 0} title={lastUndo ? t('undoWhat', { what: t(lastUndo.key, lastUndo.params) }) : t('undoHint')}>{t('undo')}</button>
      <button type="button" onClick={redo} disabled={redoCount === 0} title={t('redoHint')}>{t('redo')}</button>
      <span className="paint-with" aria-live="polite">{tool !== 'select' && tool !== 'lock' && tool !== 'unlock' && tool !== 'eraser' ? (paintWith ? t('paintingWith', { name: paintWith }) : t('selectToPaint')) : ''}</span>
      {notice && <span className="notice" role="status">{t(notice.key, notice.params)}</span>}
    </div>
  );
}
