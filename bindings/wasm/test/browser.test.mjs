// The example page (www/) in a real browser: served on the loopback address, loaded
// by headless Chromium for each persona of www/fixture.json, its rendered DOM read
// back; every button's enabled state and tooltip must be what the Rust crate
// decided (out/page.json, written by `cargo run --bin vectors -- out`).
//
// Without Chromium the test says it is skipped, unless CI is set: then it fails.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { start } from '../www/server.mjs';
import { findChromium, runChromium } from './chromium.mjs';

const expectedPath = new URL('../out/page.json', import.meta.url);
const fixture = JSON.parse(readFileSync(new URL('../www/fixture.json', import.meta.url), 'utf8'));

/** An attribute value as HTML serializes it, decoded. */
const unescape = (text) => text
  .replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>')
  .replaceAll('&nbsp;', '\u00a0').replaceAll('&amp;', '&');

/** The buttons of a dumped page: task, button, enabled, title. */
function buttons(html) {
  return [...html.matchAll(/<button ([^>]*)>/g)].map(([, attributes]) => {
    const attribute = (name) => {
      const match = attributes.match(new RegExp(`(?:^|\\s)${name}(?:="([^"]*)")?(?=\\s|$)`));
      return match === null ? null : unescape(match[1] ?? '');
    };
    return { task: attribute('data-task'), button: attribute('data-button'), enabled: attribute('disabled') === null, title: attribute('title') };
  });
}

const chromium = findChromium();
const skip = chromium === null && !process.env.CI
  ? 'no Chromium here (apt-get install chromium, or set CHROMIUM); CI requires it'
  : false;

test('the example page shows the buttons and reasons the Rust crate decides', { skip }, async (t) => {
  assert.ok(chromium !== null, 'CI is set and no Chromium was found');
  assert.ok(existsSync(expectedPath), 'no out/page.json: run `cargo run --bin vectors -- out` in bindings/wasm');
  const expected = JSON.parse(readFileSync(expectedPath, 'utf8'));
  const server = await start();
  try {
    let checked = 0;
    for (const persona of fixture.personas) {
      const html = await runChromium(chromium, `${server.url}?as=${encodeURIComponent(persona.id)}`, ['--dump-dom']);
      assert.match(html, /<body[^>]* data-ready="true"/, `the page did not finish for ${persona.id}:\n${html.slice(0, 2000)}`);
      assert.ok(html.includes(persona.name), `the page is not ${persona.id}'s`);
      const got = buttons(html);
      const want = expected[persona.id].flatMap(({ task, buttons: row }) =>
        row.map(({ button, enabled, title }) => ({ task, button, enabled, title })));
      assert.deepEqual(got, want, `the buttons for ${persona.id}`);
      checked += got.length;
      t.diagnostic(`${persona.id}: ${got.length} buttons, ${got.filter((b) => b.enabled).length} enabled`);
    }
    assert.equal(checked, fixture.personas.length * fixture.tasks.length * 9);
  } finally {
    await server.close();
  }
});
