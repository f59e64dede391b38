import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { PlannerActions, PlannerState, PlannerStore } from '../store/plannerStore';

export const PlannerContext = createContext<PlannerStore | null>(null);

/** Selects a small slice of the planner store; components re-render only when it changes. */
export function usePlanner<T>(selector: (s: PlannerState & PlannerActions) => T): T {
  const store = useContext(PlannerContext);
  if (!store) throw new Error('usePlanner outside <PlannerContext.Provider>');
  return useStore(store, selector);
}
