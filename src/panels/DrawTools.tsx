import { useEffect } from 'react';
import type { Tool } from '../store/plannerStore';
import { usePlanner } from './plannerContext';

const TOOLS: { tool: Tool; label: string; key: string; hint: string }[] = [
  { tool: 'select', label: 'Select', key: 'v', hint: 'click schools; drag to pan' },
  { tool: 'brush', label: 'Brush', key: 'b', hint: 'paint areas onto the selected school' },
  { tool: 'lasso', label: 'Lasso', key: 'l', hint: 'draw round areas to assign them' },
  { tool: 'fill', label: 'Fill', key: 'f', hint: 'move a whole connected patch' },
  { tool: 'eraser', label: 'Eraser', key: 'e', hint: 'return areas to their nearest school' },
  { tool: 'lock', label: 'Lock', key: 'k', hint: 'paint to lock areas' },
  { tool: 'unlock', label: 'Unlock', key: 'u', hint: 'paint to unlock areas' },
];

function typing(e: KeyboardEvent): boolean {
  const t = e.target as HTMLElement | null;
  return !!t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable);
}

/** The zone-drawing tools with their keyboard shortcuts, brush size, undo and redo. */
export function DrawTools() {
  const tool = usePlanner((s) => s.tool);
  const radius = usePlanner((s) => s.brushRadiusPx);
  const undoCount = usePlanner((s) => s.history.undo.length);
  const redoCount = usePlanner((s) => s.history.redo.length);
  const lastUndo = usePlanner((s) => s.history.undo[s.history.undo.length - 1]?.label);
  const paintWith = usePlanner((s) => (s.selectedSchool && s.dataset ? s.dataset.schools.names[s.dataset.schools.ids.indexOf(s.selectedSchool)] : null));
  const notice = usePlanner((s) => s.notice);
  const plan = usePlanner((s) => s.plans.find((p) => p.id === s.activePlanId)?.name ?? 'Nearest school (baseline)');
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
        const t = TOOLS.find((x) => x.key === e.key.toLowerCase());
        if (t) setTool(t.tool);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [radius, redo, setRadius, setTool, undo]);

  return (
    <div className="draw-tools" role="toolbar" aria-label="Zone drawing tools">
      <span className="plan-name" title="Active plan">{plan}</span>
      {TOOLS.map((t) => (
        <button key={t.tool} type="button" aria-pressed={tool === t.tool} className={tool === t.tool ? 'on' : ''} title={`${t.hint} (${t.key.toUpperCase()})`} onClick={() => setTool(t.tool)}>
          {t.label} <kbd>{t.key.toUpperCase()}</kbd>
        </button>
      ))}
      <label className="radius">Brush <input type="range" min={4} max={120} value={radius} onChange={(e) => setRadius(Number(e.target.value))} aria-label="Brush radius in pixels" /></label>
      <button type="button" onClick={undo} disabled={undoCount === 0} title={lastUndo ? `Undo ${lastUndo} (Ctrl+Z)` : 'Undo (Ctrl+Z)'}>Undo</button>
      <button type="button" onClick={redo} disabled={redoCount === 0} title="Redo (Ctrl+Shift+Z)">Redo</button>
      <span className="paint-with" aria-live="polite">{tool !== 'select' && tool !== 'lock' && tool !== 'unlock' && tool !== 'eraser' ? (paintWith ? `Painting with ${paintWith}` : 'Select a school to paint with (alt-click an area)') : ''}</span>
      {notice && <span className="notice" role="status">{notice}</span>}
    </div>
  );
}
