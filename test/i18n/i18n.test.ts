import { afterEach, describe, expect, it } from 'vitest';
import { formatDistance, formatPercent, formatStandard, isMilesStandard, formatCount } from '../../src/i18n/format';
import { i18n, matchLanguage, setLanguage } from '../../src/i18n/i18n';
import { zoneLabel } from '../../src/panels/format';
import { baselineName, nextPlanName } from '../../src/store/planRecord';
import { makeStore, textSource } from '../store/storeHelpers';
import type { Plan } from '../../src/core/index';

afterEach(() => void i18n.changeLanguage('en'));

describe('i18n in Node', () => {
  it('initialises without a window, in English, with plurals per language', () => {
    expect(i18n.isInitialized).toBe(true);
    expect(i18n.t('common:schools', { count: 1 })).toBe('1 school');
    setLanguage('zh-CN'); // no storage in Node: still switches
    expect(i18n.t('common:schools', { count: 3 })).toBe('3 所学校');
    setLanguage('es');
    expect(i18n.t('common:schools', { count: 1 })).toBe('1 escuela');
  });
  it('maps browser tags onto the three languages', () => {
    expect(['zh-TW', 'zh', 'es-419', 'en-GB', 'fr'].map(matchLanguage)).toEqual(['zh-CN', 'zh-CN', 'es', 'en', null]);
  });
  it('formats per language; miles only for a standard set in miles', () => {
    expect(formatCount(12345)).toBe('12,345');
    expect(formatPercent(0.25)).toBe('25%');
    expect(formatDistance(850)).toBe('850 m');
    expect(formatDistance(2000)).toBe('2 km');
    expect(isMilesStandard(3219)).toBe(true);
    expect(isMilesStandard(2000)).toBe(false);
    expect(formatStandard(3219)).toBe('3.2 km (2 mi)');
    void i18n.changeLanguage('es');
    expect(formatCount(12345)).toBe('12.345');
    expect(formatPercent(0.25)).toBe('25\u00a0%');
    expect(formatDistance(2500)).toBe('2,5 km');
    expect(formatCount(undefined)).toBe('–');
  });
  it('names an unnamed imported zone in the language; a named one as the file does', () => {
    const unnamed = { index: 4, label: 'zone 4', named: false }, named = { index: 2, label: 'Zone 4', named: true };
    expect(zoneLabel(unnamed)).toBe('zone 4');
    void i18n.changeLanguage('zh-CN');
    expect([zoneLabel(unnamed), zoneLabel(named)]).toEqual(['学区 4', 'Zone 4']);
    void i18n.changeLanguage('es');
    expect(zoneLabel(unnamed)).toBe('zona 4');
  });
  it('names a new plan in the language of the moment, after the names taken', () => {
    void i18n.changeLanguage('zh-CN');
    expect(nextPlanName([{ name: '方案 1' }, { name: 'Plan 2' }] as Plan[])).toBe('方案 2');
    void i18n.changeLanguage('en');
    expect(nextPlanName([{ name: '方案 1' }] as Plan[])).toBe('Plan 1');
  });
  it('names the baseline and a plan file without a name in the language of the moment', async () => {
    void i18n.changeLanguage('zh-CN');
    expect(baselineName()).toBe('就近入学（基准）');
    const store = makeStore([textSource('t', 'id,name,level,lon,lat,capacity,g1\nA,West,primary,0,0,100,10\n', 'id,lon,lat,primary\nu1,0.01,0,10\n')]);
    await store.getState().actionOpenSource('t');
    const file = JSON.parse(store.getState().exportActivePlan()!) as Record<string, unknown>;
    expect(file.name).toBe('就近入学（基准）');
    delete file.name;
    expect(await store.getState().actionImportPlan(JSON.stringify(file), 'plan.json')).toEqual([]);
    expect(store.getState().plans.map((p) => p.name)).toEqual(['导入的方案']);
  });
});
