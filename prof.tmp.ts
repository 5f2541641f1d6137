import { Session } from 'node:inspector';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalRuntime } from './local/index';
const rt = new LocalRuntime({ dataDir: mkdtempSync(join(tmpdir(), 'prof-')), now: '2026-11-24T10:30:00+08:00' });
rt.invoke('setupLibrary');
rt.invoke('loadSampleData', { size: 'large', seed: 7 });
rt.invoke('generateTermReport', {});
const s = new Session(); s.connect();
s.post('Profiler.enable'); s.post('Profiler.start');
const t0 = process.cpuUsage();
rt.invoke('generateTermReport', {});
const d = process.cpuUsage(t0);
s.post('Profiler.stop', (err: unknown, { profile }: any) => {
  console.log('cpu', (d.user + d.system) / 1000);
  const byId = new Map<number, any>(profile.nodes.map((n: any) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const total = new Map<string, number>();
  const self = new Map<string, number>();
  profile.samples.forEach((id: number, i: number) => {
    const ms = profile.timeDeltas[i] / 1000;
    const n = byId.get(id); const k = `${n.callFrame.functionName}@${n.callFrame.url.split('/').pop()}`;
    self.set(k, (self.get(k) ?? 0) + ms);
    const seen = new Set<string>();
    for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) { const m = byId.get(x); const kk = `${m.callFrame.functionName}@${m.callFrame.url.split('/').pop()}`; if (!seen.has(kk)) { seen.add(kk); total.set(kk, (total.get(kk) ?? 0) + ms); } }
  });
  console.log('SELF\n' + [...self].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, v]) => `${v.toFixed(0)} ${k}`).join('\n'));
  console.log('TOTAL\n' + [...total].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([k, v]) => `${v.toFixed(0)} ${k}`).join('\n'));
});
