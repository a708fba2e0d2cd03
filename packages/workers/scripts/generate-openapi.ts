// Writes packages/workers/openapi.json from the route definitions. Runs in Node: the app module
// imports no `cloudflare:*` module, so building the document needs no Workers runtime.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderOpenApi } from './lib/openapi-document.ts';

const out = fileURLToPath(new URL('../openapi.json', import.meta.url));
writeFileSync(out, await renderOpenApi());
console.log(`wrote ${out}`);
