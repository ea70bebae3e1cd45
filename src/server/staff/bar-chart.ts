/**
 * A horizontal bar chart's bars, for the summary page: each bar is a small SVG (hidden from assistive technology)
 * under its label and count written as text, so the chart reads without colour or sight, and the same figures are in
 * the table beside it. Bar lengths are SVG attributes, not inline styles, so the Content-Security-Policy (no inline
 * style) holds.
 */
export interface Bar {
  label: string;
  count: number;
  /** Out of CHART.barArea. */
  width: number;
}

export const CHART = { barArea: 600, barHeight: 24 };

export function barChart(rows: ReadonlyArray<{ label: string; count: number }>): { bars: Bar[] } {
  const most = Math.max(1, ...rows.map((r) => r.count));
  return {
    bars: rows.map((row) => ({
      label: row.label,
      count: row.count,
      // At least a sliver, so a format asked for once still shows a bar.
      width: Math.max(4, Math.round((row.count / most) * CHART.barArea)),
    })),
  };
}
