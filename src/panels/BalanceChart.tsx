import * as Plot from '@observablehq/plot';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { IndicatorBalance } from '../core/index';
import { formatCount as count, formatNumber } from '../i18n/format';

/** Each school's value of one indicator (per pupil or per 100 pupils) against its pupils, with the county value as a rule. */
export function BalanceChart({ indicator, name }: { indicator: IndicatorBalance; name: string }) {
  const { t } = useTranslation('balance');
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el || !indicator.schools.length) return;
    // the indicator's name says its scale (per pupil, per 100 pupils); the unit is added when the name lacks it
    const yLabel = name.includes(indicator.unit) ? name : `${name} (${indicator.unit}${indicator.per === 100 ? t('perHundredSuffix') : t('perPupilSuffix')})`;
    const chart = Plot.plot({
      width: 420, height: 260, marginLeft: 56, marginBottom: 40, grid: true,
      x: { label: t('chartPupils'), type: 'log' },
      y: { label: yLabel, zero: true, nice: true },
      marks: [
        Plot.ruleY([indicator.countyValue], { stroke: '#b3261e', strokeDasharray: '4,3' }),
        Plot.text([indicator.countyValue], { y: (d: number) => d, frameAnchor: 'right', dy: -6, text: () => t('chartCounty'), fill: '#b3261e' }),
        Plot.dot(indicator.schools, { x: 'pupils', y: 'value', r: 3, fill: (d: { contribution: number }) => d.contribution, stroke: '#333', strokeWidth: 0.5, tip: true, title: (d: { name: string; value: number; pupils: number }) => `${d.name}\n${formatNumber(d.value, 2)} · ${count(d.pupils)}` }),
      ],
      color: { scheme: 'oranges' },
    });
    chart.setAttribute('aria-label', t('chartAria', { name }));
    el.replaceChildren(chart);
    return () => { chart.remove(); };
  }, [indicator, name, t]);
  return <div ref={ref} className="balance-chart" data-testid="balance-chart" />;
}
