// Headless Chromium for the browser test and the screenshot: Debian's `chromium`
// (/usr/bin/chromium), or the program named by $CHROMIUM. Started with the flags
// that keep it off the network (on a closed network it would otherwise wait on
// refused connections), in a new empty profile each time.

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The Chromium program, or null when none is installed. */
export function findChromium() {
  for (const candidate of [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  return null;
}

/** Runs headless Chromium on `url` with `extra` flags; resolves to its stdout. */
export function runChromium(program, url, extra) {
  const profile = mkdtempSync(join(tmpdir(), 'itam-rbac-chromium-'));
  const args = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-dev-shm-usage',
    `--user-data-dir=${profile}`,
    '--virtual-time-budget=20000',
    ...extra,
    url,
  ];
  return new Promise((resolve, reject) => {
    execFile(program, args, { timeout: 120_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      rmSync(profile, { recursive: true, force: true });
      if (error) reject(new Error(`${program} failed: ${error.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}
