import { createWriteStream, type WriteStream } from 'node:fs';
import winston from 'winston';
import { logLineTimestamp } from '../model/timestamps.js';
import { systemClock, type Clock } from './clock.js';

/** The narrow logging interface the rest of bzfs sees. */
export interface Logger {
  error(msg: string): void;
  warn(msg: string): void;
  info(msg: string): void;
  debug(msg: string): void;
  trace(msg: string): void;
}

const LETTER: Record<string, string> = { error: 'E ERROR:', warn: 'W', info: 'I', debug: 'D', silly: 'T' };

/** Each line is stamped with the injected clock's wall time, so tests can fix it. */
const lineFormat = (clock: Pick<Clock, 'wallMs'>) =>
  winston.format.printf(
    (info) =>
      `${logLineTimestamp(new Date(clock.wallMs()))} [${LETTER[info.level] ?? info.level}] ${String(info.message)}`,
  );

/**
 * Logs to stderr at the chosen verbosity and, if given, to a file at full (trace) detail. The file
 * is passed as an fd the caller opened (exclusively, without following symlinks): winston's own
 * File transport would open the path itself, following a planted symlink. The fd is closed by close().
 */
export function createLogger(o: {
  verbose: number;
  quiet: boolean;
  fileFd?: number;
  clock?: Pick<Clock, 'wallMs'>;
}): Logger & { close(): Promise<void> } {
  const level = o.quiet ? 'error' : o.verbose >= 2 ? 'silly' : o.verbose === 1 ? 'debug' : 'info';
  const transports: winston.transport[] = [
    new winston.transports.Console({ level, stderrLevels: ['error', 'warn', 'info', 'debug', 'silly'] }),
  ];
  let file: WriteStream | undefined;
  if (o.fileFd !== undefined) {
    file = createWriteStream('', { fd: o.fileFd });
    // A write error (ENOSPC, EIO) must not crash the run or keep it alive: the stderr log goes on.
    file.on('error', () => undefined);
    transports.push(new winston.transports.Stream({ stream: file, level: 'silly' }));
  }
  const w = winston.createLogger({
    levels: winston.config.npm.levels,
    format: lineFormat(o.clock ?? systemClock),
    transports,
  });
  return {
    error: (m) => w.error(m),
    warn: (m) => w.warn(m),
    info: (m) => w.info(m),
    debug: (m) => w.debug(m),
    trace: (m) => w.silly(m),
    close: () =>
      new Promise<void>((resolve) => {
        // The Stream transport never ends its stream; ending it flushes the file and closes the fd.
        w.on('finish', () => (file ? file.end(() => resolve()) : resolve()));
        w.end();
        setTimeout(resolve, 2000).unref();
      }),
  };
}

/** A logger that remembers lines, for tests. */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const add = (p: string) => (m: string) => lines.push(`${p} ${m}`);
  return { lines, error: add('E'), warn: add('W'), info: add('I'), debug: add('D'), trace: add('T') };
}
