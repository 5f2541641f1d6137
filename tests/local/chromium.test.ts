// The one script that finds Chromium for `npm test` and `.ci/run` (scripts/chromium.mjs).
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { findChromium } from '../../scripts/chromium.mjs';

describe('scripts/chromium.mjs', () => {
  it('takes CHROMIUM_PATH first, when it is an executable', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chromium-'));
    const fake = join(dir, 'my-chrome');
    writeFileSync(fake, '#!/bin/sh\n');
    chmodSync(fake, 0o755);
    expect(findChromium({ CHROMIUM_PATH: fake, PATH: '' })).toBe(fake);
  });

  it('refuses a CHROMIUM_PATH that is not executable, in one line', () => {
    const r = spawnSync(process.execPath, ['scripts/chromium.mjs'], { env: { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium' }, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('/nonexistent/chromium');
  });

  it('prints the path it found on stdout', () => {
    const r = spawnSync(process.execPath, ['scripts/chromium.mjs'], { env: { ...process.env, CHROMIUM_PATH: '' }, encoding: 'utf8' });
    if (r.status === 0) expect(r.stdout.trim()).toMatch(/chrom/i);
    else expect(r.stderr).toMatch(/^Chromium not found/);
  });
});
