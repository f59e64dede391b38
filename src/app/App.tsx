import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { createMapView } from '../map/mapView';
import { ChangeList } from '../panels/ChangeList';
import { DrawTools } from '../panels/DrawTools';
import { HoverInfo } from '../panels/HoverInfo';
import { PlansPanel } from '../panels/PlansPanel';
import { problemText } from '../panels/format';
import { LayoutPanel } from '../panels/LayoutPanel';
import { ImportPanel } from '../panels/ImportPanel';
import { Legend } from '../panels/Legend';
import { PlannerContext, usePlanner } from '../panels/plannerContext';
import { SchoolList } from '../panels/SchoolList';
import { SchoolPanel } from '../panels/SchoolPanel';
import { SettingsPanel } from '../panels/SettingsPanel';
import { SummaryPanel } from '../panels/SummaryPanel';
import { Tabs } from '../panels/Tabs';
import { Toolbar } from '../panels/Toolbar';
import type { PlannerStore } from '../store/plannerStore';
import { recordMapIdle } from './metrics';

function MapPane({ store }: { store: PlannerStore }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const testMode = new URLSearchParams(location.search).has('test');
    const view = createMapView(ref.current!, store, { preserveDrawingBuffer: testMode, onRefreshed: recordMapIdle });
    // browser tests read map pixels and project school positions through this handle
    if (testMode) (window as unknown as { __plannerMap: unknown }).__plannerMap = view.map;
    return () => { view.destroy(); };
  }, [store]);
  return <div ref={ref} className="map" role="application" aria-label="Map of schools and catchments" data-testid="map" />;
}

function RightPanel() {
  const selected = usePlanner((s) => s.selectedSchool);
  return selected ? <aside className="right"><SchoolPanel /></aside> : null;
}

function Problems() {
  const { t } = useTranslation('planner');
  const status = usePlanner((s) => s.status);
  const problems = usePlanner((s) => s.problems);
  const saveError = usePlanner((s) => s.saveError);
  const engineError = usePlanner((s) => s.engineError);
  const planConflict = usePlanner((s) => s.planConflict);
  const resolve = usePlanner((s) => s.actionResolvePlanConflict);
  return (
    <>
      {planConflict && (
        <div role="alert" className="fatal" data-testid="plan-conflict">
          {t('app.conflict', { name: planConflict.name })}{' '}
          <button type="button" onClick={() => void resolve('theirs')}>{t('app.conflictTheirs')}</button>{' '}
          <button type="button" onClick={() => void resolve('mine')}>{t('app.conflictMine')}</button>
        </div>
      )}
      {status === 'failed' && <div role="alert" className="fatal" data-testid="load-failed">{t('app.loadFailed', { problems: problems.map(problemText).join('; ') })}</div>}
      {engineError && <div role="alert" className="fatal" data-testid="engine-error">{engineError}</div>}
      {saveError && <div role="alert" className="fatal" data-testid="save-error">{saveError}</div>}
    </>
  );
}

export function App({ store }: { store: PlannerStore }) {
  return (
    <PlannerContext.Provider value={store}>
      <div className="app">
        <Toolbar />
        <Problems />
        <div className="layout">
          <aside className="left">
            <Tabs>{{ summary: <SummaryPanel />, schools: <SchoolList />, plans: <PlansPanel />, layout: <LayoutPanel />, settings: <SettingsPanel />, import: <ImportPanel /> }}</Tabs>
          </aside>
          <main className="map-wrap">
            <DrawTools />
            <div className="map-area">
              <MapPane store={store} />
              <Legend />
              <HoverInfo />
              <ChangeList />
            </div>
          </main>
          <RightPanel />
        </div>
      </div>
    </PlannerContext.Provider>
  );
}
