/** SARIF 2.1.0 for code-scanning services; validated against the OASIS schema in schema/sarif-2.1.0.json by the tests. */
import { isAbsolute, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding, Severity } from '../../core/finding.js';
import { LineIndex } from '../../core/position.js';
import type { RuleMeta } from '../../rules/types.js';
import { RULES_DOC_URL, ruleDocsUrl } from '../rule-docs.js';
import type { LintFormatter, LintReport } from './types.js';

export const SARIF_SCHEMA_URI = 'https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json';
const SRCROOT = '%SRCROOT%';
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', style: 'note' };

interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

/** Paths below the current folder become relative URIs against %SRCROOT%; others become file: URIs. */
function artifactLocation(file: string, cwd: string): ArtifactLocation {
  if (file === '-') return { uri: 'stdin' };
  const rel = isAbsolute(file) ? relative(cwd, file) : file;
  if (rel.startsWith('..') || isAbsolute(rel)) return { uri: pathToFileURL(file).href };
  return { uri: rel.split(sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function ruleDescriptor(meta: RuleMeta): object {
  return {
    id: meta.id,
    name: meta.id.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.practice },
    help: { text: `${meta.title}\n\n${meta.practice}`, markdown: meta.docs },
    helpUri: ruleDocsUrl(meta.id),
    // Opt-in rules are off unless the config gives them a severity.
    defaultConfiguration: { level: LEVEL[meta.severity], ...(meta.optIn ? { enabled: false } : {}) },
    properties: { aliases: meta.aliases, severity: meta.severity, fixable: meta.fixable, source: meta.source, tags: ['dockerfile', ...meta.aliases] },
  };
}

function fixesFor(finding: Finding, text: string | null, location: ArtifactLocation): object[] | undefined {
  if (!finding.fixable || !finding.fix?.length || text === null) return undefined;
  const index = new LineIndex(text);
  const replacements = finding.fix.map((edit) => {
    const start = index.position(edit.start);
    const end = index.position(edit.end);
    return {
      deletedRegion: { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column },
      insertedContent: { text: edit.replacement },
    };
  });
  return [{ description: { text: `whittle fix: ${finding.rule}` }, artifactChanges: [{ artifactLocation: location, replacements }] }];
}

export function toSarif(report: LintReport, cwd: string = process.cwd()): object {
  const ruleIndex = new Map(report.rules.map((r, i) => [r.id, i]));
  const results = report.files.flatMap((file) => {
    const location = artifactLocation(file.file, cwd);
    return file.findings.map((f) => {
      const fixes = fixesFor(f, file.text, location);
      const index = ruleIndex.get(f.rule);
      return {
        ruleId: f.rule,
        ...(index !== undefined ? { ruleIndex: index } : {}),
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: location,
              region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
            },
          },
        ],
        ...(fixes ? { fixes } : {}),
        properties: { aliases: f.aliases, severity: f.severity, fixable: f.fixable },
      };
    });
  });
  const notifications = report.errors.map((e) => ({
    level: 'error',
    message: { text: e.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifactLocation(e.file, cwd),
          ...(e.line !== undefined ? { region: { startLine: e.line, ...(e.column !== undefined ? { startColumn: e.column } : {}) } } : {}),
        },
      },
    ],
  }));
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'whittle',
            version: report.toolVersion,
            semanticVersion: report.toolVersion,
            informationUri: RULES_DOC_URL,
            rules: report.rules.map(ruleDescriptor),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: `${pathToFileURL(cwd).href.replace(/\/?$/, '/')}` } },
        columnKind: 'utf16CodeUnits',
        invocations: [{ executionSuccessful: report.errors.length === 0, toolExecutionNotifications: notifications }],
        results,
      },
    ],
  };
}

export const sarif: LintFormatter = (report) => `${JSON.stringify(toSarif(report), null, 2)}\n`;
