import { describe, expect, it } from 'vitest';
import { UsageError } from './config-command.ts';
import { d1ExecuteArgs } from './d1-target.ts';
import {
  federationSql,
  formatGraph,
  formatShare,
  formatShares,
  formatSubscriptions,
  graphOf,
  parseFederationCommand,
  table,
  when,
} from './federation-command.ts';

const usage = (argv: string[]) => () => parseFederationCommand(argv);

describe('federation command: parsing', () => {
  it('reads each action with its arguments and the database to read', () => {
    expect(parseFederationCommand(['shares'])).toEqual({
      action: 'shares',
      target: { remote: false },
    });
    expect(parseFederationCommand(['shares', '--project', 'p_1', '--persist-to', '/s'])).toEqual({
      action: 'shares',
      projectId: 'p_1',
      target: { remote: false, persistTo: '/s' },
    });
    expect(parseFederationCommand(['share', 'sh_1', '--remote', '--env', 'production'])).toEqual({
      action: 'share',
      shareId: 'sh_1',
      target: { remote: true, env: 'production' },
    });
    expect(parseFederationCommand(['graph', 'sh_1', '--svg', 'out.svg'])).toMatchObject({
      format: 'svg',
      svgFile: 'out.svg',
    });
    expect(parseFederationCommand(['graph', 'sh_1', '--dot'])).toMatchObject({ format: 'dot' });
    expect(parseFederationCommand(['graph', 'sh_1'])).toMatchObject({ format: 'text' });
    expect(parseFederationCommand(['subscriptions'])).toEqual({
      action: 'subscriptions',
      target: { remote: false },
    });
    expect(parseFederationCommand(['pull', 'sub-1', '--url', 'http://localhost:8787/'])).toEqual({
      action: 'pull',
      subscriptionId: 'sub-1',
      url: 'http://localhost:8787',
    });
  });

  it('refuses what does not fit, with a usage error', () => {
    for (const argv of [
      [],
      ['nope'],
      ['share'],
      ['share', 'a', 'b'],
      ['share', "x'; DROP TABLE shares; --"],
      ['shares', 'extra'],
      ['shares', '--dot'],
      ['share', 'sh_1', '--project', 'p'],
      ['graph', 'sh_1', '--svg'],
      ['subscriptions', '--url', 'http://x'],
      ['pull', 'sub-1'],
      ['pull', 'sub-1', '--url', 'http://x/path'],
      ['pull', 'sub-1', '--url', 'ftp://x'],
      ['unsubscribe', 'sub-1', '--url', 'http://x', '--remote'],
      ['shares', '--remote', '--persist-to', '/s'],
      ['shares', '--bogus'],
    ])
      expect(usage(argv), argv.join(' ')).toThrow(UsageError);
  });
});

describe('federation command: SQL', () => {
  it('reads one share with its subscribers (lag never negative) and records, in one call', () => {
    const cmd = parseFederationCommand(['share', 'sh_1']);
    const sql = federationSql(cmd);
    expect(sql).toHaveLength(3);
    expect(sql[0]).toContain("WHERE s.id = 'sh_1'");
    expect(sql[1]).toContain('max(s.last_seq - x.acked_seq, 0) AS lag');
    expect(sql[2]).toContain('FROM share_records');
    const args = d1ExecuteArgs(sql.join(' '), { remote: false }, '/repo/.data/local', true);
    expect(args.slice(0, 4)).toEqual(['d1', 'execute', 'DB', '--local']);
    expect(args.slice(-3)).toEqual(['--persist-to', '/repo/.data/local', '--json']);
  });

  it('filters shares by project only when asked', () => {
    expect(federationSql(parseFederationCommand(['shares']))[0]).not.toContain('s.project_id =');
    expect(federationSql(parseFederationCommand(['shares', '--project', 'p1']))[0]).toContain(
      "WHERE s.project_id = 'p1'",
    );
  });

  it('has no statement for what the server does', () => {
    expect(federationSql(parseFederationCommand(['pull', 's', '--url', 'http://x']))).toEqual([]);
  });
});

describe('federation command: output', () => {
  it('aligns a table and writes times as ISO', () => {
    expect(table(['A', 'BB'], [['long', 'x']])).toBe('A     BB\nlong  x');
    expect(when(Date.UTC(2026, 11, 7, 10, 0, 0, 123))).toBe('2026-12-07T10:00:00Z');
    expect(when(null)).toBe('never');
  });

  it('lists shares and subscriptions, or says there are none', () => {
    expect(formatShares([])).toBe('No shares.');
    const shares = formatShares([
      {
        id: 'sh_1',
        project_id: 'p1',
        project_name: 'Statins',
        scope: 'project',
        status: 'paused',
        last_seq: 7,
        subscribers: 1,
        created_at: 0,
      },
    ]);
    expect(shares.split('\n')[1]).toMatch(
      /^sh_1\s+Statins \(p1\)\s+project\s+paused\s+7\s+1\s+1970/,
    );
    expect(formatSubscriptions([])).toBe('No subscriptions.');
    const subs = formatSubscriptions([
      {
        id: 'sub1',
        origin: 'https://a.example',
        share_id: 'sh_1',
        state: 'active',
        cursor: 3,
        last_pull_at: null,
        last_error: 'pulling: 410 SHARE_REVOKED',
      },
    ]);
    expect(subs).toContain('never');
    expect(subs).toContain('pulling: 410 SHARE_REVOKED');
  });

  it('shows each subscription’s lag: behind, caught up (never negative), unknown before a pull', () => {
    const row = {
      id: 'sub1',
      origin: 'https://a.example',
      share_id: 'sh_1',
      state: 'active',
      last_pull_at: 0,
      last_error: null,
    };
    const lags = formatSubscriptions([
      { ...row, cursor: 3, publisher_seq: 10 },
      { ...row, cursor: 10, publisher_seq: 10 },
      { ...row, cursor: 12, publisher_seq: 10 },
      { ...row, cursor: 0, publisher_seq: null, last_pull_at: null },
    ]).split('\n');
    expect(lags[0]).toMatch(/\bCURSOR\s+LAG\s+LAST PULL\b/);
    expect(
      lags.slice(1).map((l) => l.match(/^sub1\s+\S+\s+sh_1\s+active\s+(\d+)\s+(\S+)/)?.slice(1)),
    ).toEqual([
      ['3', '7'],
      ['10', '0'],
      ['12', '0'],
      ['0', '-'],
    ]);
    expect(federationSql(parseFederationCommand(['subscriptions']))[0]).toContain(
      's.publisher_seq',
    );
  });

  it('shows a share with its subscribers, lag and refusals; refuses an unknown share', () => {
    const out = formatShare('sh_1', [
      [{ id: 'sh_1', project_id: 'p1', project_name: 'S', scope: 'studies', status: 'active' }],
      [
        {
          server_id: 'srv_b',
          origin: 'https://b.example',
          acked_seq: 4,
          lag: 3,
          last_pull_at: 0,
          last_error: null,
          schema_refusals: 2,
        },
      ],
      [
        { entity: 'checklist', records: 2 },
        { entity: 'study', records: 1 },
      ],
    ]);
    expect(out).toMatch(/srv_b\s+https:\/\/b\.example\s+4\s+3\s+1970-01-01T00:00:00Z\s+2\s+-/);
    expect(out).toContain('Records: 2 checklist, 1 study');
    expect(formatShare('sh_1', [[{ id: 'sh_1' }], [], []])).toContain('No subscribers');
    expect(() => formatShare('nope', [[], [], []])).toThrow(/no share nope/);
  });

  it('turns the graph rows into nodes and edges and prints them as a tree', () => {
    const graph = graphOf([
      [{ id: 'sh_1' }],
      [
        { entity: 'project', entity_id: 'p1', label: 'Statins' },
        { entity: 'study', entity_id: 's1', label: 'Trial' },
        { entity: 'checklist', entity_id: 'c1', label: 'ROB2' },
        { entity: 'outcome', entity_id: 'o1', label: 'Mortality' },
      ],
      [
        { from_entity: 'project', from_id: 'p1', to_entity: 'study', to_id: 's1' },
        { from_entity: 'study', from_id: 's1', to_entity: 'checklist', to_id: 'c1' },
        { from_entity: 'checklist', from_id: 'c1', to_entity: 'outcome', to_id: 'o1' },
        { from_entity: 'project', from_id: 'p1', to_entity: 'outcome', to_id: 'o1' },
      ],
    ]);
    expect(graph.nodes[1]).toEqual({ id: 'study:s1', entity: 'study', title: 'Trial' });
    expect(graph.edges[0]).toEqual({ from: 'project:p1', to: 'study:s1' });
    expect(formatGraph(graph)).toBe(
      [
        '4 records, 4 edges',
        'project p1: Statins',
        '  study s1: Trial',
        '    checklist c1: ROB2',
        '      outcome o1: Mortality',
        '  outcome o1: Mortality (above)',
      ].join('\n'),
    );
    expect(formatGraph({ nodes: [], edges: [] })).toBe('The share covers no records yet.');
  });
});
