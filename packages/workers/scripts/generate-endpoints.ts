// Writes docs/endpoints.md from the route definitions and the op registry (runs in Node, like
// generate-openapi.ts).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderEndpoints } from './lib/endpoints-document.ts';

const out = fileURLToPath(new URL('../../../docs/endpoints.md', import.meta.url));
writeFileSync(out, await renderEndpoints());
console.log(`wrote ${out}`);
