/**
 * Every name this project puts into a cluster or a Velero configuration: the plugin-name prefix, each
 * action's name, and our own annotations. Action names are what `ListPlugins` advertises and what users
 * see in Velero's logs and `velero plugin get`; they never change once released.
 */

/** A DNS subdomain of the project's own (never velero.io or cert-manager.io). */
export const PLUGIN_NAME_PREFIX = 'velero-plugin-for-cert-manager.dev';

export const ACTION_NAMES = {
  /** Backup: marks Orders, Challenges and CertificateRequests so Velero >= 1.18.1 leaves them out. */
  backupSkipEphemeral: `${PLUGIN_NAME_PREFIX}/backup-skip-ephemeral`,
  /** Restore: skips Orders, Challenges and CertificateRequests that older backups still hold. */
  restoreSkipEphemeral: `${PLUGIN_NAME_PREFIX}/restore-skip-ephemeral`,
} as const;

/**
 * Our marker on items the backup action excluded, value "true". Velero >= 1.18.1 never stores such
 * items; on older Velero they are stored with this annotation, which tells whoever reads the backup why
 * the restore action will skip them.
 */
export const EPHEMERAL_MARKER_ANNOTATION = `${PLUGIN_NAME_PREFIX}/ephemeral`;

/** Velero's annotation (honoured by Velero >= 1.18.1): an item returned with it is not backed up. */
export const VELERO_SKIP_FROM_BACKUP_ANNOTATION = 'velero.io/skip-from-backup';

/**
 * Environment variable on the Velero server Deployment (inherited by the plugin) listing actions to
 * turn off: comma- or space-separated, full names or the part after the "/" (e.g. `backup-skip-ephemeral`).
 */
export const DISABLED_ACTIONS_ENV = 'VCM_DISABLED_ACTIONS';
