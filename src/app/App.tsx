import { useEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { createMapView } from '../map/mapView';
import { BalancePanel } from '../panels/BalancePanel';
import { BasemapPicker } from '../panels/BasemapPicker';
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
  const { t } = useTranslation('planner');
  return <div ref={ref} className="map" role="application" aria-label={t('mapLabel')} data-testid="map" />;
}

/**
 * The school panel docks above the tabs in the left column (the map keeps its width); it folds to its
 * title so that the tabs below get the column's height while the school stays selected.
 */
function DockedSchool() {
  const { t } = useTranslation('legend');
  const selected = usePlanner((s) => s.selectedSchool);
  const name = usePlanner((s) => (s.selectedSchool && s.results ? s.results.schools.names[s.results.schools.ids.indexOf(s.selectedSchool)] : null));
  const [folded, setFolded] = useState(false);
  useEffect(() => { setFolded(false); }, [selected]);
  if (!selected) return null;
  return (
    <div className={folded ? 'school-dock folded' : 'school-dock'}>
      <button type="button" className="dock-toggle" aria-expanded={!folded} aria-controls="school-dock-body" onClick={() => setFolded(!folded)}>
        {folded ? t('showSchool', { name: name ?? selected }) : t('foldSchool')}
      </button>
      <div id="school-dock-body" className="school-dock-body" hidden={folded}><SchoolPanel /></div>
    </div>
  );
}

type Corner = 'top-right' | 'top-left' | 'bottom-right' | 'bottom-left';

/**
 * The live readouts (hover box, stroke table) sit in the corner of the map away from the pointer, so
 * that they never cover the place being painted; the corner changes only when the pointer crosses the
 * middle of the map, so the boxes do not chase it.
 */
function Readouts({ area }: { area: RefObject<HTMLDivElement | null> }) {
  const [corner, setCorner] = useState<Corner>('top-right');
  useEffect(() => {
    const el = area.current;
    if (!el) return;
    const onMove = (e: PointerEvent) => {
      const r = el.getBoundingClientRect();
      const x = e.clientX - r.left, y = e.clientY - r.top;
      setCorner(`${y < r.height / 2 ? 'bottom' : 'top'}-${x < r.width / 2 ? 'right' : 'left'}`);
    };
    el.addEventListener('pointermove', onMove, { passive: true });
    return () => el.removeEventListener('pointermove', onMove);
  }, [area]);
  return (
    <div className={`readouts ${corner}`} data-testid="readouts" data-corner={corner}>
      <HoverInfo />
      <ChangeList />
    </div>
  );
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
      {engineError && <div role="alert" className="fatal" data-testid="engine-error">{t(engineError.key, engineError.params)}</div>}
      {saveError && <div role="alert" className="fatal" data-testid="save-error">{t(saveError.key, saveError.params)}</div>}
    </>
  );
}

const NARROW = '(max-width: 700px)';

export function App({ store }: { store: PlannerStore }) {
  const { t } = useTranslation('legend');
  // on a phone the panels are a drawer over the map, closed at first; on a desktop a column, open
  const [panelsOpen, setPanelsOpen] = useState(() => typeof window === 'undefined' || !window.matchMedia(NARROW).matches);
  const area = useRef<HTMLDivElement>(null);
  return (
    <PlannerContext.Provider value={store}>
      <div className="app">
        <Toolbar />
        <Problems />
        <div className={panelsOpen ? 'layout' : 'layout panels-closed'}>
          <button type="button" className="panels-toggle" aria-expanded={panelsOpen} aria-controls="side-panels" onClick={() => setPanelsOpen(!panelsOpen)}
            aria-label={panelsOpen ? t('hidePanels') : t('showPanels')} title={panelsOpen ? t('hidePanels') : t('showPanels')} />
          <aside className="left" id="side-panels" hidden={!panelsOpen}>
            <DockedSchool />
            <Tabs>{{ summary: <SummaryPanel />, schools: <SchoolList />, plans: <PlansPanel />, layout: <LayoutPanel />, balance: <BalancePanel />, settings: <SettingsPanel />, import: <ImportPanel /> }}</Tabs>
          </aside>
          <main className="map-wrap">
            <DrawTools />
            <div className="map-area" ref={area}>
              <MapPane store={store} />
              <BasemapPicker />
              <Legend />
              <Readouts area={area} />
            </div>
          </main>
        </div>
      </div>
    </PlannerContext.Provider>
  );
}
