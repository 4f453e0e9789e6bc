/**
 * The longest delay a Node timer can wait: setTimeout stores it as a signed 32-bit int and fires
 * at once (after 1 ms) for anything above, so a longer timeout would abort immediately instead of
 * never. 2^31-1 ms is 24 days, 20 hours, 31 minutes and 23.647 seconds. Every user-given timeout
 * (bzfs --timeout, jobrunner worker timeouts) must stay within it.
 */
export const MAX_TIMER_MS = 2 ** 31 - 1;
