// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { i18n } from '../../src/i18n/i18n';
import { BalanceSettingsForm } from '../../src/panels/BalanceSettingsForm';
import { PlannerContext } from '../../src/panels/plannerContext';
import { SchoolList } from '../../src/panels/SchoolList';
import { SchoolPanel } from '../../src/panels/SchoolPanel';
import { SettingsPanel } from '../../src/panels/SettingsPanel';
import { SummaryPanel } from '../../src/panels/SummaryPanel';
import { makeStore, settled, shippedSource } from '../store/storeHelpers';

let store: ReturnType<typeof makeStore>;
beforeAll(async () => {
  store = makeStore([shippedSource('edinburgh')]);
  await store.getState().actionOpenSource('edinburgh');
}, 60_000);
afterEach(cleanup);

const withStore = (ui: React.ReactNode) => render(<PlannerContext.Provider value={store}>{ui}</PlannerContext.Provider>);

describe('SummaryPanel', () => {
  it('shows the district totals and flag counts', () => {
    withStore(<SummaryPanel />);
    expect(screen.getByTestId('summary-schools').textContent).toMatch(/^131 /);
    expect(screen.getByTestId('flag-count-undersized').textContent).toBe(String(store.getState().results!.summary.flagCounts.undersized.flagged));
    expect(screen.getByRole('img', { name: /Children by distance band: up to 500 m: / })).toBeTruthy();
  });
});

describe('SchoolList', () => {
  it('sorts by a column and filters by flag; a row selects its school', () => {
    withStore(<SchoolList />);
    fireEvent.click(screen.getByRole('button', { name: 'Pupils' }));
    const rows = () => screen.getAllByRole('row').slice(1);
    const pupils = rows().slice(0, 5).map((r) => Number(within(r).getAllByRole('cell')[2].textContent!.replace(/,/g, '')));
    expect(pupils).toEqual([...pupils].sort((a, b) => b - a)); // descending first for numbers
    fireEvent.change(screen.getByLabelText('Filter by flag'), { target: { value: 'undersized' } });
    expect(rows()).toHaveLength(store.getState().results!.summary.flagCounts.undersized.flagged);
    fireEvent.change(screen.getByLabelText('Filter by flag'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Pupils at least'), { target: { value: '400' } });
    fireEvent.change(screen.getByLabelText('Pupils at most'), { target: { value: '450' } });
    const inRange = store.getState().results!.reports.filter((r) => r.enrollment >= 400 && r.enrollment <= 450).length;
    expect(rows()).toHaveLength(inRange);
    fireEvent.change(screen.getByLabelText('Filter by utilization'), { target: { value: 'unknown' } });
    expect(rows()).toHaveLength(inRange); // Edinburgh has no capacities
    fireEvent.click(within(rows()[0]).getAllByRole('button')[0]);
    expect(store.getState().selectedSchool).not.toBeNull();
  });
});

describe('SchoolPanel', () => {
  it('shows the numbers and flags, rejects a bad correction and applies a good one', async () => {
    act(() => store.getState().actionSelectSchool('5520924'));
    withStore(<SchoolPanel />);
    expect(screen.getByRole('heading', { name: 'Abbeyhill Primary School' })).toBeTruthy();
    expect(screen.getByTestId('stat-enrollment').textContent).toBe('182');
    expect(screen.getByText(/overcrowded: not assessed/)).toBeTruthy();
    fireEvent.change(screen.getByRole('textbox', { name: 'Classrooms' }), { target: { value: 'seven' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect(screen.getByRole('alert').textContent).toBe('classrooms: "seven" is not a number of 0 or more');
    fireEvent.change(screen.getByRole('textbox', { name: 'Classrooms' }), { target: { value: '7' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    await act(async () => { await settled(store); });
    expect(store.getState().edits['5520924']).toMatchObject({ classrooms: 7 });
    expect(screen.getByText(/large classes: ok/)).toBeTruthy(); // 182 / 7 = 26.0 against 30
    fireEvent.click(screen.getByRole('button', { name: 'Revert to the data' }));
    await act(async () => { await settled(store); });
    expect(store.getState().edits['5520924']).toBeUndefined();
  });
});

describe('SettingsPanel', () => {
  it('shows defaults beside the values and applies a change on Enter', async () => {
    withStore(<SettingsPanel />);
    const input = screen.getByLabelText('Primary: Standard class size') as HTMLInputElement;
    expect(input.value).toBe('30');
    expect(input.parentElement!.textContent).toContain('default 30');
    fireEvent.change(input, { target: { value: '-4' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(screen.getByRole('alert').textContent).toBe('Standard class size: "-4" is not a number of 0 or more');
    fireEvent.change(input, { target: { value: '25' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    await act(async () => { await settled(store); });
    expect(store.getState().settings!.levels[0].classSize).toBe(25);
    fireEvent.click(screen.getByRole('button', { name: 'Restore the defaults' }));
    await act(async () => { await settled(store); });
    expect(store.getState().settings!.levels[0].classSize).toBe(30);
  });
});

describe('BalanceSettingsForm', () => {
  afterEach(() => act(() => void i18n.changeLanguage('en')));
  it('says its error line again in the language switched to, before any new error', () => {
    withStore(<BalanceSettingsForm />);
    const level = store.getState().settings!.levels[0];
    fireEvent.blur(screen.getByTestId(`weight-${level.id}`), { target: { value: '' } });
    expect(screen.getByRole('alert').textContent).toBe(`${level.name}: "" is not a weight`);
    act(() => void i18n.changeLanguage('es'));
    expect(screen.getByRole('alert').textContent).toBe('Primaria: "" no es una ponderación válida');
    // an error of the settings check: its field kept, the message in the language of the moment
    fireEvent.blur(screen.getByTestId(`weight-${level.id}`), { target: { value: '-1' } });
    const es = screen.getByRole('alert').textContent!;
    act(() => void i18n.changeLanguage('zh-CN'));
    const zh = screen.getByRole('alert').textContent!;
    expect(zh.split(':')[0]).toBe(es.split(':')[0]);
    expect(zh).toMatch(/[\u4e00-\u9fff]/);
  });
});
