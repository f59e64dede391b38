import type { ReactNode } from 'react';
import type { PlannerState } from '../store/plannerStore';
import { usePlanner } from './plannerContext';

const TABS: { id: PlannerState['panel']; label: string }[] = [
  { id: 'summary', label: 'District' },
  { id: 'schools', label: 'Schools' },
  { id: 'plans', label: 'Plans' },
  { id: 'layout', label: 'Layout' },
  { id: 'balance', label: 'Balance' },
  { id: 'settings', label: 'Standards' },
  { id: 'import', label: 'Data' },
];

/** The left panel's tabs (arrow keys move between them, as in the WAI-ARIA tabs pattern). */
export function Tabs({ children }: { children: Record<PlannerState['panel'], ReactNode> }) {
  const panel = usePlanner((s) => s.panel);
  const setPanel = usePlanner((s) => s.actionSetPanel);
  const move = (delta: number) => {
    const i = (TABS.findIndex((t) => t.id === panel) + delta + TABS.length) % TABS.length;
    setPanel(TABS[i].id);
    document.getElementById(`tab-${TABS[i].id}`)?.focus();
  };
  return (
    <div className="tabs">
      <div role="tablist" aria-label="Panels" onKeyDown={(e) => { if (e.key === 'ArrowRight') move(1); if (e.key === 'ArrowLeft') move(-1); }}>
        {TABS.map((t) => (
          <button key={t.id} id={`tab-${t.id}`} role="tab" type="button" aria-selected={panel === t.id} aria-controls={`panel-${t.id}`} tabIndex={panel === t.id ? 0 : -1} onClick={() => setPanel(t.id)}>{t.label}</button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${panel}`} aria-labelledby={`tab-${panel}`} className="tab-body">{children[panel]}</div>
    </div>
  );
}
