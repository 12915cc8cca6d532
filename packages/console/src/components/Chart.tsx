import { useEffect, useRef } from 'react';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart as ChartJS,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';

// Only what the analytics page draws, so the bundle stays small (no time adapter: labels are
// formatted into a category scale).
ChartJS.register(LineController, BarController, LineElement, BarElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend);

ChartJS.defaults.font.family = getComputedStyle(document.documentElement).getPropertyValue('--font-ui').trim() || 'system-ui, sans-serif';
ChartJS.defaults.font.size = 11;
ChartJS.defaults.color = '#4b5563';

export type ChartConfig = ChartConfiguration<'line' | 'bar', number[], string>;

/** A chart.js chart created on mount and destroyed on unmount or when `config` changes. */
export function Chart({ config, label }: { config: ChartConfig; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new ChartJS(canvas.current, config);
    return () => chart.destroy();
  }, [config]);
  return (
    <div className="chart-box">
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  );
}
