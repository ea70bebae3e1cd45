/**
 * Progress for long steps ("Printing PDFs: 3 of 8, 2.1 s"), throttled so a CI log gets a line every few seconds at
 * most, plus the last one.
 */
export interface Progress {
  done(): void;
  finish(summary: string): void;
}

export function progress(label: string, total: number, log: (line: string) => void, everySeconds = 3): Progress {
  const started = performance.now();
  let count = 0;
  let lastLog = started;
  const seconds = (): string => ((performance.now() - started) / 1000).toFixed(1);
  return {
    done() {
      count++;
      const now = performance.now();
      if (count < total && now - lastLog >= everySeconds * 1000) {
        log(`${label}: ${count} of ${total}, ${seconds()} s`);
        lastLog = now;
      }
    },
    finish(summary: string) {
      log(`${summary} (${seconds()} s)`);
    },
  };
}
