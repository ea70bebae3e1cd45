/**
 * A horizontal bar chart's geometry, for an inline SVG drawn by the summary page's template: one bar per row, its
 * label and count written beside it (so the chart reads without colour, and the same figures are in the table next to
 * it). Sizes are SVG attributes, not inline styles, so the page's Content-Security-Policy (no inline style) holds.
 */
export interface Bar {
  label: string;
  count: number;
  y: number;
  width: number;
}

export const CHART = { width: 640, barHeight: 28, gap: 44, labelHeight: 20, barArea: 520 };

export function barChart(rows: ReadonlyArray<{ label: string; count: number }>): { bars: Bar[]; height: number } {
  const most = Math.max(1, ...rows.map((r) => r.count));
  const bars = rows.map((row, i) => ({
    label: row.label,
    count: row.count,
    y: i * (CHART.barHeight + CHART.gap) + CHART.labelHeight,
    // At least a sliver, so a format asked for once still shows a bar.
    width: Math.max(4, Math.round((row.count / most) * CHART.barArea)),
  }));
  return { bars, height: Math.max(1, rows.length) * (CHART.barHeight + CHART.gap) };
}
