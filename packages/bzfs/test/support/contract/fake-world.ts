/** The fake ZFS as a ContractWorld: fixtures through its setup helpers, commands through it as a runner. */
import { LOCAL } from '../../../src/exec/runner.js';
import { zfsCmd } from '../../../src/zfs/commands.js';
import { parseSnapshotList } from '../../../src/zfs/parse.js';
import { FakeZfs } from '../fake-zfs/fake-zfs.js';
import type { ContractWorld, Fixture, SnapshotIdentity } from './types.js';

const POOL = 'bzct_a';

const parentOf = (name: string) => name.slice(0, Math.max(0, name.lastIndexOf('/')));

export function fakeWorld(): ContractWorld {
  const fake = new FakeZfs();
  const place = LOCAL;
  const needParent = (name: string) => {
    if (!fake.exists(place, parentOf(name))) throw new Error(`fixture: parent of ${name} does not exist`);
  };
  const identity = async (snapshot: string): Promise<SnapshotIdentity> => {
    const [dataset] = snapshot.split('@') as [string];
    const r = await fake.run({ place, argv: zfsCmd.listSnapshots([dataset]).argv, changesState: false });
    const ref = parseSnapshotList(r.stdout).find((s) => `${s.dataset}@${s.name}` === snapshot)!;
    return { name: snapshot, guid: ref.guid, creation: ref.creation };
  };
  const interrupt = async (f: Extract<Fixture, { interrupted: unknown }>['interrupted']) => {
    const send = zfsCmd.send([], f.from ? { flag: '-i', name: f.from } : undefined, f.to);
    const recv = zfsCmd.receive(['-u'], { resumable: true, force: f.force ?? false }, f.into);
    fake.failWhen(() => true, { interrupt: true, stderr: 'fixture: stream cut short' });
    await fake.runPipeline(
      { stages: [send, recv].map((z) => ({ place, argv: z.argv, changesState: z.changesState })) },
      { allowFailure: true },
    );
    if (fake.resumeToken(place, f.into) === undefined)
      throw new Error(`fixture: no partial state in ${f.into}`);
  };
  return {
    runner: fake,
    place,
    begin(id) {
      const root = `${POOL}/${id}`;
      fake.addDatasets(place, POOL, root);
      return Promise.resolve(root);
    },
    async fixture(actions) {
      const taken: SnapshotIdentity[] = [];
      for (const f of actions) {
        if ('create' in f) {
          needParent(f.create);
          fake.addDatasets(place, f.create);
        } else if ('volume' in f) {
          needParent(f.volume);
          fake.addVolume(place, f.volume);
        } else if ('write' in f) fake.write(place, f.write, f.kb * 1024);
        else if ('snapshot' in f) {
          const [dataset, name] = f.snapshot.split('@') as [string, string];
          if (!fake.exists(place, dataset)) throw new Error(`fixture: no dataset ${dataset}`);
          fake.snapshot(place, dataset, name);
          taken.push(await identity(f.snapshot));
        } else if ('hold' in f) {
          const [dataset, name] = f.hold.split('@') as [string, string];
          fake.hold(place, dataset, name);
        } else await interrupt(f.interrupted);
      }
      return taken;
    },
  };
}
