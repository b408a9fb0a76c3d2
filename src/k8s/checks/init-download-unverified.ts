import { argvOf, commandStatements, isDownload, programOf, VERIFY } from '../command.js';
import type { K8sCheck } from '../types.js';
import { SEED } from '../types.js';
import { containerField } from '../where.js';
import { label, meta } from './util.js';

export const initDownloadUnverified: K8sCheck = {
  meta: meta({
    id: 'init-download-unverified',
    severity: 'warning',
    title: 'Init containers verify what they download',
    practice:
      'Verify on startup that the data exists and is valid: fully downloaded, free of corruption, checked against a checksum. A truncated or tampered dataset otherwise reaches the application.',
    source: SEED.data,
    bad: 'command: ["sh", "-c", "wget -O /data/set.tar https://…"]',
    good: 'command: ["sh", "-c", "wget -O /data/set.tar https://… && echo \'<sha256>  /data/set.tar\' | sha256sum -c -"]',
  }),
  check(ctx) {
    for (const c of ctx.workload.containers) {
      if (c.role !== 'init') continue;
      const download = commandStatements(c).find((s) => isDownload(s.text));
      if (!download || VERIFY.test(argvOf(c).join(' '))) continue;
      ctx.report({
        at: containerField(c, [c.spec.command !== undefined ? 'command' : 'args']),
        message: `${label(c)} downloads with ${programOf(download.text)} and never checks a checksum (sha256sum -c, gpg --verify ...)`,
      });
    }
  },
};
