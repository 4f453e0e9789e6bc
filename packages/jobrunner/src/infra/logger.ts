import { logLineTimestamp } from '@bzfs-ts/bzfs';

/** The jobrunner's own log: one line per event on stderr; stdout is kept for plans and JSON. */
export const LOG_LEVELS = ['ERROR', 'WARN', 'INFO', 'DEBUG'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Logger {
  error(msg: string): void;
  warn(msg: string): void;
  info(msg: string): void;
  debug(msg: string): void;
}

/** `2024-09-03 12:26:15 [I] [bzfs-jobrunner] msg`, the original's layout. */
export function streamLogger(
  level: LogLevel,
  write: (line: string) => void = (l) => process.stderr.write(l),
  now: () => Date = () => new Date(),
): Logger {
  const threshold = LOG_LEVELS.indexOf(level);
  const log = (l: LogLevel) => (msg: string) => {
    if (LOG_LEVELS.indexOf(l) <= threshold)
      write(`${logLineTimestamp(now())} [${l[0]}] [bzfs-jobrunner] ${msg}\n`);
  };
  return { error: log('ERROR'), warn: log('WARN'), info: log('INFO'), debug: log('DEBUG') };
}
