import { describe, expect, it } from 'vitest';
import { configSql, parseConfigCommand, UsageError, wranglerArgs } from './config-command.ts';

describe('maintainer config command', () => {
  it('parses a local set of both values', () => {
    const cmd = parseConfigCommand(['set', '--min-client', '1.4.0', '--cache-version', '7']);
    expect(cmd).toEqual({
      action: 'set',
      values: { minSupportedClient: '1.4.0', cacheVersion: '7' },
      target: { remote: false },
    });
    expect(wranglerArgs(cmd).slice(0, 4)).toEqual(['d1', 'execute', 'DB', '--local']);
  });

  it('targets the deployed database with --remote --env production', () => {
    const args = wranglerArgs(
      parseConfigCommand(['set', '--min-client', '2.0.0', '--remote', '--env', 'production']),
    );
    expect(args).toContain('--remote');
    expect(args.slice(-2)).toEqual(['--env', 'production']);
  });

  it("a local command goes to the app's state folder unless --persist-to names another", () => {
    const local = parseConfigCommand(['set', '--min-client', '0.3.0']);
    expect(wranglerArgs(local, '/repo/.data/local')).toEqual(
      expect.arrayContaining(['--local', '--persist-to', '/repo/.data/local']),
    );
    const elsewhere = parseConfigCommand(['show', '--persist-to', '/tmp/state']);
    const args = wranglerArgs(elsewhere, '/repo/.data/local');
    expect(args.slice(args.indexOf('--persist-to'))).toEqual([
      '--persist-to',
      '/tmp/state',
      '--json',
    ]);
    const remote = parseConfigCommand(['set', '--min-client', '0.3.0', '--remote']);
    expect(wranglerArgs(remote, '/repo/.data/local')).not.toContain('--persist-to');
  });

  it('writes idempotent UPSERTs', () => {
    const sql = configSql(parseConfigCommand(['set', '--min-client', '1.4.0']));
    expect(sql).toMatch(
      /^INSERT INTO app_config .* VALUES \('minSupportedClient', '1\.4\.0'.*ON CONFLICT\(key\) DO UPDATE/,
    );
  });

  it('grants and revokes the admin role by email, quoting it safely', () => {
    const grant = parseConfigCommand(['grant-admin', '--email', "O'Brien@Example.org"]);
    expect(grant.email).toBe("o'brien@example.org");
    expect(configSql(grant)).toBe(
      "UPDATE user SET platform_role = 'admin' WHERE email = 'o''brien@example.org' RETURNING email, platform_role;",
    );
    const revoke = parseConfigCommand(['revoke-admin', '--email', 'a@b.co', '--remote']);
    expect(configSql(revoke)).toContain("platform_role = 'member'");
    expect(wranglerArgs(revoke)).toEqual(expect.arrayContaining(['--remote', '--json']));
  });

  it.each([
    [[], /unknown action/],
    [['grant-admin'], /needs --email/],
    [['grant-admin', '--email', 'not-an-email'], /must be an email/],
    [['set', '--min-client', '1.0.0', '--email', 'a@b.co'], /--email is for/],
    [['grant-admin', '--email', 'a@b.co', '--min-client', '1.0.0'], /takes no/],
    [['set'], /needs --min-client/],
    [['set', '--min-client', 'latest'], /semver/],
    [['set', '--min-client'], /needs a value/],
    [['set', '--cache-version', "x'; DROP TABLE user; --"], /cache-version must be/],
    [['set', '--min-client', '1.0.0', '--bogus'], /unknown flag/],
    [['show', '--remote', '--persist-to', '/tmp/x'], /local database only/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseConfigCommand(argv)).toThrow(UsageError);
    expect(() => parseConfigCommand(argv)).toThrow(message);
  });
  it('thresholds without --set or --clear shows them', () => {
    const cmd = parseConfigCommand(['thresholds']);
    expect(configSql(cmd)).toMatch(/^SELECT metric, max, minor_versions/);
    expect(wranglerArgs(cmd)).toContain('--json');
  });

  it('thresholds --set and --clear write one statement each, validated like the admin API', () => {
    const cmd = parseConfigCommand([
      'thresholds',
      '--set',
      'backlogOps=500',
      '--set',
      'nearMinShare=0.05:2',
      '--clear',
      'replayP95Ms',
    ]);
    expect(cmd.thresholds).toEqual({
      set: [
        { metric: 'backlogOps', max: 500 },
        { metric: 'nearMinShare', max: 0.05, minorVersions: 2 },
      ],
      clear: ['replayP95Ms'],
    });
    const sql = configSql(cmd);
    expect(sql).toContain("DELETE FROM alert_thresholds WHERE metric = 'replayP95Ms';");
    expect(sql).toContain("VALUES ('nearMinShare', 0.05, 2,");
    expect(sql).toContain("VALUES ('backlogOps', 500, NULL,");
  });

  it('thresholds refuses unknown metrics, shares above 1, stray :MINORS and repeats', () => {
    for (const args of [
      ['--set', 'queueDepth=5'],
      ['--set', 'syncFailureRate=5'],
      ['--set', 'backlogOps=5:1'],
      ['--set', 'backlogOps=five'],
      ['--set', 'backlogOps=5', '--clear', 'backlogOps'],
    ])
      expect(() => parseConfigCommand(['thresholds', ...args])).toThrow(UsageError);
    expect(() => parseConfigCommand(['set', '--set', 'backlogOps=5'])).toThrow(/for thresholds/);
  });
});
