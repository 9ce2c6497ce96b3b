// Takes the README's screenshot of the example page (bindings/wasm/screenshot.png)
// with headless Chromium: node www/screenshot.mjs [persona] [task:button]

import { fileURLToPath } from 'node:url';
import { findChromium, runChromium } from '../test/chromium.mjs';
import { start } from './server.mjs';

const [persona = 'k.ivanova', tip = 'TSK-1003:update'] = process.argv.slice(2);
const chromium = findChromium();
if (chromium === null) throw new Error('no Chromium: apt-get install chromium, or set CHROMIUM');
const out = fileURLToPath(new URL('../screenshot.png', import.meta.url));
const server = await start();
try {
  await runChromium(chromium, `${server.url}?as=${encodeURIComponent(persona)}&tip=${encodeURIComponent(tip)}`, [
    `--screenshot=${out}`,
    '--window-size=1180,930',
    '--hide-scrollbars',
  ]);
  console.log(`wrote ${out}`);
} finally {
  await server.close();
}
