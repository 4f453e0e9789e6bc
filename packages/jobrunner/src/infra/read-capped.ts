import { open } from 'node:fs/promises';

/**
 * The text of `file` if it has at most `maxBytes` bytes, else undefined. Reads at most one byte more
 * than the cap, so neither a huge file nor a device is read whole. Errors (ENOENT, EACCES) are thrown.
 */
export async function readCapped(file: string, maxBytes: number): Promise<string | undefined> {
  const buf = Buffer.alloc(maxBytes + 1);
  let size = 0;
  const fh = await open(file, 'r');
  try {
    while (size < buf.length) {
      const { bytesRead } = await fh.read(buf, size, buf.length - size, null);
      if (bytesRead === 0) break;
      size += bytesRead;
    }
  } finally {
    await fh.close();
  }
  return size > maxBytes ? undefined : buf.toString('utf8', 0, size);
}
