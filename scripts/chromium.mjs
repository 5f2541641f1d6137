// Finds the Chromium (or Chrome) the browser tests drive: CHROMIUM_PATH, then the usual places, then PATH.
// None found: on Debian/Ubuntu as root it installs Debian's `chromium` with apt-get; elsewhere it stops
// with one line saying what to install. Never a downloaded browser (no playwright install).
// Used by `npm test` (vitest globalSetup: tests/support/chromium-setup.ts) and by `.ci/run`.
// The same for the CJK font the local chart renderer (local/chartpng.ts) draws Chinese labels with:
// found, or installed from Debian (fonts-wqy-microhei, 5 MB) as root, or one line saying what to install.
// Usage: node scripts/chromium.mjs   → prints the path, exit 0; or one line on stderr, exit 1.
import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PLACES = [
  '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/lib/chromium/chromium', '/snap/bin/chromium',
  '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/opt/google/chrome/chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];
const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

function executable(p) {
  try { accessSync(p, constants.X_OK); return true; } catch { return false; }
}

/** The first Chromium found, or null. An explicit CHROMIUM_PATH that is not executable is an error. */
export function findChromium(env = process.env) {
  if (env.CHROMIUM_PATH) {
    if (executable(env.CHROMIUM_PATH)) return env.CHROMIUM_PATH;
    throw new Error(`CHROMIUM_PATH=${env.CHROMIUM_PATH} is not an executable file`);
  }
  for (const p of PLACES) if (executable(p)) return p;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    for (const n of NAMES) if (dir && executable(join(dir, n))) return join(dir, n);
  }
  return null;
}

function debianLike() {
  if (!existsSync('/etc/os-release')) return false;
  const text = readFileSync('/etc/os-release', 'utf8');
  return /^(ID|ID_LIKE)=.*\b(debian|ubuntu)\b/m.test(text);
}

/**
 * Installs a Debian package with apt-get when this is Debian/Ubuntu and we are root, then looks again with
 * `find`; returns what it finds then, or null (not root, not Debian, or still not there).
 */
function aptInstall(pkg, why, find, log) {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root || !debianLike()) return null;
  log(`${why}; installing Debian's ${pkg} with apt-get (once)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', pkg], { stdio: 'inherit', env });
  return find();
}

/** Finds Chromium, installing Debian's package when that is possible; throws one line otherwise. */
export function ensureChromium({ log = (s) => process.stderr.write(s + '\n') } = {}) {
  const found = findChromium() ?? aptInstall('chromium', 'chromium: not found', () => findChromium(), log);
  if (found) return found;
  throw new Error('Chromium not found: install it (Debian/Ubuntu: sudo apt-get install chromium; macOS: brew install --cask chromium) or set CHROMIUM_PATH');
}

/** CJK font files local/chartpng.ts draws with, in order of preference ([file, family], Debian paths). */
export const CJK_FONT_FILES = [
  ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', 'Noto Sans CJK SC'],
  ['/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', 'WenQuanYi Micro Hei'],
  ['/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', 'WenQuanYi Zen Hei'],
  ['/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', 'Noto Serif CJK SC'],
];

/** A CJK font file, installing Debian's fonts-wqy-microhei when that is possible; throws one line otherwise. */
export function ensureCjkFont({ log = (s) => process.stderr.write(s + '\n') } = {}) {
  const find = () => CJK_FONT_FILES.map(([f]) => f).find((f) => existsSync(f)) ?? null;
  const found = find() ?? aptInstall('fonts-wqy-microhei', 'fonts: no CJK font', find, log);
  if (found) return found;
  throw new Error('No CJK font for the chart images: install one (Debian/Ubuntu: sudo apt-get install fonts-wqy-microhei or fonts-noto-cjk)');
}

// Run as a script (not when bundled into a tool such as .build/bench.mjs, where import.meta.url is the tool's).
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1] && /chromium\.mjs$/.test(process.argv[1])) {
  try {
    const path = ensureChromium();
    ensureCjkFont();
    console.log(path);
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  }
}
