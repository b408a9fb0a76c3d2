import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import { formatInspectJson } from '../../../src/report/inspect/json.js';
import { formatCycloneDx, formatSpdx } from '../../../src/report/inspect/sbom.js';
import { formatInspectText } from '../../../src/report/inspect/text.js';
import type { InspectReport } from '../../../src/report/inspect/model.js';
import { analyzeLayers } from '../../analyze/image-fixture.js';
import { repoRoot } from '../../helpers/paths.js';

const schema = JSON.parse(readFileSync(join(repoRoot, 'schema', 'inspect-report.schema.json'), 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);

async function richReport(): Promise<InspectReport> {
  return analyzeLayers(
    [
      [
        { path: 'etc/os-release', content: 'ID=debian\nVERSION_ID="12"\n' },
        { path: 'var/lib/dpkg/status', content: 'Package: libc6\nStatus: install ok installed\nVersion: 2.36-9\nArchitecture: amd64\nInstalled-Size: 10\n' },
        { path: 'var/lib/apt/lists/x', content: Buffer.alloc(50_000, 1) },
        { path: 'bin/sh', content: 'x', mode: 0o755 },
        { path: 'a', content: Buffer.alloc(4000, 2) },
        { path: 'b', content: Buffer.alloc(4000, 2) },
        { path: 'c', content: Buffer.alloc(4000, 2) },
        { path: 'key.pem', content: '-----BEGIN PRIVATE KEY-----\nabc\n' },
      ],
      [{ path: '.wh.a' }, { path: 'opt/.wh..wh..opq' }],
    ],
    {
      config: {
        config: { User: 'root', Env: ['TOKEN=abc'], Cmd: ['/bin/sh', '-c', 'x'], ExposedPorts: { '80/tcp': {} } },
        history: [
          { created: '2023-01-01T00:00:00Z', created_by: '/bin/sh -c #(nop) ADD file:abc in /' },
          { created: '2023-01-01T00:00:00Z', created_by: '/bin/sh -c #(nop)  CMD ["bash"]', empty_layer: true },
          { created: '2024-06-01T00:00:00Z', created_by: '/bin/sh -c rm -f /a' },
        ],
      },
      budgets: [
        { name: 'max-size', limit: 1, source: '--max-size' },
        { name: 'forbid-root', limit: true, source: '.whittle.yaml' },
      ],
    },
  );
}

describe('inspect JSON report', () => {
  it('validates against schema/inspect-report.schema.json', async () => {
    const report = JSON.parse(formatInspectJson(await richReport())) as InspectReport;
    const ok = validate(report);
    assert.ok(ok, JSON.stringify(validate.errors, null, 2));
    for (const key of ['reference', 'digest', 'platform', 'sizeBytes', 'compressedSizeBytes', 'layerCount'] as const) assert.ok(key in report.image, key);
    for (const key of ['digest', 'diffId', 'sizeBytes', 'compressedSizeBytes', 'createdBy', 'wastedBytes', 'efficiency'] as const) assert.ok(key in report.layers[0]!, key);
    assert.equal(report.image.layerCount, 2);
    assert.equal(report.image.platform, 'linux/amd64');
  });

  it('the schema rejects a report that breaks the contract', async () => {
    const report = JSON.parse(formatInspectJson(await richReport())) as Record<string, unknown>;
    delete (report.image as Record<string, unknown>).digest;
    assert.equal(validate(report), false);
    const other = JSON.parse(formatInspectJson(await richReport())) as { layers: Array<Record<string, unknown>> };
    other.layers[0]!.efficiency = 2;
    assert.equal(validate(other), false);
  });

  it('shows docker history with empty layers and finds the base from the time gap', async () => {
    const r = await richReport();
    assert.deepEqual(
      r.history.map((h) => [h.emptyLayer, h.layer]),
      [
        [false, 0],
        [true, null],
        [false, 1],
      ],
    );
    assert.equal(r.layers[1]!.createdBy, '/bin/sh -c rm -f /a');
    assert.deepEqual([r.base.method, r.base.layerCount], ['history', 1]);
    assert.equal(r.layers[0]!.base, true);
    assert.equal(r.pullCost.withoutBaseCompressedBytes, r.layers[1]!.compressedSizeBytes);
    assert.equal(r.pullCost.seconds, r.image.compressedSizeBytes / (100e6 / 8));
  });

  it('evaluates budgets', async () => {
    const r = await richReport();
    assert.deepEqual(
      r.budgets.map((b) => [b.budget, b.passed, b.actual]),
      [
        ['max-size', false, r.image.sizeBytes],
        ['forbid-root', false, true],
      ],
    );
  });

  it('renders text with the summary, layers, files and findings', async () => {
    const text = formatInspectText(await richReport(), { color: false, layers: true, files: true });
    assert.match(text, /^Image {6}memory:test \(oci, linux\/amd64\)$/m);
    assert.match(text, /^Efficiency /m);
    assert.match(text, /^Layers$/m);
    assert.match(text, /^Wasted files \(shipped, not visible\)$/m);
    assert.match(text, /^Duplicate files$/m);
    assert.match(text, /FAIL max-size/);
    assert.ok(!text.includes('\x1b['), 'no colour when asked for none');
  });

  it('writes CycloneDX 1.5 and SPDX 2.3 documents of the packages', async () => {
    const r = await richReport();
    const cdx = JSON.parse(formatCycloneDx(r)) as { bomFormat: string; specVersion: string; components: Array<{ purl: string; name: string; version: string }>; metadata: { component: { type: string } } };
    assert.equal(cdx.bomFormat, 'CycloneDX');
    assert.equal(cdx.specVersion, '1.5');
    assert.equal(cdx.metadata.component.type, 'container');
    assert.deepEqual(cdx.components.map((c) => [c.name, c.version, c.purl]), [['libc6', '2.36-9', 'pkg:deb/debian/libc6@2.36-9?arch=amd64&distro=debian-12']]);
    const spdx = JSON.parse(formatSpdx(r)) as {
      spdxVersion: string;
      packages: Array<{ SPDXID: string; name: string; externalRefs?: Array<{ referenceLocator: string }> }>;
      relationships: Array<{ relationshipType: string; relatedSpdxElement: string }>;
    };
    assert.equal(spdx.spdxVersion, 'SPDX-2.3');
    const lib = spdx.packages.find((p) => p.name === 'libc6')!;
    assert.match(lib.SPDXID, /^SPDXRef-[A-Za-z0-9.-]+$/);
    assert.equal(lib.externalRefs![0]!.referenceLocator, 'pkg:deb/debian/libc6@2.36-9?arch=amd64&distro=debian-12');
    assert.ok(spdx.relationships.some((x) => x.relationshipType === 'CONTAINS' && x.relatedSpdxElement === lib.SPDXID));
  });
});
