import type { Logger } from '@bzfs-ts/bzfs';

/** Counts runs as they start and end, and logs a one-line summary each time, as the original does. */
export class Progress {
  private started_ = 0;
  private completed_ = 0;
  private failed_ = 0;

  constructor(
    private readonly total: number,
    private readonly logger: Logger,
  ) {}

  started(id: string): void {
    this.started_++;
    this.logger.info(`Starting ${id}. Progress: ${this.line()}`);
  }

  completed(failed: boolean): void {
    this.completed_++;
    if (failed) this.failed_++;
    this.logger.info(`Progress: ${this.line()}`);
  }

  finished(): void {
    this.logger.info(`Final Progress: ${this.line()}, skipped: ${this.total - this.started_}/${this.total}`);
  }

  private line(): string {
    const running = this.started_ - this.completed_;
    return `started: ${this.started_}/${this.total}, running: ${running}, completed: ${this.completed_}, failed: ${this.failed_}`;
  }
}
