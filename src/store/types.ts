import type { Said } from './said';
import type { Mutate, StateCreator, StoreApi } from 'zustand/vanilla';
import type { Outcomes, WhatItTakes, Plan, Problem, ScenarioActionDraft, SchoolEdit, SchoolEdits, Settings, ZoneTally } from '../core/index';
import type { HistoryEntry } from './historyEntries';
import type { ProposeSlice } from './slices/proposeSlice';
import type { Dataset, Results, SourceFile, ZoneReview } from './results';
import type { Working } from './working';
import type { BasemapChoice } from '../map/basemapChoice';

export type MapMode = 'catchments' | 'children' | 'difference';
export type Status = 'idle' | 'loading' | 'computing' | 'ready' | 'failed';
export type Tool = 'select' | 'brush' | 'lasso' | 'fill' | 'eraser' | 'lock' | 'unlock' | 'place';
export type Panel = 'summary' | 'schools' | 'plans' | 'layout' | 'settings' | 'import' | 'balance';

export interface DatasetSource {
  id: string;
  name: string;
  /** how to get the files: shipped URLs or files the user imported in this session */
  files: () => Promise<{ schools: SourceFile; population: SourceFile; context?: SourceFile; network?: SourceFile; births?: SourceFile; settings?: unknown }>;
  /** how a shipped data set counts children: a catalogue key, said in the language of the moment */
  countsNote?: Said;
  /** whom a shipped data set credits: licence statements, shown as they are in every language */
  sources?: string[];
  imported?: boolean;
  /** an imported data set kept in this browser (its note is said in the panel's language) */
  kept?: boolean;
}

export interface ListState {
  sortBy: 'name' | 'type' | 'enrollment' | 'utilization' | 'children' | 'flags';
  descending: boolean;
  flag: string; // '' = any; 'any_flag' = flagged by something; else a flag name
  type: string; // '' = any
  /** '' = any; 'under' / 'target' / 'over' by the settings' utilization bands; 'unknown' = no capacity */
  use: '' | 'under' | 'target' | 'over' | 'unknown';
  /** pupils at least / at most (NaN = no bound) */
  minPupils: number;
  maxPupils: number;
  text: string;
}

/** The last change the painter made, for the map to recolour just those units (null: everything). */
export interface PaintDelta { version: number; level: string; units: Uint32Array | null }

/** A stored plan that could not be used: kept aside to export or delete, never applied. */
/** A stored plan set aside: its problems stay coded, so they are said in the language of the moment. */
export interface BadPlan { plan: unknown; id: string; /** '' when the record has none (the panel says "unnamed plan" in its language) */ name: string; problems: Problem[] }

/** One map of the printed report: a PNG (legend items, scale bar, north arrow and labels drawn in) and its legend. */
export interface ReportMap { png: string | null; legend: { name: string; colour: string; closed: boolean; opened: boolean }[] }

/** The report's two maps of one level, framed on what the plan changes: before and after the plan. */
export interface ReportPictures { level: string; before: ReportMap; after: ReportMap; framedOnChanges: boolean }

export type ScenarioComparisonRow = { id: string; name: string; outcomes: Outcomes; problems: string[] };

/** Data set and settings: what is open, its standards and corrections, and the engine's results. */
export interface DatasetSlice {
  sources: DatasetSource[];
  sourceId: string | null;
  dataset: Dataset | null;
  /** the data set's own settings: the defaults the settings panel shows */
  defaultSettings: Settings | null;
  settings: Settings | null;
  edits: SchoolEdits;
  results: Results | null;
  /** running totals per school and level, kept current while painting */
  tallies: Record<string, ZoneTally> | null;
  status: Status;
  /** problems of the last load attempt (errors block it, warnings are informative) */
  problems: Problem[];
  problemsFor: string | null;
  millis: { open: number; compute: number };
  /** the last failure of the engine (worker): the previous results stay on screen */
  engineError: Said | null;
  actionOpenSource(id: string): Promise<boolean>;
  actionUpdateSettings(next: Settings): void;
  actionResetSettings(): void;
  actionEditSchool(id: string, edit: SchoolEdit): void;
  actionClearEdits(id: string): void;
}

/** Plans and autosave: saved plans, the active one, what could not be used or saved, data sets kept in the browser. */
export interface PlansSlice {
  /** saved plans of this data set; the nearest-school baseline is not among them (activePlanId null) */
  plans: Plan[];
  activePlanId: string | null;
  /** the active plan as arrays, changed in place while painting */
  working: Working | null;
  /** stored plans of this data set that fail validation or derivation: kept aside to export or delete, never applied */
  badPlans: BadPlan[];
  saveState: 'saved' | 'saving' | 'failed';
  /** why the last save failed (storage unavailable or full): shown prominently; work goes on in memory */
  saveError: Said | null;
  /** imported data sets kept in this browser, and the bytes the site uses */
  storedDatasets: { id: string; name: string; size: number; savedAt: string }[];
  storageUsage: { used: number; quota: number } | null;
  /** another tab saved a newer version of the plan on screen while this tab had unsaved changes: the planner chooses */
  planConflict: { planId: string; name: string; updatedAt: string } | null;
  /** 'theirs': show the other tab's version (this tab's unsaved edits are dropped); 'mine': keep this tab's version as a copy */
  actionResolvePlanConflict(choice: 'theirs' | 'mine'): Promise<void>;
  actionAddImported(source: DatasetSource): Promise<boolean>;
  /** lists imported data sets kept in this browser and opens the last one used (else the first source) */
  actionRestore(): Promise<boolean>;
  /** forgets an imported data set and its plans */
  actionRemoveDataset(id: string): Promise<void>;
  /** a stored plan that could not be used: its text for export, or deleted */
  exportBadPlan(id: string): string | null;
  actionDeleteBadPlan(id: string): Promise<void>;
  actionNewPlan(name?: string): Promise<void>;
  actionDuplicatePlan(id: string): Promise<void>;
  actionRenamePlan(id: string, name: string): Promise<void>;
  actionSetPlanNote(id: string, note: string): Promise<void>;
  actionDeletePlan(id: string): Promise<void>;
  actionActivatePlan(id: string | null): Promise<void>;
  actionImportPlan(text: string, fileName: string): Promise<Problem[]>;
  exportActivePlan(): string | null;
  /** reads an existing zones file: returns the zones to review (matches, suggestions) */
  readZones(file: SourceFile): Promise<ZoneReview>;
  /** a new plan whose level follows imported zones; `schoolByZone` is the reviewed matching */
  actionPlanFromZones(name: string, level: string, schoolByZone: (string | null)[], zoneByUnit: Int32Array): Promise<void>;
}

/** Painting: the tool, the brush, the live change of the stroke. */
export interface PaintSlice {
  tool: Tool;
  brushRadiusPx: number;
  paint: PaintDelta;
  /** the last stroke's change of children per school (school index -> children gained, negative = lost) */
  strokeChanges: Map<number, number> | null;
  /** a short message about the last edit (refused strokes, locks, plans started or removed) */
  notice: Said | null;
  actionSetTool(tool: Tool): void;
  actionSetBrushRadius(px: number): void;
  actionBeginStroke(): boolean;
  actionPaintUnits(units: ArrayLike<number>): void;
  actionEndStroke(): void;
  actionCancelStroke(): void;
  actionLockZone(schoolId: string, lock: boolean): void;
}

/** Undo and redo of the active plan's edits. */
export interface HistorySlice {
  history: { undo: HistoryEntry[]; redo: HistoryEntry[] };
  actionUndo(): void;
  actionRedo(): void;
}

/** Layout changes of the active scenario, and comparing scenarios. */
export interface LayoutSlice {
  /** a point clicked with the place tool, waiting for the planner to open a school or add housing there */
  pendingPoint: { lon: number; lat: number } | null;
  /** adds a layout change to the active scenario (starting one from the baseline if needed) */
  actionAddLayoutAction(action: ScenarioActionDraft): Promise<void>;
  actionRemoveLayoutAction(index: number): Promise<void>;
  actionSetPendingPoint(p: { lon: number; lat: number } | null): void;
  compareScenarios(ids: string[]): Promise<ScenarioComparisonRow[]>;
  /** what it takes for the active plan to pass its balance evaluation (null: no data set, or no engine for it) */
  balancePlans(): Promise<WhatItTakes | null>;
}

/** What the planner looks at: level, map mode, selection, the list's filters, the open tab. */
export interface UiSlice {
  level: string;
  mapMode: MapMode;
  selectedSchool: string | null;
  hoveredUnit: number | null;
  list: ListState;
  panel: Panel;
  /** a place the map should show (a check's location); seq makes repeated requests distinct */
  focus: { lon: number; lat: number; seq: number } | null;
  /** files chosen in the Data tab but not loaded yet: kept when the tab changes */
  importDraft: Partial<Record<'schools' | 'population' | 'roads' | 'births' | 'settings', File>>;
  /**
   * A print of the report: asked for (capturing: the map adapter takes its pictures), then ready (the
   * page prints). seq makes repeated requests distinct.
   */
  print: { seq: number; status: 'idle' | 'capturing' | 'ready'; pictures: ReportPictures | null };
  /** the basemap under the data (kept in this browser), and how drawing it went: an unavailable one is drawn as none */
  basemap: BasemapChoice;
  basemapStatus: { state: 'none' | 'loading' | 'shown' | 'unavailable'; detail: string | null };
  actionSetLevel(level: string): void;
  actionSetMapMode(mode: MapMode): void;
  actionSelectSchool(id: string | null): void;
  actionHoverUnit(unit: number | null): void;
  actionSetList(patch: Partial<ListState>): void;
  actionSetPanel(panel: Panel): void;
  actionFocus(lon: number, lat: number): void;
  actionSetImportDraft(draft: UiSlice['importDraft']): void;
  /** asks for the report's map pictures; the map adapter answers with actionSetPrintPictures */
  actionPrintReport(): void;
  actionSetPrintPictures(pictures: ReportPictures | null): void;
  actionSetBasemap(choice: BasemapChoice): void;
  actionSetBasemapStatus(status: UiSlice['basemapStatus']): void;
}

export interface IdleSlice {
  /** resolves when every computation, save and load the store started has finished */
  whenIdle(): Promise<void>;
}

export type Planner = DatasetSlice & PlansSlice & PaintSlice & HistorySlice & LayoutSlice & UiSlice & ProposeSlice & IdleSlice;

type Fields<T> = { [K in keyof T as T[K] extends (...args: never[]) => unknown ? never : K]: T[K] };
type Methods<T> = { [K in keyof T as T[K] extends (...args: never[]) => unknown ? K : never]: T[K] };

/** The store's state (fields) and intents (methods), as panels, the map and tests see them. */
export type PlannerState = Fields<Planner>;
export type PlannerActions = Methods<Planner>;

export type PlannerStore = Mutate<StoreApi<Planner>, [['zustand/subscribeWithSelector', never]]>;

/** One slice of the store (zustand's slices pattern): its own fields and actions over the whole state. */
export type SliceCreator<T> = StateCreator<Planner, [['zustand/subscribeWithSelector', never]], [], T>;
