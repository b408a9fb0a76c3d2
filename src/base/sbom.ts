/**
 * The SBOM of a built base image, made by running `whittle inspect`'s analysis on the image just written: the
 * packages it lists are the ones the image's dpkg database (status.d) declares, read back through the same
 * code scanners' users rely on, so the SBOM and the image cannot disagree. CycloneDX 1.5 via the inspect formatter.
 */
import { inspectImage } from '../analyze/inspect.js';
import { whittleVersion } from '../cli/version.js';
import { openImage } from '../image/open.js';
import type { InspectReport } from '../report/inspect/model.js';
import { formatCycloneDx } from '../report/inspect/sbom.js';

/** The inspect report of a written image (any target writeImage accepts). */
export async function inspectWritten(target: string, insecure?: boolean): Promise<InspectReport> {
  const image = await openImage(target, insecure ? { insecure: true } : {});
  try {
    return await inspectImage(image, { toolVersion: whittleVersion() });
  } finally {
    await image.close();
  }
}

export async function sbomOfImage(target: string, insecure?: boolean): Promise<string> {
  return formatCycloneDx(await inspectWritten(target, insecure));
}
