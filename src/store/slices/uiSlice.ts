import { initialBasemapChoice, storeBasemapChoice } from '../../map/basemapChoice';
import type { SliceCreator, UiSlice } from '../types';

/** What the planner looks at: none of it changes a plan or asks the engine for anything. */
export const createUiSlice = (): SliceCreator<UiSlice> => (set, get) => ({
  level: 'primary', mapMode: 'catchments', selectedSchool: null, hoveredUnit: null,
  list: { sortBy: 'name', descending: false, flag: '', type: '', use: '', minPupils: NaN, maxPupils: NaN, text: '' },
  panel: 'summary', focus: null, importDraft: {}, print: { seq: 0, status: 'idle', pictures: null },
  basemap: initialBasemapChoice(), basemapStatus: { state: 'none', detail: null },

  actionSetLevel: (level) => set({ level }),
  actionSetMapMode: (mapMode) => set({ mapMode }),
  actionSelectSchool: (selectedSchool) => {
    // show the school on a level it serves, so that its catchment is the one drawn
    const { dataset, settings, level } = get();
    const i = selectedSchool && dataset ? dataset.schools.ids.indexOf(selectedSchool) : -1;
    const served = i >= 0 && settings ? settings.schoolTypes[dataset!.schools.types[i]]?.levels ?? [] : [];
    set({ selectedSchool, level: served.length && !served.includes(level) ? served[0] : level });
  },
  actionHoverUnit: (hoveredUnit) => { if (get().hoveredUnit !== hoveredUnit) set({ hoveredUnit }); },
  actionSetList: (patch) => set({ list: { ...get().list, ...patch } }),
  actionSetPanel: (panel) => set({ panel }),
  actionFocus: (lon, lat) => set({ focus: { lon, lat, seq: (get().focus?.seq ?? 0) + 1 } }),
  actionSetImportDraft: (importDraft) => set({ importDraft }),
  actionPrintReport: () => set({ print: { seq: get().print.seq + 1, status: 'capturing', pictures: null } }),
  actionSetPrintPictures: (pictures) => set({ print: { ...get().print, status: 'ready', pictures } }),
  actionSetBasemap: (basemap) => { storeBasemapChoice(basemap); set({ basemap }); },
  actionSetBasemapStatus: (basemapStatus) => set({ basemapStatus }),
});
