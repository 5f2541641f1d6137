// One desk in its own thread (tests/bundle/concurrent.test.ts): its own LocalRuntime over the shared workbook,
// scanning lends and returns. After every write, while the document lock is still held, it checks the
// library's promises on the workbook as it stands at that moment.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { LocalRuntime, type SharedHandle } from '../../local/index';
import { copiesMatchLoans, returnsOnce } from './invariants';

interface Job { handle: SharedHandle; distDir: string; desk: number; scans: number; readerId: string; own: string[]; common: string; seed: number; now: string }
const job = workerData as Job;
const rt = new LocalRuntime({ shared: job.handle, distDir: job.distDir, dataDir: mkdtempSync(join(tmpdir(), `desk-${job.desk}-`)), now: job.now });

let state = job.seed >>> 0;
const rand = () => { state = (Math.imul(state, 1664525) + 1013904223) >>> 0; return state / 2 ** 32; };

const held = new Set<string>();
const answers: { fn: string; barcode: string; code: string }[] = [];
const violations: string[] = [];
for (let i = 0; i < job.scans; i++) {
  const barcode = rand() < 0.3 ? job.common : job.own[Math.floor(rand() * job.own.length)];
  const fn = held.has(barcode) ? 'returnItem' : 'lend';
  const input = fn === 'lend' ? { readerId: job.readerId, barcode, requestId: `d${job.desk}-${i}` } : { barcode, requestId: `d${job.desk}-${i}` };
  rt.interleaveAfter('SpreadsheetApp.flush', () => {
    for (const v of [...copiesMatchLoans(rt), ...returnsOnce(rt)]) violations.push(`desk ${job.desk} scan ${i}: ${v}`);
  });
  let code: string;
  try {
    const a = rt.invoke<{ ok: boolean; error?: { code: string } }>(fn, input).result;
    code = a.ok ? 'ok' : a.error?.code ?? '?';
  } catch (e) {
    code = `THROW ${e instanceof Error ? e.message : String(e)}`;
  }
  if (code === 'ok') { if (fn === 'lend') held.add(barcode); else held.delete(barcode); }
  answers.push({ fn, barcode, code });
}
parentPort!.postMessage({ answers, violations, held: [...held] });
