/**
 * The Prometheus text exposition format, as far as the metrics file uses it: gauges with labels, one
 * `# HELP` and `# TYPE` per family, sample lines sorted; and reading back a file in that format (our own
 * previous one). Pure.
 */

export type Labels = Readonly<Record<string, string>>;

export interface Sample {
  readonly family: string;
  readonly labels: Labels;
  readonly value: number;
}

/** A label value as the format writes it: backslash, double quote and newline escaped. */
export function escapeLabelValue(v: string): string {
  return v.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');
}

/** The file's text: families by name, each with its HELP and TYPE, then its samples sorted. */
export function renderSamples(samples: readonly Sample[], help: Readonly<Record<string, string>>): string {
  const lines: string[] = [];
  for (const family of [...new Set(samples.map((s) => s.family))].sort()) {
    lines.push(`# HELP ${family} ${help[family] ?? family}`, `# TYPE ${family} gauge`);
    const own = samples.filter((s) => s.family === family).map(sampleLine);
    lines.push(...own.sort());
  }
  return lines.map((l) => `${l}\n`).join('');
}

function sampleLine(s: Sample): string {
  const labels = Object.keys(s.labels)
    .sort()
    .map((k) => `${k}="${escapeLabelValue(s.labels[k]!)}"`)
    .join(',');
  return `${s.family}{${labels}} ${formatValue(s.value)}`;
}

function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  return String(v);
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)\{(.*)\} (\S+)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)",?/gy;

/** The samples of a file in this format; lines that are not samples (comments, garbage) are passed over. */
export function parseSamples(text: string): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split('\n')) {
    const m = SAMPLE.exec(line);
    if (m === null) continue;
    const labels = parseLabels(m[2]!);
    const value = parseValue(m[3]!);
    if (labels !== undefined && !Number.isNaN(value)) out.push({ family: m[1]!, labels, value });
  }
  return out;
}

/** The inverse of formatValue: `Number` reads `Infinity` but not the format's `+Inf`/`-Inf`. */
function parseValue(text: string): number {
  if (text === '+Inf' || text === 'Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return Number(text);
}

function parseLabels(text: string): Labels | undefined {
  const labels: Record<string, string> = {};
  LABEL.lastIndex = 0;
  let end = 0;
  for (let m = LABEL.exec(text); m !== null; m = LABEL.exec(text)) {
    labels[m[1]!] = unescape(m[2]!);
    end = LABEL.lastIndex;
  }
  return end === text.length ? labels : undefined;
}

function unescape(v: string): string {
  return v.replace(/\\(.)/g, (_m, c: string) => (c === 'n' ? '\n' : c));
}
