import type { Endpoint } from '../config/types.js';

/** `user@host:pool/ds` or `pool/ds`: how logs name one side of a pair. */
export const endpointLabel = (e: Endpoint): string =>
  e.ssh ? `${e.ssh.user ? `${e.ssh.user}@` : ''}${e.ssh.host}:${e.dataset}` : e.dataset;
