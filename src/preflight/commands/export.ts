/**
 * `velero-cm-preflight export [--context C] [--namespace NS]... [--with-certificate-secrets] [-o FILE]`:
 * cert-manager's configuration as YAML ordered for `kubectl apply -f` or `import`, without Velero. Read-only.
 * The Kubernetes client and YAML load only when this command runs.
 */
import { closeSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import type { Command } from './command.js';
import { UsageError } from './options.js';

/** Writes `text` to `path` as a new 0600 file renamed into place: never readable by others, never half-written. */
function writePrivateFile(path: string, text: string): void {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  let fd: number;
  try {
    fd = openSync(temporary, 'wx', 0o600);
  } catch (err) {
    throw new UsageError(`cannot write ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    writeSync(fd, text);
  } catch (err) {
    closeSync(fd);
    unlinkSync(temporary);
    throw err;
  }
  closeSync(fd);
  renameSync(temporary, path);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export const exportCommand: Command = {
  name: 'export',
  synopsis: [
    'velero-cm-preflight export [--context C] [--namespace NS]... [--with-certificate-secrets] [-o FILE]\n' +
      "                                                          cert-manager's Issuers, ClusterIssuers, Certificates and\n" +
      '                                                          the Secrets they reference, as YAML to apply (no Velero)',
  ],
  check(o) {
    if (o.argv || o.inputs.length)
      throw new UsageError('export takes no files or command line (write the YAML with --output FILE)');
  },
  async run(o) {
    const [{ exportConfiguration }, { renderConfigurationFile }, { ACCOUNT_KEY_NOTE }] = await Promise.all([
      import('../transfer/export.js'),
      import('../transfer/file.js'),
      import('../transfer/paths.js'),
    ]);
    const note = (line: string) => process.stderr.write(`velero-cm-preflight: ${line}\n`);
    const result = await exportConfiguration({
      ...(o.context !== undefined ? { context: o.context } : {}),
      ...(o.requestTimeoutMs !== undefined ? { requestTimeoutMs: o.requestTimeoutMs } : {}),
      ...(o.namespaces ? { namespaces: o.namespaces } : {}),
      ...(o.clusterResourceNamespace !== undefined ? { clusterResourceNamespace: o.clusterResourceNamespace } : {}),
      withCertificateSecrets: o.withCertificateSecrets,
    });
    note(
      `ClusterIssuer Secrets read from namespace ${result.clusterResourceNamespace} (${result.clusterResourceNamespaceSource})`,
    );
    for (const shim of result.shimCertificates)
      note(`left out ${shim}: its Ingress or Gateway recreates it after import`);
    for (const dep of result.missing)
      note(
        `not found, not exported: ${dep.kind} ${dep.namespace}/${dep.name} (${dep.referencedBy.join('; ')})` +
          (dep.acmeAccountKey ? ACCOUNT_KEY_NOTE : '') +
          (dep.certificateSecret ? ': not issued yet, cert-manager issues it after import' : ''),
      );
    for (const solver of result.opaqueSolvers)
      note(`${solver}: an external DNS01 solver; the Secrets its config names are its own, copy them yourself`);
    const text = renderConfigurationFile(result.objects, result.source);
    const count = (kind: string) => result.objects.filter((x) => x.kind === kind).length;
    const secrets = count('Secret');
    const summary = [
      plural(secrets, 'Secret'),
      plural(count('ServiceAccount'), 'ServiceAccount'),
      plural(count('ClusterIssuer'), 'ClusterIssuer'),
      plural(count('Issuer'), 'Issuer'),
      plural(count('Certificate'), 'Certificate'),
    ].join(', ');
    if (o.output) writePrivateFile(o.output, text);
    else process.stdout.write(text);
    note(
      `exported ${summary} to ${o.output ?? 'stdout'}${o.output ? ' (mode 0600)' : ''}` +
        (secrets ? ': it holds Secret data, keep it like the Secrets themselves' : ''),
    );
    if (!o.withCertificateSecrets && count('Certificate'))
      note(
        "Certificates' own Secrets are not in the export: import has cert-manager issue them anew; --with-certificate-secrets keeps them",
      );
    return 0;
  },
};
