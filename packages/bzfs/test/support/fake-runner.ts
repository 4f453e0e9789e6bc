/**
 * Test support: the fake ZFS behind the CommandRunner port (see fake-zfs/), under the name the
 * tests import it by.
 */
export { FakeZfs } from './fake-zfs/fake-zfs.js';
export { describeCall, renderTest, type RecordedCall } from './fake-zfs/calls.js';
