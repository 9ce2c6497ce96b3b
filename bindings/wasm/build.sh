#!/usr/bin/env bash
# Builds the npm package's files into pkg/: the .wasm (cargo, the release profile,
# built for size) and, with the wasm-bindgen command-line tool, the JavaScript glue
# and TypeScript declarations for Node (pkg/node, an ES module that loads the .wasm
# synchronously) and for browsers and bundlers (pkg/web, `await init()` first).
# Each build's entry point is index.js (js/index.js: the Subject check before the
# module is entered) with index.d.ts re-exporting the glue's declarations.
#
# The tool must be the version of the wasm-bindgen crate in Cargo.lock:
#   cargo install wasm-bindgen-cli --version <that version> --locked --no-default-features --bin wasm-bindgen
set -euo pipefail
cd "$(dirname "$0")"

want=$(sed -n '/^name = "wasm-bindgen"$/{n;s/^version = "\(.*\)"$/\1/p;}' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | sed -n 's/^wasm-bindgen \([^ ]*\).*/\1/p' || true)
if [ "$have" != "$want" ]; then
    echo "wasm-bindgen $want is needed (Cargo.lock), found '${have:-none}': cargo install wasm-bindgen-cli --version $want --locked --no-default-features --bin wasm-bindgen" >&2
    exit 1
fi

cargo build --locked --release --target wasm32-unknown-unknown --lib
wasm=target/wasm32-unknown-unknown/release/itam_rbac_wasm.wasm
rm -rf pkg
wasm-bindgen --target experimental-nodejs-module --out-dir pkg/node "$wasm"
wasm-bindgen --target web --out-dir pkg/web "$wasm"
for build in node web; do
    # The classes' `[Symbol.dispose]()` needs `lib: esnext.disposable` in a user's
    # tsconfig (TypeScript 5.2+); index.d.ts declares it where the lib is there.
    sed -i '/^    \[Symbol\.dispose\](): void;$/d' "pkg/$build/itam_rbac_wasm.d.ts"
    cp js/index.js "pkg/$build/index.js"
    cp js/index.d.ts "pkg/$build/index.d.ts"
done
printf "\nexport { default } from './itam_rbac_wasm.js';\n" | tee -a pkg/web/index.js >> pkg/web/index.d.ts
ls -l pkg/web/itam_rbac_wasm_bg.wasm
