/**
 * The stream size in the parsable output of `zfs send -n -v -P`: its last `size<TAB>N` line (OpenZFS prints one
 * line per stream part, then the total). Undefined when there is none.
 */
export function parseSendSize(output: string): number | undefined {
  const all = [...output.matchAll(/^size\s+(\d+)\s*$/gm)];
  const last = all.at(-1)?.[1];
  return last === undefined ? undefined : Number(last);
}
