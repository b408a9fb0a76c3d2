/** A bench report made by hand (no build), for the formatter tests: figures like the seeds' Django example. */
import type { BenchImage, BenchReport, Stats } from '../../src/bench/model.js';
import { stats } from '../../src/bench/stats.js';

const s = (...runs: number[]): Stats => stats(runs);

export const HOSTILE = '</script><script>alert(1)</script><img src=x onerror=alert(2)>';

function image(label: string, over: Partial<BenchImage>): BenchImage {
  return {
    label,
    dockerfile: `/src/app/${label}.Dockerfile`,
    context: '/src/app',
    tag: `localhost/whittle-bench/${label}-abcd:latest`,
    imageId: 'f'.repeat(64),
    sizeBytes: 1_000_000_000,
    compressedSizeBytes: 400_000_000,
    layerCount: 9,
    coldBuild: s(180, 170, 175),
    rebuild: { seconds: s(60, 58, 61), changedFile: 'app/views.py', reusedLayers: 7, rebuiltLayers: 2, cachedSteps: 3, layerSteps: 5, cacheHeld: true },
    push: s(20, 22, 21),
    pull: s(10, 11, 9),
    packages: 420,
    files: 30_000,
    findings: { total: 12, bySeverity: { error: 1, warning: 6, info: 5, style: 0 }, rules: ['apt-lists-left', 'runs-as-root'], bytes: 50_000_000 },
    smoke: [{ kind: 'command', command: ['python', '-c', 'import django'], passed: true, detail: 'exit 0', seconds: 1.2 }],
    failed: false,
    ...over,
  };
}

export function fixtureReport(over: { after?: Partial<BenchImage> } = {}): BenchReport {
  const before = image('before', {});
  const after = image('after', {
    sizeBytes: 155_000_000,
    compressedSizeBytes: 52_000_000,
    layerCount: 5,
    coldBuild: s(60, 55, 58),
    rebuild: { seconds: s(4, 5, 4.5), changedFile: 'app/views.py', reusedLayers: 4, rebuiltLayers: 1, cachedSteps: 4, layerSteps: 5, cacheHeld: true },
    push: s(4, 4.2, 3.9),
    pull: s(2, 2.1, 1.9),
    packages: 90,
    files: 6000,
    findings: { total: 2, bySeverity: { error: 0, warning: 1, info: 1, style: 0 }, rules: [HOSTILE], bytes: 0 },
    smoke: [{ kind: 'port', command: ['/app/server', HOSTILE], port: 8000, passed: true, detail: `127.0.0.1:8000 answered (HTTP 200) ${HOSTILE}`, seconds: 0.8 }],
    ...over.after,
  });
  return {
    schemaVersion: 1,
    tool: { name: 'whittle', version: '0.1.0' },
    createdAt: '2026-12-07T07:00:00.000Z',
    engine: { name: 'buildah', version: 'buildah version 1.28.2', storage: '/var/tmp/whittle-bench/storage' },
    settings: { runs: 3, coldBuild: '--no-cache in the bench storage', pull: 'missing', registry: 'local' },
    images: [before, after],
    passed: !after.failed,
  };
}
