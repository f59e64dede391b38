import * as Plot from '@observablehq/plot';
import { useEffect, useRef } from 'react';

/**
 * An Observable Plot chart in React: the options describe it, Plot draws the SVG (axes, legend), and it
 * is drawn again when the options change. `label` is the chart's accessible description.
 */
export function PlotChart({ options, label, className, testId }: { options: Plot.PlotOptions; label: string; className?: string; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = Plot.plot({ ...options, ariaLabel: label });
    el.replaceChildren(chart);
    return () => { chart.remove(); };
  }, [options, label]);
  return <div ref={ref} className={className ?? 'plot-chart'} data-testid={testId} />;
}
