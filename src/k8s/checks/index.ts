/** Every Kubernetes check, in report order. Adding a check is one file and one line here. */
import type { K8sCheck } from '../types.js';
import { capabilitiesDropAll } from './capabilities.js';
import { configInCommand } from './config-in-command.js';
import { dataAtStart } from './data-at-start.js';
import { ephemeralStorage } from './ephemeral-storage.js';
import { gracePeriod } from './grace-period.js';
import { hostNamespaces } from './host-namespaces.js';
import { hostPath } from './host-path.js';
import { identicalProbes } from './identical-probes.js';
import { imagePort } from './image-port.js';
import { imageProgram } from './image-program.js';
import { imageRegistry } from './image-registry.js';
import { imageRootUser } from './image-root-user.js';
import { imageTag } from './image-tag.js';
import { initDownloadUnverified } from './init-download-unverified.js';
import { livenessProbe } from './liveness-probe.js';
import { multipleProcesses } from './multiple-processes.js';
import { privilegeEscalation } from './privilege-escalation.js';
import { privileged } from './privileged.js';
import { probePort } from './probe-port.js';
import { probePortUndeclared } from './probe-port-undeclared.js';
import { pullPolicy } from './pull-policy.js';
import { readOnlyRoot } from './read-only-root.js';
import { readinessProbe } from './readiness-probe.js';
import { cpuRequest, memoryLimit, memoryRequest } from './resources.js';
import { runAsNonRoot } from './run-as-non-root.js';
import { runAsNonRootContradicted } from './run-as-non-root-contradicted.js';
import { runAsUserRoot } from './run-as-user-root.js';
import { seccomp } from './seccomp.js';
import { secretEnv } from './secret-env.js';
import { secretInCommand } from './secret-in-command.js';
import { shellWithoutExec } from './shell-without-exec.js';
import { startupProbe } from './startup-probe.js';

export const k8sChecks: readonly K8sCheck[] = [
  readinessProbe,
  livenessProbe,
  startupProbe,
  probePort,
  probePortUndeclared,
  identicalProbes,
  imageTag,
  pullPolicy,
  imageRegistry,
  runAsNonRoot,
  runAsUserRoot,
  runAsNonRootContradicted,
  readOnlyRoot,
  privilegeEscalation,
  capabilitiesDropAll,
  privileged,
  hostNamespaces,
  hostPath,
  seccomp,
  cpuRequest,
  memoryRequest,
  memoryLimit,
  ephemeralStorage,
  secretEnv,
  secretInCommand,
  configInCommand,
  multipleProcesses,
  shellWithoutExec,
  gracePeriod,
  dataAtStart,
  initDownloadUnverified,
  imageProgram,
  imageRootUser,
  imagePort,
];
