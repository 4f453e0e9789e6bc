import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { UsageError } from '../../model/errors.js';
import { parseMonitorRules } from './rules.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const ALL = { noLatestCheck: false, noOldestCheck: false };
const rules = (text: string, o = ALL) => parseMonitorRules(text, o);
/** One label's rule, as `label: limits` for short tables. */
const limitsOf = (text: string, o = ALL) =>
  rules(text, o).map((r) => ({
    label: `${r.label.org}/${r.label.target}/${r.label.periodName}`,
    latest: r.latest,
    oldest: r.oldest,
  }));

describe('parseMonitorRules: limits are DUR + cycles × period', () => {
  it('latest: one period on top of the duration by default (hourly, 30 and 300 minutes → 90 and 360 minutes)', () => {
    expect(
      limitsOf("{'prod':{'onsite':{'hourly':{'latest':{'warning':'30 minutes','critical':'300 minutes'}}}}}"),
    ).toEqual([
      {
        label: 'prod/onsite/hourly',
        latest: { warningMs: 90 * MIN, criticalMs: 360 * MIN },
        oldest: undefined,
      },
    ]);
  });

  it.each([
    [
      "{'warning':'30 minutes','critical':'300 minutes','cycles':36}",
      { warningMs: 30 * MIN + 36 * HOUR, criticalMs: 300 * MIN + 36 * HOUR },
    ],
    ["{'warning':'30 minutes'}", { warningMs: 90 * MIN }],
    ["{'critical':'2 hours','cycles':0}", { criticalMs: 2 * HOUR }],
    ["{'warning':'0 minutes','critical':'1 days'}", { criticalMs: DAY + HOUR }],
    ["{'warning':'90secs','cycles':'2'}", { warningMs: 90_000 + 2 * HOUR }],
  ])('oldest %s', (check, limits) => {
    expect(limitsOf(`{'prod':{'onsite':{'hourly':{'oldest':${check}}}}}`)[0]!.oldest).toEqual(limits);
  });

  it('a multiplied period counts whole (10minutely: 10 minutes per cycle); a non-periodic one adds nothing', () => {
    const r = limitsOf(
      "{'prod':{'':{'10minutely':{'latest':{'warning':'1 minutes'}},'adhoc':{'latest':{'warning':'5 minutes'}}}}}",
    );
    expect(r).toEqual([
      { label: 'prod//10minutely', latest: { warningMs: 11 * MIN }, oldest: undefined },
      { label: 'prod//adhoc', latest: { warningMs: 5 * MIN }, oldest: undefined },
    ]);
  });

  it('for any duration, cycles and multiple: warning = DUR + cycles × multiple minutes', () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.nat(500), fc.integer({ min: 1, max: 60 }), (mins, cycles, mult) => {
        const period = mult === 1 ? 'minutely' : `${mult}minutely`;
        const r = rules(
          `{"p":{"t":{"${period}":{"oldest":{"warning":"${mins} minutes","cycles":${cycles}}}}}}`,
        );
        if (mins === 0) expect(r).toEqual([]);
        else expect(r[0]!.oldest).toEqual({ warningMs: (mins + cycles * mult) * MIN });
      }),
    );
  });
});

describe('parseMonitorRules: what is checked', () => {
  it('a label with every duration zero or missing is not checked at all; an empty plan checks nothing', () => {
    expect(
      rules(
        "{'prod':{'onsite':{'hourly':{'latest':{'warning':'0 minutes','critical':'0 minutes'}},'daily':{'latest':{}}}}}",
      ),
    ).toEqual([]);
    expect(rules('{}')).toEqual([]);
  });

  it('latest and oldest of one label form one rule; oldest_skip_holds in Python or JSON spelling', () => {
    const python = rules(
      "{'p':{'t':{'daily':{'latest':{'warning':'1 hours'},'oldest':{'critical':'1 days','oldest_skip_holds':True}}}}}",
    );
    const json = rules(
      '{"p":{"t":{"daily":{"latest":{"warning":"1 hours"},"oldest":{"critical":"1 days","oldest_skip_holds":true}}}}}',
    );
    expect(python).toEqual(json);
    expect(python[0]).toMatchObject({
      latest: { warningMs: 25 * HOUR },
      oldest: { criticalMs: 2 * DAY },
      oldestSkipHolds: true,
    });
  });

  it('the hidden --monitor-snapshots-no-latest-check / -no-oldest-check drop those checks', () => {
    const text =
      "{'p':{'t':{'daily':{'latest':{'warning':'1 hours'},'oldest':{'warning':'1 hours'}},'hourly':{'latest':{'warning':'1 hours'}}}}}";
    expect(
      limitsOf(text, { noLatestCheck: true, noOldestCheck: false }).map((r) => [
        r.label,
        !!r.latest,
        !!r.oldest,
      ]),
    ).toEqual([['p/t/daily', false, true]]);
    expect(
      limitsOf(text, { noLatestCheck: false, noOldestCheck: true }).map((r) => [
        r.label,
        !!r.latest,
        !!r.oldest,
      ]),
    ).toEqual([
      ['p/t/daily', true, false],
      ['p/t/hourly', true, false],
    ]);
  });

  it('longest period first, whatever the order written; equal periods by name, descending', () => {
    const w = "{'latest':{'warning':'1 hours'}}";
    const text = `{'a':{'x':{'minutely':${w},'hourly':${w}},'':{'daily':${w}}},'b':{'x':{'hourly':${w}},'y':{'adhoc':${w}}},'c':{'x':{'yearly':${w},'60minutely':${w}}}}`;
    expect(limitsOf(text).map((r) => r.label)).toEqual([
      'c/x/yearly',
      'a//daily',
      'c/x/60minutely',
      'b/x/hourly',
      'a/x/hourly',
      'a/x/minutely',
      'b/y/adhoc',
    ]);
  });
});

describe('parseMonitorRules: refused with the path to the bad part (exit 2)', () => {
  const wrap = (check: string) => `{'prod':{'onsite':{'hourly':${check}}}}`;
  it.each([
    [wrap("{'newest':{'warning':'1 hours'}}"), `"newest": must be 'latest' or 'oldest'`],
    [wrap("{'latest':{'warn':'1 hours'}}"), `"latest"."warn": must be 'warning', 'critical' or 'cycles'`],
    [
      wrap("{'latest':{'oldest_skip_holds':True}}"),
      `"latest"."oldest_skip_holds": must be 'warning', 'critical' or 'cycles'`,
    ],
    [
      wrap("{'oldest':{'skip':True}}"),
      `"oldest"."skip": must be 'warning', 'critical', 'cycles' or 'oldest_skip_holds'`,
    ],
    [wrap("{'latest':{'warning':'5 hour'}}"), `"latest"."warning": must be a duration such as '30 minutes'`],
    [wrap("{'latest':{'warning':5}}"), `"latest"."warning": must be a duration such as '30 minutes'`],
    [wrap("{'latest':{'critical':'-5 minutes'}}"), `"latest"."critical": must be a duration`],
    [wrap("{'oldest':{'cycles':-1}}"), `"oldest"."cycles": must be a non-negative integer`],
    [wrap("{'oldest':{'cycles':1.5}}"), `"oldest"."cycles": must be a non-negative integer`],
    [wrap("{'oldest':{'oldest_skip_holds':'yes'}}"), `"oldest"."oldest_skip_holds": must be true or false`],
    [wrap("{'latest':'30 minutes'}"), `"latest": must be a dict with warning, critical and cycles`],
    [wrap('5'), `"prod"."onsite"."hourly": must be a dict of 'latest' or 'oldest' checks`],
    ["{'prod':{'onsite':5}}", `"prod"."onsite" must be a dict of 'latest' or 'oldest' checks`],
    ["{'prod':{'onsite':{'hourly':{'latest'}}}}", "expected ':' after the key"],
  ])('%s', (text, why) => {
    let err: unknown;
    try {
      rules(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toContain(why);
    expect((err as Error).message).toMatch(/^--monitor-snapshots /);
  });

  it('names the whole value and the full path', () => {
    const text = "{'prod':{'onsite':{'hourly':{'latest':{'warn':'1 hours'}}}}}";
    expect(() => rules(text)).toThrow(
      `--monitor-snapshots "${text}": "prod"."onsite"."hourly"."latest"."warn": must be 'warning', 'critical' or 'cycles'`,
    );
  });
});
