// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { i18n } from '../../src/i18n/i18n';
import { PlannerContext } from '../../src/panels/plannerContext';
import { ProjectionBacktestSummary, ProjectionDetails } from '../../src/panels/ProjectionDetails';
import { makeStore, shippedSource } from '../store/storeHelpers';

let store: ReturnType<typeof makeStore>;
beforeAll(async () => {
  store = makeStore([shippedSource('edinburgh')]);
  await store.getState().actionOpenSource('edinburgh');
}, 60_000);
afterEach(cleanup);

const withStore = (ui: React.ReactNode) => render(<PlannerContext.Provider value={store}>{ui}</PlannerContext.Provider>);

describe('ProjectionDetails', () => {
  it('shows the district backtest: the engine against both baselines per years ahead', () => {
    withStore(<ProjectionBacktestSummary />);
    const box = screen.getByTestId('backtest-summary');
    const b = store.getState().results!.projection.backtest;
    const rows = within(box).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(b.byHorizon.length);
    expect(rows[0].textContent).toContain(new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 }).format(b.byHorizon[0].engine));
    // Edinburgh's backtest chooses how much of the projected change each grade keeps
    expect(b.changeWeight).toMatchObject({ source: 'backtest', value: 0.7 });
    expect(within(box).getByTestId('change-weight').textContent).toBe('Each grade keeps 70% of its projected change from the base year (the weight the backtest chose).');
  });

  it('shows a school\'s sources, history years and its low/mid/high years with likely and possible flags', () => {
    const p = store.getState().results!.projection;
    const sp = p.schools.find((s) => s.years.length && s.backtestError !== null)!;
    withStore(<ProjectionDetails id={sp.id} />);
    const box = screen.getByTestId('projection-details');
    expect(box.textContent).toContain(sp.historyYearsUsed.join(', '));
    const rows = within(screen.getByTestId('projection-ranges')).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(sp.years.length);
    const cells = within(rows[0]).getAllByRole('cell').map((c) => c.textContent);
    expect(cells[0]).toBe(String(sp.years[0].year));
    expect(Number(cells[1]!.replace(/,/g, ''))).toBeLessThan(Number(cells[2]!.replace(/,/g, '')));
    expect(Number(cells[3]!.replace(/,/g, ''))).toBeGreaterThan(Number(cells[2]!.replace(/,/g, '')));
  });
});

describe('ProjectionDetails on Hualien: entry from births by township', () => {
  it('names the township whose births the school shares, in English and Chinese', async () => {
    const hualien = makeStore([shippedSource('hualien')]);
    await hualien.getState().actionOpenSource('hualien');
    const sp = hualien.getState().results!.projection.schools.find((s) => s.entryMethod.primary === 'births by area' && s.entryArea.primary === '花蓮市')!;
    expect(sp.entry.primary).toMatch(/^births \(township\): \d+% of its \d+% share \(by g1 pupils now\) of the births of its township 花蓮市/);
    render(<PlannerContext.Provider value={hualien}><ProjectionDetails id={sp.id} /></PlannerContext.Provider>);
    const box = screen.getByTestId('projection-details');
    expect(box.textContent).toContain('births in 花蓮市, shared by its schools');
    await i18n.changeLanguage('zh-CN');
    try {
      expect(box.textContent).toContain('花蓮市出生人口（按各校现有新生分配）');
    } finally {
      await i18n.changeLanguage('en');
    }
  }, 60_000);
});
