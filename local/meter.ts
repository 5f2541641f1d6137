// Per-invocation metering: every service call by method, cells read and written; the cost table
// (costs.ts) turns counts into round trips and modelled milliseconds.
import { costOf } from './costs';

export interface MeterReport {
  calls: number; localCalls: number; byMethod: Record<string, number>;
  cellsRead: number; cellsWritten: number; modeledMs: number;
}

export class Meter {
  byMethod: Record<string, number> = {};
  cellsByMethod: Record<string, number> = {};
  cellsRead = 0;
  cellsWritten = 0;
  current = '';

  record(method: string): void {
    this.byMethod[method] = (this.byMethod[method] ?? 0) + 1;
    this.current = method;
  }
  read(n: number, method = this.current): void {
    this.cellsRead += n;
    this.cellsByMethod[method] = (this.cellsByMethod[method] ?? 0) + n;
  }
  /** Cells a search went through on Google's side: they cost time (per-cell ms), but are not cells read. */
  searched(n: number, method = this.current): void {
    this.cellsByMethod[method] = (this.cellsByMethod[method] ?? 0) + n;
  }
  wrote(n: number, method = this.current): void {
    this.cellsWritten += n;
    this.cellsByMethod[method] = (this.cellsByMethod[method] ?? 0) + n;
  }
  report(): MeterReport {
    let calls = 0, localCalls = 0, ms = 0;
    for (const [m, n] of Object.entries(this.byMethod)) {
      const c = costOf(m);
      if (c.roundTrip) calls += n; else localCalls += n;
      ms += c.ms * n + (c.perCellMs ?? 0) * (this.cellsByMethod[m] ?? 0);
    }
    return { calls, localCalls, byMethod: { ...this.byMethod }, cellsRead: this.cellsRead, cellsWritten: this.cellsWritten, modeledMs: Math.round(ms) };
  }
}

/** A human-readable report: totals, then the round-trip methods by count. */
export function formatMeter(r: MeterReport, title = ''): string {
  const lines = [`${title ? title + ': ' : ''}${r.calls} calls (+${r.localCalls} local), ${r.cellsRead} cells read, ${r.cellsWritten} written, ~${r.modeledMs} ms modelled`];
  const rows = Object.entries(r.byMethod).sort((a, b) => b[1] - a[1]);
  for (const [m, n] of rows) lines.push(`  ${String(n).padStart(5)}  ${m}${costOf(m).roundTrip ? '' : '  (local)'}`);
  return lines.join('\n');
}

/** Sum several reports (e.g. a job run as several invocations). */
export function addMeters(...rs: MeterReport[]): MeterReport {
  const out: MeterReport = { calls: 0, localCalls: 0, byMethod: {}, cellsRead: 0, cellsWritten: 0, modeledMs: 0 };
  for (const r of rs) {
    out.calls += r.calls; out.localCalls += r.localCalls; out.cellsRead += r.cellsRead; out.cellsWritten += r.cellsWritten; out.modeledMs += r.modeledMs;
    for (const [m, n] of Object.entries(r.byMethod)) out.byMethod[m] = (out.byMethod[m] ?? 0) + n;
  }
  return out;
}
