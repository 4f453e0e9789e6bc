/**
 * Test support: reads a crontab as cron and /bin/sh would, far enough to run the README's worked
 * example on the test bed (so the documented lines and the tested lines cannot drift apart).
 * Supported: `NAME=value` lines (cron does not expand them), `#` comments, system-crontab entries
 * (five time fields, a user, a command), `&&` between commands, words split at blanks, "double
 * quotes" and `$NAME` / "$NAME" expansion (unquoted: split into words, as sh does). Anything else
 * a shell would treat specially is refused, so a README edit cannot silently change what is tested.
 */

export interface CronEntry {
  readonly schedule: string;
  readonly user: string;
  /** The commands of the `&&` chain, each an argv. */
  readonly commands: readonly (readonly string[])[];
}

export function parseCrontab(text: string): CronEntry[] {
  const env = new Map<string, string>();
  const entries: CronEntry[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (assignment) {
      env.set(assignment[1]!, assignment[2]!.trim());
      continue;
    }
    const fields = /^(\S+\s+\S+\s+\S+\s+\S+\s+\S+)\s+(\S+)\s+(.+)$/.exec(line);
    if (!fields) throw new Error(`not a crontab line: ${line}`);
    const commands = fields[3]!.split(' && ').map((c) => shellWords(c, env));
    entries.push({ schedule: fields[1]!, user: fields[2]!, commands });
  }
  return entries;
}

/** One simple command's words. */
export function shellWords(command: string, env: ReadonlyMap<string, string>): string[] {
  if (/[|;&<>`'\\%()]/.test(command)) throw new Error(`unsupported shell syntax in: ${command}`);
  const value = (name: string) => env.get(name) ?? '';
  const words: string[] = [];
  const token = /"([^"]*)"|(\S+)/g;
  for (let m = token.exec(command); m !== null; m = token.exec(command)) {
    if (m[1] !== undefined) {
      words.push(m[1].replace(/\$([A-Za-z_][A-Za-z0-9_]*)/g, (_, n: string) => value(n)));
    } else if (m[2]!.includes('"')) {
      throw new Error(`unsupported quoting in word: ${m[2]}`);
    } else {
      const expanded = m[2]!.replace(/\$([A-Za-z_][A-Za-z0-9_]*)/g, (_, n: string) => value(n));
      words.push(...expanded.split(/\s+/).filter(Boolean));
    }
  }
  return words;
}

/** The body of the first fenced block of `lang` after the heading that starts with `heading`. */
export function fencedBlockAfter(markdown: string, heading: string, lang: string): string {
  const at = markdown.indexOf(`\n${heading}`);
  if (at < 0) throw new Error(`no heading ${heading}`);
  const open = markdown.indexOf('```' + lang + '\n', at);
  const close = markdown.indexOf('\n```', open + 1);
  if (open < 0 || close < 0) throw new Error(`no ${lang} block after ${heading}`);
  return markdown.slice(open + lang.length + 4, close + 1);
}
