// the language is settled before the first render (?lang=, remembered choice, browser)
import '../i18n/i18n';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createPlannerStore } from '../store/plannerStore';
import { indexedDbStorage, unavailableStorage } from '../store/planStorage';
import { App } from './App';
import { SHIPPED_DATASETS } from './datasets';
import { startEngine } from './engineClient';
import './app.css';

const engine = startEngine();
// plans autosave to IndexedDB; without it (some private modes) the session still works, unsaved
const store = createPlannerStore(engine, SHIPPED_DATASETS, typeof indexedDB !== 'undefined' ? indexedDbStorage() : unavailableStorage('this browser offers no storage to the page (IndexedDB is unavailable)'));
(globalThis as unknown as { __planner: typeof store }).__planner = store;
// imported data sets kept in this browser come back, and the last one used opens again
void store.getState().actionRestore();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App store={store} />
  </StrictMode>,
);
