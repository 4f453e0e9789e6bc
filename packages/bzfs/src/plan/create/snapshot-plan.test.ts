import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { UsageError } from '../../model/errors.js';
import { DEFAULT_CREATE_PLAN, parseSnapshotPlan, type PlanEntry } from './snapshot-plan.js';

const OPT = '--create-src-snapshots-plan';
const parse = (text: string) => parseSnapshotPlan(text, OPT);
/** Entries without the parsed period, for compact expectations. */
const short = (entries: PlanEntry[]) => entries.map((e) => [e.org, e.target, e.periodName, e.count]);

describe('parseSnapshotPlan', () => {
  it('reads the JSON form the jobrunner passes', () => {
    const plan = parse('{"prod": {"onsite": {"secondly": 40, "hourly": 36, "daily": 31}}}');
    expect(short(plan)).toEqual([
      ['prod', 'onsite', 'secondly', 40],
      ['prod', 'onsite', 'hourly', 36],
      ['prod', 'onsite', 'daily', 31],
    ]);
    expect(plan[1]!.period).toEqual({ unit: 'hourly', multiple: 1 });
  });

  it("reads the original's Python form, with several orgs and targets", () => {
    const plan = parse(
      "{'prod': {'us-west': {'10minutely': 40, 'adhoc': 1}, 'eu-west': {'12hourly': 0}}, 'test': {'': {'3monthly': 2}}}",
    );
    expect(short(plan)).toEqual([
      ['prod', 'us-west', '10minutely', 40],
      ['prod', 'us-west', 'adhoc', 1],
      ['prod', 'eu-west', '12hourly', 0],
      ['test', '', '3monthly', 2],
    ]);
    expect(plan.map((e) => e.period)).toEqual([
      { unit: 'minutely', multiple: 10 },
      undefined,
      { unit: 'hourly', multiple: 12 },
      { unit: 'monthly', multiple: 3 },
    ]);
  });

  it('allows white space, newlines and trailing commas', () => {
    expect(short(parse("\n{ 'a' :\n {'b':{ 'hourly' : 1 , } , } ,\n}\n"))).toEqual([['a', 'b', 'hourly', 1]]);
  });

  it('keeps the first position and the last value of a repeated key, as Python does', () => {
    expect(short(parse("{'a': {'t': {'hourly': 1, 'daily': 2, 'hourly': 3}}}"))).toEqual([
      ['a', 't', 'hourly', 3],
      ['a', 't', 'daily', 2],
    ]);
  });

  it('reads empty plans and escaped quotes', () => {
    expect(parse('{}')).toEqual([]);
    expect(parse("{'a': {}, 'b': {'t': {}}}")).toEqual([]);
    expect(short(parse(`{'it\\'s': {"a\\"b\\\\": {'daily': 1}}}`))).toEqual([["it's", 'a"b\\', 'daily', 1]]);
  });

  it("has the original's default plan", () => {
    expect(short(parse(DEFAULT_CREATE_PLAN))).toEqual([['bzfs', 'onsite', 'adhoc', 1]]);
  });

  it('reads back any plan written as JSON or with single quotes', () => {
    const name = fc.stringMatching(/^[a-z0-9-]{0,8}$/);
    const plans = fc.dictionary(name, fc.dictionary(name, fc.dictionary(name, fc.nat({ max: 1000 }))));
    fc.assert(
      fc.property(plans, (plan) => {
        const expected = Object.entries(plan).flatMap(([org, targets]) =>
          Object.entries(targets).flatMap(([target, periods]) =>
            Object.entries(periods).map(([p, n]) => [org, target, p, n]),
          ),
        );
        const json = JSON.stringify(plan, null, 1);
        expect(short(parse(json))).toEqual(expected);
        expect(short(parse(json.replaceAll('"', "'")))).toEqual(expected);
      }),
    );
  });

  it.each([
    ['', /: expected a value at the end$/],
    ['[1]', /: expected a value at character 1$/],
    ['42', /: the plan must be a dict of organisations$/],
    ["{'a': 1}", /: "a" must be a dict of targets$/],
    ["{'a': {'b': 3}}", /: "a"\."b" must be a dict of periods with counts$/],
    [
      "{'a': {'b': {'hourly': -1}}}",
      /: "a"\."b"\."hourly": the count must be a non-negative integer, got -1$/,
    ],
    ["{'a': {'b': {'hourly': 1.5}}}", /"hourly": the count must be a non-negative integer, got 1.5$/],
    ["{'a': {'b': {'hourly': 01}}}", /got 01$/],
    ["{'a': {'b': {'hourly': True}}}", /got True$/],
    ["{'a': {'b': {'hourly': '3'}}}", /got a string$/],
    ["{'a': {'b': {'hourly': {}}}}", /got a dict$/],
    ["{'a' {}}", /: expected ':' after the key "a" at character 6$/],
    ["{'a': {}", /: expected ',' or } at the end$/],
    ["{'a: {}}", /: unterminated string at the end$/],
    ['{a: {}}', /: expected a quoted key or } at character 2$/],
    ["{'a': {},,}", /: expected a quoted key or } at character 10$/],
    ["{'a': {}} x", /: unexpected text after the dict at character 11$/],
    ["{'a\\n': {}}", /: unsupported escape in a string at character 4$/],
  ])('refuses %j', (text, why) => {
    expect(() => parse(text)).toThrow(UsageError);
    expect(() => parse(text)).toThrow(why);
    expect(() => parse(text)).toThrow(new RegExp(`^${OPT} `));
  });
});
