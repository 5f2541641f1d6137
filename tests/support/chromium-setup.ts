// vitest globalSetup: find (or, on Debian/Ubuntu as root, install) the Chromium the browser tests drive,
// before any test file runs, and hand its path to the workers in CHROMIUM_PATH. No Chromium and no way to
// install one: the run stops here with one line saying what to install. A run given only non-browser
// test files (e.g. `npx vitest run tests/unit`) does not need one.
import { ensureChromium } from '../../scripts/chromium.mjs';

export default function setup(): void {
  const filters = process.argv.slice(2).filter((a) => !a.startsWith('-') && a !== 'run' && a !== 'watch');
  if (filters.length > 0 && !filters.some((f) => f.includes('browser'))) return;
  try {
    process.env.CHROMIUM_PATH = ensureChromium();
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
}
