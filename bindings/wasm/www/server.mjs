// A tiny static server for the example page, on the loopback address only:
// www/ at /, and the package's browser build (../pkg/web) at /pkg/web/.
//
//   node www/server.mjs     # prints the address; open it in a browser
//
// `start()` is what the browser test uses: a random free port, closed after.

import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const www = fileURLToPath(new URL('.', import.meta.url));
const pkg = fileURLToPath(new URL('../pkg/', import.meta.url));
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
};

/** The file a URL path names, inside `www` or `pkg`, or null. */
function fileOf(urlPath) {
  const path = normalize(decodeURIComponent(urlPath));
  const [base, rest] = path.startsWith('/pkg/') ? [pkg, path.slice('/pkg/'.length)] : [www, path.slice(1) || 'index.html'];
  const file = resolve(base, rest);
  return file.startsWith(base.endsWith(sep) ? base : base + sep) ? file : null;
}

export function start(port = 0) {
  const server = createServer(async (request, response) => {
    const file = fileOf(new URL(request.url, 'http://localhost').pathname);
    try {
      if (file === null) throw new Error('outside');
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
    }
  });
  return new Promise((done) => {
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address();
      done({ url: `http://127.0.0.1:${bound}/`, close: () => new Promise((closed) => server.close(closed)) });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { url } = await start(Number(process.env.PORT ?? 0));
  console.log(`the example page: ${url}`);
}
