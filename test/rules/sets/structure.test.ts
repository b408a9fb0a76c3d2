import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allRules } from '../../../src/rules/index.js';
import { structureRules } from '../../../src/rules/sets/structure.js';

/** BuildKit reports CMD, ENTRYPOINT and HEALTHCHECK under one check; whittle splits it into three rules. */
const SHARED_ALIASES = new Set(['MultipleInstructionsDisallowed']);

describe('structure rule set', () => {
  it('has complete, well-formed metadata', () => {
    for (const { meta } of structureRules) {
      assert.match(meta.id, /^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$/, meta.id);
      assert.ok(meta.title && meta.practice && meta.source, meta.id);
      assert.match(meta.docs, /```dockerfile\n/, `${meta.id} docs need an example`);
      assert.ok(['error', 'warning', 'info', 'style'].includes(meta.severity), meta.id);
      for (const alias of meta.aliases) assert.match(alias, /^(?:DL\d{4}|[A-Z][A-Za-z]+)$/, `${meta.id}: ${alias}`);
    }
  });

  it('ids and aliases are unique across all rules (except the split BuildKit check)', () => {
    const owners = new Map<string, string>();
    for (const { meta } of allRules) {
      for (const key of [meta.id, ...meta.aliases].map((k) => k.toLowerCase())) {
        if (SHARED_ALIASES.has(meta.aliases.find((a) => a.toLowerCase() === key) ?? '')) continue;
        assert.ok(!owners.has(key), `${key} used by ${owners.get(key)} and ${meta.id}`);
        owners.set(key, meta.id);
      }
    }
  });

  it('covers the hadolint codes and BuildKit checks it claims', () => {
    const aliases = new Set(structureRules.flatMap((r) => r.meta.aliases));
    const expected = [
      'DL1001', 'DL3000', 'DL3002', 'DL3006', 'DL3007', 'DL3011', 'DL3012', 'DL3020', 'DL3021', 'DL3022', 'DL3023', 'DL3024',
      'DL3025', 'DL3026', 'DL3029', 'DL3043', 'DL3044', 'DL3045', 'DL3057', 'DL3061', 'DL3065', 'DL4000', 'DL4003', 'DL4004',
      'StageNameCasing', 'FromAsCasing', 'NoEmptyContinuation', 'ConsistentInstructionCasing', 'DuplicateStageName',
      'ReservedStageName', 'JSONArgsRecommended', 'MaintainerDeprecated', 'UndefinedArgInFrom', 'WorkdirRelativePath',
      'UndefinedVar', 'MultipleInstructionsDisallowed', 'LegacyKeyValueFormat', 'RedundantTargetPlatform',
      'InvalidDefaultArgInFrom', 'FromPlatformFlagConstDisallowed', 'CopyIgnoredFile', 'InvalidDefinitionDescription',
      'ExposeProtoCasing', 'ExposeInvalidFormat',
    ];
    for (const code of expected) assert.ok(aliases.has(code), code);
  });
});
