// The place the planner's search chose (not a school): the map marks it until another is chosen or cleared.
import { createStore } from 'zustand/vanilla';

export interface MarkedPlace { lon: number; lat: number; name: string }

export const markedPlace = createStore<{ place: MarkedPlace | null }>(() => ({ place: null }));
