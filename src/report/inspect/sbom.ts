/** SBOMs of the image's packages: CycloneDX 1.5 JSON and SPDX 2.3 JSON. */
import { createHash, randomUUID } from 'node:crypto';
import type { InspectReport } from './model.js';

export type SbomFormat = 'cyclonedx' | 'spdx';
export const SBOM_FORMATS: readonly SbomFormat[] = ['cyclonedx', 'spdx'];

export function formatCycloneDx(report: InspectReport, now: Date = new Date()): string {
  const bom = {
    bomFormat: 'CycloneDX',
    specVersion: '1.5',
    serialNumber: `urn:uuid:${randomUUID()}`,
    version: 1,
    metadata: {
      timestamp: now.toISOString(),
      tools: { components: [{ type: 'application', name: 'whittle', version: report.tool.version }] },
      component: {
        type: 'container',
        'bom-ref': 'image',
        name: report.image.reference,
        version: report.image.digest,
        properties: [{ name: 'whittle:image:platform', value: report.image.platform }],
      },
    },
    components: report.packages.map((p) => ({
      type: 'library',
      'bom-ref': p.purl,
      name: p.name,
      version: p.version,
      purl: p.purl,
      ...(p.license ? { licenses: [{ license: { name: p.license } }] } : {}),
      properties: [
        { name: 'whittle:package:manager', value: p.manager },
        ...(p.architecture ? [{ name: 'whittle:package:architecture', value: p.architecture }] : []),
        ...(p.source ? [{ name: 'whittle:package:source', value: p.source }] : []),
        ...(p.layer !== null ? [{ name: 'whittle:package:layer', value: String(p.layer) }] : []),
      ],
    })),
    dependencies: [{ ref: 'image', dependsOn: report.packages.map((p) => p.purl) }],
  };
  return JSON.stringify(bom, null, 2) + '\n';
}

/** SPDX ids allow letters, digits, `.` and `-` only. */
function spdxId(s: string): string {
  return s.replace(/[^A-Za-z0-9.-]/g, '-');
}

export function formatSpdx(report: InspectReport, now: Date = new Date()): string {
  const ids = report.packages.map((p, i) => `SPDXRef-Package-${spdxId(p.manager)}-${spdxId(p.name)}-${i}`);
  const doc = {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: report.image.reference,
    documentNamespace: `https://spdx.org/spdxdocs/whittle/${createHash('sha256').update(report.image.digest).digest('hex').slice(0, 16)}-${randomUUID()}`,
    creationInfo: { created: now.toISOString().replace(/\.\d{3}Z$/, 'Z'), creators: [`Tool: whittle-${report.tool.version}`] },
    documentDescribes: ['SPDXRef-Image'],
    packages: [
      {
        name: report.image.reference,
        SPDXID: 'SPDXRef-Image',
        versionInfo: report.image.digest,
        downloadLocation: 'NOASSERTION',
        filesAnalyzed: false,
        primaryPackagePurpose: 'CONTAINER',
        licenseConcluded: 'NOASSERTION',
        licenseDeclared: 'NOASSERTION',
        copyrightText: 'NOASSERTION',
      },
      ...report.packages.map((p, i) => ({
        name: p.name,
        SPDXID: ids[i]!,
        versionInfo: p.version,
        downloadLocation: 'NOASSERTION',
        filesAnalyzed: false,
        primaryPackagePurpose: 'LIBRARY',
        ...(p.source ? { sourceInfo: `built from the ${p.manager} source package ${p.source}` } : {}),
        licenseConcluded: 'NOASSERTION',
        licenseDeclared: 'NOASSERTION',
        copyrightText: 'NOASSERTION',
        externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: p.purl }],
      })),
    ],
    relationships: [
      { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: 'SPDXRef-Image' },
      ...ids.map((id) => ({ spdxElementId: 'SPDXRef-Image', relationshipType: 'CONTAINS', relatedSpdxElement: id })),
    ],
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

export function formatSbom(report: InspectReport, format: SbomFormat): string {
  return format === 'cyclonedx' ? formatCycloneDx(report) : formatSpdx(report);
}
