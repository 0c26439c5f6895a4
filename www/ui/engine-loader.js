// The engine, compiled once per page and started: the first designer's wasm location is
// fetched and compiled while it downloads (as the engine's own loader does), and the
// compiled module is kept, so that the engine worker is handed it instead of downloading
// and compiling the engine again (on two cores that took the CPU from the page just as a
// visitor began to drag, issue 12). Every designer on the page shares the one engine.

import init from '../pkg/hairline.js';

let engineStarting = null;
let wasmExports = null;
let wasmModule = null;

async function compileEngine(location) {
  const response = await fetch(location);
  if (!response.ok) throw new Error(`failed to fetch Wasm: ${response.status} ${response.statusText} fetching '${response.url}'`);
  if (typeof WebAssembly.compileStreaming === 'function' && response.headers.get('Content-Type') === 'application/wasm') {
    return WebAssembly.compileStreaming(response);
  }
  return WebAssembly.compile(await response.arrayBuffer()); // a server that names wasm otherwise
}

/** Starts the engine from `location` (once a page); resolves to its exports. */
export function startEngine(location) {
  engineStarting ??= compileEngine(location)
    .then((module) => { wasmModule = module; return init({ module_or_path: module }); })
    .then((exports) => { wasmExports = exports; return exports; });
  return engineStarting;
}

/** The engine's exports once started, else null. */
export const startedEngine = () => wasmExports;

/** The compiled engine module once compiled, else null (for the engine worker). */
export const compiledEngine = () => wasmModule;
