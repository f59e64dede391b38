/**
 * The smallest value v such that the weights of values <= v reach `q` of the total weight (the
 * weighted quantile the sorted scan would give), by selection in expected linear time: a million
 * values cost a few passes, not a comparator sort. Reorders `values` and `weights` in place.
 * @param values finite numbers; weights: positive numbers of the same length
 * @example weightedQuantile(Float64Array.of(3, 1, 2), Float64Array.of(1, 1, 1), 0.9) // 3
 */
export function weightedQuantile(values: Float64Array, weights: Float64Array, q: number): number {
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i];
  if (!(total > 0)) return NaN;
  // the target weight with the sorted scan's tolerance: cumulative >= q * total - 1e-9
  let need = q * total - 1e-9;
  let lo = 0, hi = values.length;
  while (hi - lo > 0) {
    // median of three as pivot; three-way partition into < pivot, == pivot, > pivot
    const a = values[lo], b = values[(lo + hi) >> 1], c = values[hi - 1];
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : (a < c ? a : b < c ? c : b);
    let lt = lo, i = lo, gt = hi;
    while (i < gt) {
      const v = values[i];
      if (v < pivot) { swap(values, weights, lt++, i++); }
      else if (v > pivot) { swap(values, weights, i, --gt); }
      else i++;
    }
    let below = 0, equal = 0;
    for (let k = lo; k < lt; k++) below += weights[k];
    for (let k = lt; k < gt; k++) equal += weights[k];
    if (below >= need && lt > lo) { hi = lt; continue; }
    if (below + equal >= need) return pivot;
    need -= below + equal;
    lo = gt;
  }
  // rounding left the target just beyond the last value: the largest value holds it
  let max = -Infinity;
  for (let k = 0; k < values.length; k++) if (values[k] > max) max = values[k];
  return max;
}

function swap(v: Float64Array, w: Float64Array, i: number, j: number) {
  const t = v[i]; v[i] = v[j]; v[j] = t;
  const u = w[i]; w[i] = w[j]; w[j] = u;
}
