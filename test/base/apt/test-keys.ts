/** A throwaway OpenPGP key made with gpg in a temp home, to sign test Release files. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestKey {
  keyring: string;
  clearsign(text: string): Buffer;
  detachSign(text: string): Buffer;
  dispose(): void;
}

export function makeTestKey(): TestKey {
  const home = mkdtempSync(join(tmpdir(), 'whittle-gpg-'));
  const gpg = (args: string[], input?: string): Buffer =>
    execFileSync('gpg', ['--homedir', home, '--batch', '--quiet', '--pinentry-mode', 'loopback', '--passphrase', '', ...args], {
      input,
      stdio: ['pipe', 'pipe', 'ignore'],
    });
  gpg(['--quick-gen-key', 'whittle test archive <test@whittle.invalid>', 'ed25519', 'sign', 'never']);
  const keyring = join(home, 'archive-keyring.gpg');
  gpg(['--output', keyring, '--export']);
  return {
    keyring,
    clearsign: (text) => gpg(['--clearsign'], text),
    detachSign: (text) => gpg(['--detach-sign'], text),
    dispose: () => {
      try {
        execFileSync('gpgconf', ['--homedir', home, '--kill', 'gpg-agent'], { stdio: 'ignore' });
      } catch {
        // no agent was started
      }
      rmSync(home, { recursive: true, force: true });
    },
  };
}
