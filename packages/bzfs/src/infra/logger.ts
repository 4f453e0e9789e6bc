import { createWriteStream, type WriteStream } from 'node:fs';
import { Writable } from 'node:stream';
import winston from 'winston';
import { logLineTimestamp } from '../model/timestamps.js';
import { systemClock, type Clock } from './clock.js';

/** The narrow logging interface the rest of bzfs (and the jobrunner) sees. */
export interface Logger {
  error(msg: string): void;
  warn(msg: string): void;
  info(msg: string): void;
  debug(msg: string): void;
  trace(msg: string): void;
}

export type LogLevel = keyof Logger;

/** Most severe first: winston writes a line if its level's number is at most the transport's. */
const LEVELS: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3, trace: 4 };

/** The original's level marks; an error line also says ERROR, so that grep finds it among the rest. */
const MARK: Record<LogLevel, string> = {
  error: '[E] ERROR:',
  warn: '[W]',
  info: '[I]',
  debug: '[D]',
  trace: '[T]',
};

interface LoggerOptions {
  /** The least severe level written to stderr. */
  readonly level: LogLevel;
  /** Named after the level mark (`[bzfs-jobrunner]`), so a program's lines stand out where logs are merged. */
  readonly program?: string;
  /** Receives each stderr line, newline included; tests capture it. Default: process.stderr. */
  readonly stderr?: (line: string) => void;
  /** A log file, written at full (trace) detail; see createLogger. */
  readonly fileFd?: number;
  /** Stamps each line with its wall time, so tests can fix it. */
  readonly clock?: Pick<Clock, 'wallMs'>;
}

/**
 * `2024-09-03 12:26:15 [I] [program] msg` lines to stderr at `level` and, if given, to a file at
 * trace detail. The file is passed as an fd the caller opened (exclusively, without following
 * symlinks): winston's own File transport would open the path itself, following a planted symlink.
 * close() flushes the file and closes its fd.
 */
export function createLogger(o: LoggerOptions): Logger & { close(): Promise<void> } {
  const clock = o.clock ?? systemClock;
  const tag = o.program === undefined ? '' : `[${o.program}] `;
  const toStderr = o.stderr ?? ((line: string) => void process.stderr.write(line));
  const transports: winston.transport[] = [
    new winston.transports.Stream({ stream: sinkStream(toStderr), level: o.level }),
  ];
  let file: WriteStream | undefined;
  if (o.fileFd !== undefined) {
    file = createWriteStream('', { fd: o.fileFd });
    // A write error (ENOSPC, EIO) must not crash the run or keep it alive: the stderr log goes on.
    file.on('error', () => undefined);
    transports.push(new winston.transports.Stream({ stream: file, level: 'trace' }));
  }
  const w = winston.createLogger({
    levels: LEVELS,
    level: 'trace',
    format: winston.format.printf(
      (info) =>
        `${logLineTimestamp(new Date(clock.wallMs()))} ${MARK[info.level as LogLevel]} ${tag}${String(info.message)}`,
    ),
    transports,
  });
  const at = (level: LogLevel) => (msg: string) => void w.log(level, msg);
  return {
    error: at('error'),
    warn: at('warn'),
    info: at('info'),
    debug: at('debug'),
    trace: at('trace'),
    close: () =>
      new Promise<void>((resolve) => {
        // The Stream transport never ends its stream; ending it flushes the file and closes the fd.
        w.on('finish', () => (file ? file.end(() => resolve()) : resolve()));
        w.end();
        setTimeout(resolve, 2000).unref();
      }),
  };
}

/** A stream over a line callback: the callback may write synchronously (process.stderr, a test's array). */
function sinkStream(write: (line: string) => void): Writable {
  return new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      write(String(chunk));
      done();
    },
  });
}
