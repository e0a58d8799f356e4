// chart.js with only the parts Alur's charts use registered (a smaller bundle),
// and the configuration of a percentage-over-categories chart.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';

Chart.register(LineController, LineElement, PointElement, BarController, BarElement, CategoryScale, LinearScale, Tooltip);

export { Chart };

export type PercentChartKind = 'line' | 'bar';

/** Percentages (0-100, or null for none) over labelled categories: weeks, months, units. */
export function percentChartConfig(
  kind: PercentChartKind,
  labels: string[],
  values: (number | null)[],
  seriesLabel: string,
): ChartConfiguration<PercentChartKind, (number | null)[], string> {
  const colour = '#0a5a9c';
  return {
    type: kind,
    data: {
      labels,
      datasets: [
        {
          label: seriesLabel,
          data: values,
          borderColor: colour,
          backgroundColor: kind === 'bar' ? 'rgba(10, 90, 156, 0.75)' : colour,
          spanGaps: false,
        },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: { y: { min: 0, max: 100, ticks: { callback: (v) => `${v}%` } } },
      plugins: { tooltip: { callbacks: { label: (item) => `${seriesLabel}: ${item.formattedValue}%` } } },
    },
  };
}
