import loadHighs from 'highs';
import { createHighsSolver, type LpSolver } from '../core/index';

/** HiGHS (WebAssembly) loaded once for the optimising commands. */
export async function loadSolver(): Promise<LpSolver> {
  return createHighsSolver(await loadHighs());
}
