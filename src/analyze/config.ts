/** The image config: user, entrypoint and PID 1, env (secrets redacted), ports, healthcheck, labels. */
import type { ConfigReport, EnvVar } from '../report/inspect/model.js';
import type { ImageConfig } from '../image/types.js';

const SECRET_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIALS?|AUTH)/i;
const SECRET_VALUE = /\b(AKIA|ASIA)[0-9A-Z]{16}\b|\bgh[pousr]_[A-Za-z0-9]{36}\b|\bglpat-[A-Za-z0-9_-]{20}\b|\bxox[bpas]-[A-Za-z0-9-]{10,}|\bsk-[A-Za-z0-9]{20,}|-----BEGIN [A-Z ]*PRIVATE KEY-----|:\/\/[^:/\s]+:[^@/\s]+@/;
export const REDACTED = 'REDACTED';

/** Whether an environment variable holds a secret (a name like a secret with a value, or a value like one). */
export function isSecretEnv(name: string, value: string): boolean {
  if (value === '') return false;
  // Pointers to secrets (FOO_PASSWORD_FILE=/run/secrets/x) and well-known harmless names are not secrets.
  if (/_(FILE|PATH|DIR|URL_FILE)$/i.test(name)) return SECRET_VALUE.test(value);
  if (/^(GPG_KEY|.*_KEYRING|.*KEY_ID)$/i.test(name)) return SECRET_VALUE.test(value);
  return SECRET_NAME.test(name) || SECRET_VALUE.test(value);
}

/** `["/bin/sh", "-c", "..."]`: Docker's shell form; the shell is PID 1 and does not forward signals. */
export function isShellForm(argv: readonly string[] | null | undefined): boolean {
  if (!argv || argv.length < 2) return false;
  const prog = argv[0]!.replace(/^.*\//, '');
  return ['sh', 'bash', 'ash', 'dash', 'zsh'].includes(prog) && /^-\w*c\w*$/.test(argv[1]!) && !/^\s*exec\s/.test(argv[2] ?? '');
}

export function analyzeConfig(config: ImageConfig): ConfigReport {
  const c = config.config ?? {};
  const env: EnvVar[] = (c.Env ?? []).map((kv) => {
    const i = kv.indexOf('=');
    const name = i < 0 ? kv : kv.slice(0, i);
    const value = i < 0 ? '' : kv.slice(i + 1);
    const redacted = isSecretEnv(name, value);
    return { name, value: redacted ? REDACTED : value, redacted };
  });
  const pid1 = c.Entrypoint && c.Entrypoint.length ? c.Entrypoint : (c.Cmd ?? null);
  const hc = c.Healthcheck;
  const hcTest = hc?.Test ?? null;
  return {
    user: c.User ? c.User : null,
    entrypoint: c.Entrypoint ?? null,
    cmd: c.Cmd ?? null,
    shellFormPid1: isShellForm(pid1),
    workingDir: c.WorkingDir ? c.WorkingDir : null,
    env,
    exposedPorts: Object.keys(c.ExposedPorts ?? {}).sort(),
    volumes: Object.keys(c.Volumes ?? {}).sort(),
    healthcheck: hcTest && hcTest.length && hcTest[0] !== 'NONE' ? { test: hcTest, intervalSeconds: hc?.Interval ? hc.Interval / 1e9 : null } : null,
    labels: { ...(c.Labels ?? {}) },
    stopSignal: c.StopSignal ?? null,
  };
}
