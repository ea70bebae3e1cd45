/** A benchmark stage's figures: its runs, their median, and the median's ratio to a floor measured in the same run. */
export interface StageResult {
  name: string;
  runsSeconds: number[];
  median: number;
  ratio: number;
  note?: string;
  /** What the figures count, when not seconds (screens, KB). */
  unit?: string;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Seconds `fn` takes, whether it returns a promise or works synchronously. */
export async function time(fn: () => unknown): Promise<number> {
  const start = performance.now();
  await fn();
  return (performance.now() - start) / 1000;
}

export function stage(name: string, runsSeconds: number[], floor: number, note?: string): StageResult {
  const m = median(runsSeconds);
  return { name, runsSeconds, median: m, ratio: m / floor, ...(note ? { note } : {}) };
}
