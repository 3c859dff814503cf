/**
 * One line that shows how far a long step has got: done of total, the rate,
 * and the time left. On a terminal it is redrawn in place; in a log (CI, a
 * pipe) it is written as a new line every few seconds instead.
 */

export interface ProgressOutput {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

export interface Progress {
  /** `done` of `total` units so far (total may change, e.g. a lag that grows). */
  update(done: number, total: number): void;
  /** Ends the line with a last word. */
  finish(message: string): void;
}

const BAR = 24;

export function formatProgress(
  label: string,
  unit: string,
  done: number,
  total: number,
  elapsedMs: number,
): string {
  const share = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(share * BAR);
  const rate = elapsedMs > 0 ? (done / elapsedMs) * 1000 : 0;
  const left = rate > 0 ? Math.max(0, (total - done) / rate) : Number.NaN;
  const eta = Number.isFinite(left)
    ? `ETA ${left < 60 ? `${Math.ceil(left)} s` : `${Math.ceil(left / 60)} min`}`
    : 'ETA -';
  return (
    `${label} ${'█'.repeat(filled)}${'░'.repeat(BAR - filled)} ${Math.floor(share * 100)}% ` +
    `${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} ${unit} · ` +
    `${Math.round(rate).toLocaleString('en-US')} ${unit}/s · ${eta}`
  );
}

export function progressLine(
  out: ProgressOutput,
  label: string,
  unit: string,
  options: { readonly clock?: () => number; readonly logEveryMs?: number } = {},
): Progress {
  const clock = options.clock ?? Date.now;
  const began = clock();
  let lastLogged = Number.NEGATIVE_INFINITY;
  let last = '';
  return {
    update(done, total) {
      last = formatProgress(label, unit, done, total, clock() - began);
      if (out.isTTY) out.write(`\r${last}\x1b[K`);
      else if (clock() - lastLogged >= (options.logEveryMs ?? 3000)) {
        out.write(`${last}\n`);
        lastLogged = clock();
      }
    },
    finish(message) {
      const line = `${label} ${message} (${((clock() - began) / 1000).toFixed(1)} s)`;
      out.write(out.isTTY ? `\r${line}\x1b[K\n` : `${line}\n`);
    },
  };
}
