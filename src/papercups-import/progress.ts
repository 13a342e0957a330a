export interface Progress {
  start(label: string, total: number): void;
  tick(done: number): void;
  end(): void;
}

export const silentProgress: Progress = { start() {}, tick() {}, end() {} };

interface Stream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

const rate = (done: number, startedAt: number) =>
  `${Math.round(done / Math.max((Date.now() - startedAt) / 1000, 0.001)).toLocaleString('en-US')} rows/s`;

/**
 * On a terminal: one bar per table, redrawn in place at most ten times a second. Otherwise (a log, CI):
 * a plain line when a table starts, at every tenth of it, and when it ends.
 */
export function streamProgress(stream: Stream): Progress {
  let label = '';
  let total = 0;
  let done = 0;
  let startedAt = 0;
  let lastDraw = 0;
  let lastTenth = 0;
  const percent = () => (total ? Math.min(100, Math.floor((done / total) * 100)) : 100);
  const line = () => `${label} ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} (${percent()}%)`;

  const draw = () => {
    const width = 30;
    const filled = Math.round((percent() / 100) * width);
    const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
    const text = `${bar} ${line()} ${rate(done, startedAt)}`;
    stream.write(`\r${text.slice(0, (stream.columns ?? 120) - 1).padEnd(Math.min(stream.columns ?? 120, 100) - 1)}`);
  };

  return {
    start(name, rows) {
      [label, total, done, startedAt, lastDraw, lastTenth] = [name, rows, 0, Date.now(), 0, 0];
      if (stream.isTTY) draw();
      else stream.write(`${label}: ${total.toLocaleString('en-US')} rows\n`);
    },
    tick(rows) {
      done = rows;
      if (stream.isTTY) {
        if (Date.now() - lastDraw >= 100) {
          lastDraw = Date.now();
          draw();
        }
        return;
      }
      const tenth = Math.floor(percent() / 10);
      if (tenth > lastTenth && tenth < 10) {
        lastTenth = tenth;
        stream.write(`${line()} ${rate(done, startedAt)}\n`);
      }
    },
    end() {
      if (stream.isTTY) {
        draw();
        stream.write('\n');
      } else {
        stream.write(`${label}: done, ${done.toLocaleString('en-US')} rows, ${rate(done, startedAt)}\n`);
      }
    },
  };
}
