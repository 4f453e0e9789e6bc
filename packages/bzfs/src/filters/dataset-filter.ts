/**
 * --include-dataset / --exclude-dataset: names are absolute (`pool/a/b`) or relative to the
 * root (`a/b`). Excluding a dataset excludes its descendants; including one includes its
 * descendants (and the ancestors still run, as the path to it, only if they are included too).
 */
export function datasetSelector(root: string, include: readonly string[], exclude: readonly string[]) {
  const abs = (n: string) =>
    n === root || n.startsWith(`${root}/`) ? n : `${root}/${n.replace(/^\/+/, '')}`;
  const inc = include.map(abs);
  const exc = exclude.map(abs);
  const within = (name: string, top: string) => name === top || name.startsWith(`${top}/`);
  return (name: string): boolean =>
    (inc.length === 0 || inc.some((t) => within(name, t))) && !exc.some((t) => within(name, t));
}
