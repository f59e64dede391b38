/**
 * A linear programme in the form HiGHS takes: minimise c'x subject to rowLower <= Ax <= rowUpper and
 * colLower <= x <= colUpper, with A in compressed sparse rows. Kept solver-neutral so that the core
 * never loads WebAssembly itself: the worker and the CLI hand in a solver.
 */
export interface LpModel {
  numCols: number;
  numRows: number;
  colCost: Float64Array;
  colLower: Float64Array;
  colUpper: Float64Array;
  rowLower: Float64Array;
  rowUpper: Float64Array;
  /** CSR: row i's entries are starts[i]..starts[i+1] of indices (columns) and values */
  starts: Int32Array;
  indices: Int32Array;
  values: Float64Array;
  /** whole-number columns (a MIP): true = all, or 1 per whole-number column; absent = all continuous */
  integer?: boolean | Uint8Array;
}

export interface LpSolution {
  status: 'optimal' | 'infeasible' | 'time_limit' | 'error';
  objective: number;
  colValue: Float64Array;
  /** row duals (d objective / d bound of the row), where the solver gives them */
  rowDual?: Float64Array;
  message?: string;
}

/** Solves a model; the result is always returned, never thrown for an optimisation outcome. */
export type LpSolver = (model: LpModel, options?: { timeLimitS?: number; mipRelGap?: number; mipMaxNodes?: number }) => LpSolution;

/** Grows CSR rows one at a time. */
export class RowBuilder {
  private starts: number[] = [0];
  private indices: number[] = [];
  private values: number[] = [];
  private lower: number[] = [];
  private upper: number[] = [];

  /** Adds `lower <= sum values[k] * x[cols[k]] <= upper`; returns the row index. */
  add(cols: ArrayLike<number>, values: ArrayLike<number>, lower: number, upper: number): number {
    for (let k = 0; k < cols.length; k++) { this.indices.push(cols[k]); this.values.push(values[k]); }
    this.starts.push(this.indices.length);
    this.lower.push(lower);
    this.upper.push(upper);
    return this.lower.length - 1;
  }

  get rows(): number { return this.lower.length; }

  build(cols: { cost: Float64Array; lower: Float64Array; upper: Float64Array }, integer: boolean | Uint8Array = false): LpModel {
    return {
      numCols: cols.cost.length, numRows: this.lower.length, colCost: cols.cost, colLower: cols.lower, colUpper: cols.upper,
      rowLower: Float64Array.from(this.lower), rowUpper: Float64Array.from(this.upper),
      starts: Int32Array.from(this.starts), indices: Int32Array.from(this.indices), values: Float64Array.from(this.values), integer,
    };
  }
}
