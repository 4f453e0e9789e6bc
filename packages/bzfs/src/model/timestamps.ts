// The local-time formats of log lines, log file names and daily log directories, shared by bzfs and
// the jobrunner so that both write the same layout the original does (its datetime.now().isoformat
// with sep ' ' or '_' and seconds): both programs' files of one run sort and group together.

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `2024-09-03`, local time: the daily log directory. */
export function localDate(d: Date): string {
  return `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** `12:26:15`, local time. */
function localTime(d: Date): string {
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** `2024-09-03 12:26:15`, local time: the start of every log line. */
export function logLineTimestamp(d: Date): string {
  return `${localDate(d)} ${localTime(d)}`;
}

/** `2024-09-03_12:26:15`, local time: in log file names (no space, so `ls` and shells read it as one word). */
export function logFileTimestamp(d: Date): string {
  return `${localDate(d)}_${localTime(d)}`;
}
