// One workbook shared by several LocalRuntimes in different threads (worker_threads), with a real
// cross-thread document lock: what "four desks at once" is on Google. The lock is an Int32 in a
// SharedArrayBuffer taken with Atomics (a real wait, with the caller's timeout); the workbook's state lives in
// a file written by the holder when it lets go and read by the next holder when it gets the lock, so
// every invocation sees what the previous holder wrote, and nobody writes without the lock.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { threadId } from 'node:worker_threads';
import { deserialize, serialize } from 'node:v8';
import { SheetModel, type Workbook } from './workbook';

/** What a worker needs to join: pass it through workerData. */
export interface SharedHandle { sab: SharedArrayBuffer; file: string }

const LOCK = 0; // 0 free, 1 held
const VERSION = 1; // bumped on every save

export class SharedWorkbook {
  private readonly cells: Int32Array;
  private seen = -1;
  constructor(readonly handle: SharedHandle) {
    this.cells = new Int32Array(handle.sab);
  }

  static create(file: string, wb: Workbook): SharedWorkbook {
    const s = new SharedWorkbook({ sab: new SharedArrayBuffer(8), file });
    s.save(wb);
    return s;
  }

  /** Takes the lock, waiting at most timeoutMs (really: Atomics.wait). */
  lock(timeoutMs: number): boolean {
    const end = Date.now() + Math.max(0, timeoutMs);
    for (;;) {
      if (Atomics.compareExchange(this.cells, LOCK, 0, 1) === 0) return true;
      const left = end - Date.now();
      if (left <= 0) return false;
      Atomics.wait(this.cells, LOCK, 1, left);
    }
  }

  unlock(): void {
    Atomics.store(this.cells, LOCK, 0);
    Atomics.notify(this.cells, LOCK, 1);
  }

  /** Replaces wb's sheets with the shared state, when someone saved since this thread last looked. */
  load(wb: Workbook): void {
    const v = Atomics.load(this.cells, VERSION);
    if (v === this.seen) return;
    const state = deserialize(readFileSync(this.handle.file)) as { sheets: Record<string, unknown>[]; active: string | null };
    const sheets = state.sheets.map((plain) => Object.assign(Object.create(SheetModel.prototype) as SheetModel, plain, { workbook: wb }));
    (wb as unknown as { sheets: SheetModel[] }).sheets = sheets;
    wb.activeSheetName = state.active;
    this.seen = v;
  }

  /** Writes wb's sheets for the next holder. */
  save(wb: Workbook): void {
    const sheets = wb.allSheets().map((s) => {
      const plain: Record<string, unknown> = { ...s };
      delete plain.workbook;
      return plain;
    });
    // Written aside and renamed: a reader without the lock sees the old state or the new, never half.
    const tmp = `${this.handle.file}.${threadId}.tmp`;
    writeFileSync(tmp, serialize({ sheets, active: wb.activeSheetName }));
    renameSync(tmp, this.handle.file);
    this.seen = Atomics.add(this.cells, VERSION, 1) + 1;
  }
}
