import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { LOCAL } from '../exec/runner.js';
import type { Clock } from '../infra/clock.js';
import { ExitCode } from '../model/exit-codes.js';
import { parseMonitorRules } from '../plan/monitor/rules.js';
import { memoryLogger } from '../../test/support/memory-logger.js';
import { FakeZfs, renderTest } from '../../test/support/fake-runner.js';
import { pair } from '../../test/support/run-world.js';
import { decorated, testConfig } from '../../test/support/test-config.js';
import { explainAll } from './explain.js';
import { memoryReports } from '../../test/support/memory-reports.js';

const schema: unknown = JSON.parse(
  readFileSync(new URL('../../schema/explain.schema.json', import.meta.url), 'utf8'),
);
const validate = new Ajv2020({ allErrors: true }).compile(schema as object);
const NOW = Date.UTC(2025, 0, 10, 12, 0, 0);
const clock: Clock = { wallMs: () => NOW, now: () => 0, sleep: async () => {} };

describe('--explain with --monitor-snapshots', () => {
  it('lists every check of both sides with its verdict; the alerts are data (exit 0)', async () => {
    const fake = new FakeZfs().addDatasets(LOCAL, 'pool', 'pool/dst');
    fake.clockSecs = (NOW - 100 * 60_000) / 1000;
    fake.snapshot(LOCAL, 'pool/src', 'prod_onsite_2025-01-10_10:20:00_hourly');
    const log = memoryLogger();
    const cfg = testConfig({
      pairs: [pair('pool/src', 'pool/dst')],
      replication: { skip: true },
      run: { explain: true },
      monitor: {
        rules: parseMonitorRules("{'prod':{'onsite':{'hourly':{'latest':{'warning':'30 minutes'}}}}}", {
          noLatestCheck: false,
          noOldestCheck: false,
        }),
        dontWarn: false,
        dontCrit: false,
      },
    });
    const r = await explainAll(cfg, {
      runner: decorated(fake, cfg, log),
      log,
      signal: new AbortController().signal,
      render: renderTest,
      reports: memoryReports(),
      localIsRoot: true,
      clock,
    });
    if (!validate(r.doc)) throw new Error(`invalid explain document: ${JSON.stringify(validate.errors)}`);
    expect(r.code).toBe(ExitCode.OK);
    expect(r.doc.pairs[0]!.tasks['monitor']).toEqual({
      checks: [
        {
          side: 'src',
          dataset: 'pool/src',
          label: 'prod_onsite_<timestamp>_hourly',
          kind: 'latest',
          snapshot: 'prod_onsite_2025-01-10_10:20:00_hourly',
          ageMs: 100 * 60_000,
          limitMs: 90 * 60_000,
          severity: 'WARNING',
        },
        {
          side: 'dst',
          dataset: 'pool/dst',
          label: 'prod_onsite_<timestamp>_hourly',
          kind: 'latest',
          snapshot: null,
          ageMs: null,
          limitMs: 90 * 60_000,
          severity: 'WARNING',
        },
      ],
    });
  });
});
