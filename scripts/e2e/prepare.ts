/**
 * Builds (or finds in the cache) every e2e image, printing how long it took. CI runs it before `npm test` so
 * the slowest step has its own timing; the tests call the same helper and find everything cached.
 * Run: `npx tsx scripts/e2e/prepare.ts`.
 */
import { ensureE2EImages } from '../../test/helpers/e2e-images.js';

const started = performance.now();
const images = await ensureE2EImages();
for (const image of Object.values(images)) {
  process.stdout.write(`${image.name.padEnd(8)} ${image.dir}\n`);
}
process.stdout.write(`e2e images ready in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
