/** Secrets must not go through ARG or ENV: both persist in the image config and history. */
import type { Range } from '../core/position.js';
import type { ArgInstruction, EnvInstruction, Instruction } from '../dockerfile/model.js';
import type { Rule } from './types.js';
import { redact } from './util/seeds.js';

/**
 * BuildKit's SecretsUsedInArgOrEnv word matching: a token is a whole `_`-separated word of the name, case-insensitive
 * (`GITHUB_TOKEN`, `api_key`, `AUTH`), and a name with an allowed word is let through (`PUBLIC_KEY`, `GPG_KEY_FILE`).
 */
const SECRET_WORDS = ['apikey', 'auth', 'credential', 'credentials', 'key', 'password', 'pword', 'passwd', 'secret', 'token'];
const ALLOWED_WORDS = ['public', 'file', 'version'];
const words = (list: string[]) => new RegExp(`(?:_|^)(?:${list.join('|')})(?:_|$)`, 'i');
const SECRET_NAME = words(SECRET_WORDS);
const ALLOWED_NAME = words(ALLOWED_WORDS);
/** Names BuildKit's whole-word matching misses but that hold secrets as plainly (`PRIVATE_KEY` is caught by `key`). */
const EXTRA_NAME = /(?:_|^)(?:passphrase|privatekey|private_key|client_secret|access_key|secret_key|apitoken|accesstoken|authtoken)(?:_|$)|(?:password|passwd|secret|token|apikey)$/i;

export function isSecretName(name: string): boolean {
  if (ALLOWED_NAME.test(name)) return false;
  return SECRET_NAME.test(name) || EXTRA_NAME.test(name);
}

/** Values that are secrets whatever the variable is called. */
const SECRET_VALUES: { kind: string; pattern: RegExp }[] = [
  { kind: 'an AWS access key ID', pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/ },
  { kind: 'a GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\b/ },
  { kind: 'a GitLab token', pattern: /\bglpat-[A-Za-z0-9_-]{20,}\b/ },
  { kind: 'a Slack token', pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}\b/ },
  { kind: 'a Stripe secret key', pattern: /\b[sr]k_live_[A-Za-z0-9]{20,}\b/ },
  { kind: 'a Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  { kind: 'an npm token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/ },
  { kind: 'a private key', pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/ },
  { kind: 'a password in a URL', pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:[^\s@/$]{3,}@/i },
];

export function secretValueKind(value: string): string | undefined {
  return SECRET_VALUES.find((s) => s.pattern.test(value))?.kind;
}

interface Entry {
  keyword: 'ARG' | 'ENV';
  name: string;
  value: string | undefined;
  range: Range;
}

function entriesOf(instruction: Instruction): Entry[] {
  if (instruction.keyword === 'ARG') {
    return (instruction as ArgInstruction).declarations.map((d) => ({ keyword: 'ARG', name: d.name, value: d.defaultValue, range: d.range }));
  }
  if (instruction.keyword === 'ENV') {
    return (instruction as EnvInstruction).pairs.map((p) => ({ keyword: 'ENV', name: p.key, value: p.value, range: p.range }));
  }
  return [];
}

export const secretInArgOrEnv: Rule = {
  meta: {
    id: 'secret-in-arg-or-env',
    aliases: ['SecretsUsedInArgOrEnv'],
    severity: 'warning',
    title: 'Do not pass secrets through ARG or ENV',
    practice:
      'ENV values are stored in the image config and ARG values in its build history, where anyone who can pull the image reads them. Secrets belong in a build secret (RUN --mount=type=secret) at build time and in a Kubernetes Secret at run time (seeds/004).',
    source: 'buildkit',
    fixable: false,
    keywords: ['ARG', 'ENV'],
    docs: `Reports an \`ARG\` or \`ENV\` whose name says it holds a secret, with BuildKit's own word matching (SecretsUsedInArgOrEnv): one of the words \`apikey\`, \`auth\`, \`credential(s)\`, \`key\`, \`password\`, \`pword\`, \`passwd\`, \`secret\`, \`token\` as a whole \`_\`-separated word of the name, case-insensitive, unless the name also has \`public\`, \`file\` or \`version\` as a word (\`GPG_KEY_FILE\`). whittle adds a few names BuildKit's matching misses (\`PASSPHRASE\`, \`CLIENT_SECRET\`, \`DBPASSWORD\`) and values that are secrets whatever their name: AWS access key IDs, GitHub, GitLab, Slack, Stripe, Google and npm tokens, private key blocks, passwords in URLs. Every stage is checked (a builder's history is pushed to the cache and its ARGs land in provenance), ONBUILD triggers and global ARGs included.

A value is never shown in full: messages show its first four characters and its length.

Bad:
\`\`\`Dockerfile
ARG NPM_TOKEN
RUN echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > .npmrc && npm ci
\`\`\`

Good:
\`\`\`Dockerfile
RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN \\
    echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > .npmrc && npm ci && rm .npmrc
\`\`\`
built with \`docker build --secret id=npm_token,env=NPM_TOKEN .\``,
  },
  check(context) {
    const df = context.dockerfile;
    const instructions: Instruction[] = [];
    for (const i of df.instructions) {
      instructions.push(i);
      if (i.keyword === 'ONBUILD') instructions.push(i.trigger);
    }
    for (const instruction of instructions) {
      for (const entry of entriesOf(instruction)) {
        const mount = `RUN --mount=type=secret,id=${entry.name.toLowerCase()},env=${entry.name}`;
        const kind = entry.value ? secretValueKind(entry.value) : undefined;
        if (kind && entry.value) {
          context.report({
            range: entry.range,
            message: `${entry.keyword} "${entry.name}" holds what looks like ${kind} (${redact(entry.value)}): it stays in the image for anyone who pulls it. Pass it as a build secret (${mount}) and revoke this one.`,
          });
        } else if (isSecretName(entry.name)) {
          context.report({
            range: entry.range,
            message: `Do not use ARG or ENV instructions for sensitive data (${entry.keyword} "${entry.name}"): the value stays in the image's ${entry.keyword === 'ENV' ? 'config' : 'build history'}. Use a build secret instead (${mount}).`,
          });
        }
      }
    }
  },
};
