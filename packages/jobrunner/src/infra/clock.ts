import type { Clock as BzfsClock } from '@bzfs-ts/bzfs';

/** Time as the scheduler sees it: bzfs's clock, of which the scheduler needs the monotonic part. */
export type Clock = Pick<BzfsClock, 'now' | 'sleep'>;

export { systemClock } from '@bzfs-ts/bzfs';
