/** DL3029 / FromPlatformFlagConstDisallowed: a constant FROM --platform pins the whole build to one platform. */
import type { Rule } from './types.js';

export const fromPlatformConstant: Rule = {
  meta: {
    id: 'from-platform-constant',
    aliases: ['DL3029', 'FromPlatformFlagConstDisallowed'],
    severity: 'warning',
    title: 'Do not pin FROM --platform to a constant',
    practice:
      'A constant `--platform` forces one platform whatever the build asks for, so multi-platform builds silently produce the wrong architecture (and run under emulation). Use `$BUILDPLATFORM` for build tools, or leave the platform to `docker build --platform`.',
    source: 'hadolint, buildkit',
    fixable: false,
    docs: [
      "hadolint's DL3029 and BuildKit's FromPlatformFlagConstDisallowed check the same thing and are one rule here, with",
      "BuildKit's semantics: a value built from variables (`$BUILDPLATFORM`, `${TARGETOS}/${TARGETARCH}`) is fine, and so",
      'is a constant on a stage whose name says which platform it is for (`AS build_arm64`).',
      '',
      'Bad:',
      '```dockerfile',
      'FROM --platform=linux/amd64 alpine:3.20 AS base',
      '```',
      'Good:',
      '```dockerfile',
      'FROM --platform=$BUILDPLATFORM golang:1.23 AS build',
      '```',
    ].join('\n'),
  },
  check(context) {
    for (const stage of context.dockerfile.stages) {
      const from = stage.from;
      const flag = from.flags.find((f) => f.name.toLowerCase() === 'platform');
      const value = (flag?.value ?? from.platform ?? '').replace(/^["']|["']$/g, '');
      if (!flag || !value || value.includes('$')) continue;
      const [os, arch] = value.split(',')[0]!.split('/');
      const name = from.stageName?.toLowerCase() ?? '';
      if (name && ((os && name.includes(os.toLowerCase())) || (arch && name.includes(arch.toLowerCase())))) continue;
      context.report({ range: flag.range, message: `FROM --platform flag should not use constant value "${value}"` });
    }
  },
};
