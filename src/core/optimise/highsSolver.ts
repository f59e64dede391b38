import type { Highs } from 'highs';
import type { LpModel, LpSolution, LpSolver } from './lpSolver';

/**
 * An `LpSolver` over a loaded HiGHS (WebAssembly), with HiGHS options (e.g. `{ solver: 'ipm' }`). The caller loads HiGHS (`loadHighs()` in Node,
 * with `locateFile` pointing at the bundled wasm in the browser), so the core never fetches anything.
 * @example createHighsSolver(await loadHighs())(model).objective
 */
export function createHighsSolver(highs: Highs, settings: Record<string, string | number | boolean> = {}): LpSolver {
  return (m: LpModel, options = {}): LpSolution => {
    const model = highs.createModel({
      numCols: m.numCols, numRows: m.numRows, colCost: m.colCost, colLower: m.colLower, colUpper: m.colUpper,
      rowLower: m.rowLower, rowUpper: m.rowUpper,
      matrix: { format: 'csr', numRows: m.numRows, numCols: m.numCols, starts: m.starts, indices: m.indices, values: m.values },
      ...(m.integer ? { integrality: m.integer === true ? new Int32Array(m.numCols).fill(1) : Int32Array.from(m.integer) } : {}),
    });
    try {
      model.options.set({ output_flag: false, ...settings, ...(options.timeLimitS ? { time_limit: options.timeLimitS } : {}), ...(options.mipRelGap !== undefined ? { mip_rel_gap: options.mipRelGap } : {}), ...(options.mipMaxNodes !== undefined ? { mip_max_nodes: options.mipMaxNodes } : {}) });
      model.run();
      // HiGHS model status codes: 7 optimal, 8 infeasible, 9 unbounded or infeasible, 13 time, 14 iteration, 16 solution limit (a node limit ends as one of these)
      const code = Number(model.getModelStatus());
      const sol = model.getSolution();
      const objective = model.getObjectiveValue();
      const label = code === 7 ? 'optimal' : code === 8 || code === 9 ? 'infeasible' : code === 13 || code === 14 || code === 16 ? 'time_limit' : 'error';
      return { status: label, objective, colValue: Float64Array.from(sol.colValue), rowDual: Float64Array.from(sol.rowDual), message: `HiGHS model status ${code}` };
    } catch (e) {
      return { status: 'error', objective: NaN, colValue: new Float64Array(m.numCols), message: (e as Error).message };
    } finally {
      model.dispose();
    }
  };
}
