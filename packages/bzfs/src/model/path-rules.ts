/**
 * Rules for the paths an operator hands to bzfs (and, through its spec, to bzfs-jobrunner), which
 * guard against writing or reading the wrong file. One definition for both packages.
 */
import { UsageError } from './errors.js';
import { showValue, validateNoControlChars } from './validate.js';

/**
 * A log directory's last component must contain "bzfs-logs", as in the original: a typo such as
 * `--log-dir /` must never make bzfs create files (and private 0700 directories) in a wrong place.
 */
export function validateLogDirName(path: string, option = '--log-dir'): string {
  validateNoControlChars(path, `value of ${option}`);
  if (!/bzfs-logs/.test(path.split('/').filter(Boolean).pop() ?? '')) {
    throw new UsageError(
      `${option} ${showValue(path)}: its last component must contain "bzfs-logs" ` +
        '(guards against writing into a wrong directory)',
    );
  }
  return path;
}

/**
 * An ssh config file's name must contain "bzfs_ssh_config", as in the original, so that bzfs never
 * runs with the operator's general ssh config by accident; `none` makes ssh read no config file.
 */
export function validateSshConfigFileName(path: string): string {
  if (path === 'none') return path;
  if (!/bzfs_ssh_config/.test(path.split('/').pop() ?? '')) {
    throw new UsageError(`ssh config file ${showValue(path)}: its file name must contain "bzfs_ssh_config"`);
  }
  return path;
}

/** A file bzfs writes whole (e.g. --run-report-file): a name, not a directory, and no control characters. */
export function validateOutputFileName(path: string, option: string): string {
  validateNoControlChars(path, `value of ${option}`);
  const name = path.split('/').pop() ?? '';
  if (name === '' || name === '.' || name === '..') {
    throw new UsageError(`${option} ${showValue(path)}: must name a file, not a directory`);
  }
  return path;
}
