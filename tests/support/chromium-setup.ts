// vitest globalSetup: find (or, on Debian/Ubuntu as root, install) the CJK font the chart images need and
// the Chromium the browser tests drive,
// before any test file runs, and hand its path to the workers in CHROMIUM_PATH. No Chromium and no way to
// install one: the run stops here with one line saying what to install. A run given only non-browser
// test files (e.g. `npx vitest run tests/unit`) does not need one.
import { ensureChromium, ensureCjkFont } from '../../scripts/chromium.mjs';

export default function setup(): void {
  const filters = process.argv.slice(2).filter((a) => !a.startsWith('-') && a !== 'run' && a !== 'watch');
  const wants = (part: string) => filters.length === 0 || filters.some((f) => f.includes(part));
  try {
    // the chart images of the documents draw Chinese labels (tests/local/documents.test.ts looks at them)
    if (wants('local') || wants('documents') || wants('browser')) ensureCjkFont();
    if (!wants('browser')) return;
    process.env.CHROMIUM_PATH = ensureChromium();
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
}
