/**
 * Renders argv as a copy-pasteable command line, for logs and `--jobrunner-dryrun` only; runs are
 * always started with argv arrays, never through a shell.
 */
const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

export function shellWord(arg: string): string {
  if (arg === '') return "''";
  return SAFE.test(arg) ? arg : `'${arg.replaceAll("'", `'"'"'`)}'`;
}

export function shellLine(argv: readonly string[]): string {
  return argv.map(shellWord).join(' ');
}
