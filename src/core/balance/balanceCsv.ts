import { csvText } from '../report/csvCell';
import type { BalanceEvaluation } from './evaluateBalance';

/** `level,indicator,name,county_value,cv,threshold,pass,not_assessed`: the table county reports use. */
export function balanceCsv(e: BalanceEvaluation): string {
  const rows: unknown[][] = [];
  for (const l of e.levels) {
    for (const i of l.indicators) rows.push([l.level, i.id, i.name.en, i.countyValue, i.cv, i.threshold, i.pass === null ? '' : i.pass ? 1 : 0, i.notAssessed ?? '']);
    if (e.standard.rule === 'composite') rows.push([l.level, 'composite', 'mean of the indicators', '', l.composite, l.compositeThreshold, l.pass === null ? '' : l.pass ? 1 : 0, Number.isFinite(l.composite) ? '' : 'not assessed: an indicator is not assessed']);
  }
  return csvText(['level', 'indicator', 'name', 'county_value', 'cv', 'threshold', 'pass', 'not_assessed'], rows);
}

/** `level,school_id,name,pupils,indicator,value,share_of_variation`: each school against the county. */
export function balanceSchoolsCsv(e: BalanceEvaluation): string {
  const rows: unknown[][] = [];
  for (const l of e.levels) for (const i of l.indicators) for (const s of i.schools) rows.push([l.level, s.id, s.name, s.pupils, i.id, s.value, s.contribution]);
  return csvText(['level', 'school_id', 'name', 'pupils', 'indicator', 'value', 'share_of_variation'], rows);
}
