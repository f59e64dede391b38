import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlannerState } from '../store/plannerStore';
import { usePlanner } from './plannerContext';

const TABS: { id: PlannerState['panel'] }[] = [{ id: 'summary' }, { id: 'schools' }, { id: 'plans' }, { id: 'layout' }, { id: 'balance' }, { id: 'settings' }, { id: 'import' }];

/** The left panel's tabs (arrow keys move between them, as in the WAI-ARIA tabs pattern). */
export function Tabs({ children }: { children: Record<PlannerState['panel'], ReactNode> }) {
  const { t } = useTranslation('planner');
  const panel = usePlanner((s) => s.panel);
  const setPanel = usePlanner((s) => s.actionSetPanel);
  const move = (delta: number) => {
    const i = (TABS.findIndex((t) => t.id === panel) + delta + TABS.length) % TABS.length;
    setPanel(TABS[i].id);
    document.getElementById(`tab-${TABS[i].id}`)?.focus();
  };
  return (
    <div className="tabs">
      <div role="tablist" aria-label={t('tabs.label')} onKeyDown={(e) => { if (e.key === 'ArrowRight') move(1); if (e.key === 'ArrowLeft') move(-1); }}>
        {TABS.map((x) => (
          <button key={x.id} id={`tab-${x.id}`} role="tab" type="button" aria-selected={panel === x.id} aria-controls={`panel-${x.id}`} tabIndex={panel === x.id ? 0 : -1} onClick={() => setPanel(x.id)}>{t(`tabs.${x.id}`)}</button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${panel}`} aria-labelledby={`tab-${panel}`} className="tab-body">{children[panel]}</div>
    </div>
  );
}
