import { env, runDurableObjectAlarm, SELF } from 'cloudflare:test';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { DocRoot, EXPORT_COLUMNS } from '@corates/shared';
import { addMember, call, createProject, signUp } from './api.ts';
import {
  parseCsv,
  ROB2_CLUSTER_ALL_LOW,
  ROB2_CROSSOVER_ALL_LOW,
  ROB2_HIGH,
} from '@corates/shared/testing';
import {
  CLIENT_VERSION_HEADER,
  ROB2_CLUSTER_RELEASE,
  ROB2_CROSSOVER_RELEASE,
} from '@corates/shared';

const b64 = (u: Uint8Array) => btoa(String.fromCharCode(...u));

/**
 * A project document as the web client writes it (docs/yjs-document.md): study s1 with RoB 2
 * checklists (by default a reviewer's and the finalized reconciled one, both `ROB2_HIGH`).
 */
function projectDoc(
  checklists: [id: string, reviewerId: string | null, status: string, answers: object][] = [
    ['s1:ROB2:o1:u1', 'u1', 'reviewer-completed', ROB2_HIGH],
    ['s1:ROB2:o1:reconciled', null, 'finalized', ROB2_HIGH],
  ],
  outcomes: Record<string, string> = { o1: 'Mortality' },
): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    const study = new Y.Map<unknown>();
    doc.getMap(DocRoot.studies).set('s1', study);
    for (const [k, v] of Object.entries({
      id: 's1',
      title: '=HYPERLINK("http://evil")',
      authors: 'Lee, J',
      year: 2021,
      journal: '',
      doi: '',
      createdAt: '2026-01-01T00:00:00.000Z',
      createdBy: 'u',
      reviewer1: 'u1',
      reviewer2: 'u2',
    }))
      study.set(k, v);
    for (const [id, name] of Object.entries(outcomes)) {
      const outcome = new Y.Map<unknown>();
      doc.getMap(DocRoot.outcomes).set(id, outcome);
      for (const [k, v] of Object.entries({
        id,
        name,
        createdAt: '2026-01-01T00:00:00.000Z',
        createdBy: 'u',
      }))
        outcome.set(k, v);
    }
    const checklist = (id: string, reviewerId: string | null, status: string, values: object) => {
      const c = new Y.Map<unknown>();
      doc.getMap(DocRoot.checklists).set(id, c);
      c.set('id', id);
      c.set('type', 'ROB2');
      c.set('studyId', 's1');
      // `s1:ROB2:<outcome>:<reviewer>`: the outcome is the id's third part.
      c.set('outcomeId', id.split(':')[2]);
      c.set('reviewerId', reviewerId);
      c.set('status', status);
      c.set('createdAt', '2026-01-02T00:00:00.000Z');
      c.set('completedAt', '2026-01-03T00:00:00.000Z');
      const answers = new Y.Map<string>();
      c.set('answers', answers);
      for (const [k, v] of Object.entries(values)) answers.set(k, v as string);
      const notes = new Y.Map<Y.Text>();
      c.set('notes', notes);
      notes.set('d1_2', new Y.Text('Sealed envelopes, "opaque", numbered'));
      notes.set('p_sources', new Y.Text('-protocol'));
    };
    for (const [id, reviewerId, status, values] of checklists)
      checklist(id, reviewerId, status, values);
  });
  return doc;
}

describe('GET /api/projects/:projectId/export.csv', () => {
  it('members get every finalized checklist as CSV; non-members 404, anonymous 401', async () => {
    const owner = await signUp('Owner');
    const viewer = await signUp('Viewer');
    const stranger = await signUp('Stranger');
    const project = await createProject(owner.cookie);
    await addMember(owner.cookie, project.id, viewer.email, 'viewer');
    const doc = projectDoc();
    const pushed = await call('POST', `/api/reconcile/doc/${project.id}`, {
      cookie: owner.cookie,
      body: { update: b64(Y.encodeStateAsUpdate(doc)), stateVector: b64(Y.encodeStateVector(doc)) },
    });
    expect(pushed.status).toBe(200);
    const stub = env.PROJECT_DOC.get(env.PROJECT_DOC.idFromName(project.id));
    expect(await runDurableObjectAlarm(stub)).toBe(true);

    const res = await call('GET', `/api/projects/${project.id}/export.csv`, {
      cookie: viewer.cookie,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('Content-Disposition')).toMatch(/^attachment; filename="/);
    const text = res.json as string;
    expect(text.endsWith('\r\n')).toBe(true);
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual([...EXPORT_COLUMNS]);
    const col = (row: string[], name: (typeof EXPORT_COLUMNS)[number]) =>
      row[EXPORT_COLUMNS.indexOf(name)];
    // Only the reconciled checklist: the reviewer's is not a result.
    expect(new Set(rows.map((r) => col(r, 'checklist_id')))).toEqual(
      new Set(['s1:ROB2:o1:reconciled']),
    );
    const answers = rows.filter((r) => col(r, 'record') === 'answer');
    expect(answers.map((r) => col(r, 'item'))).toEqual([
      'Design',
      'Effect',
      'Sources',
      '1.1',
      '1.2',
      '1.3',
      '2.1',
      '2.2',
      '2.6',
      '3.1',
      '4.1',
      '4.2',
      '4.3',
      '5.1',
      '5.2',
      '5.3',
    ]);
    const d12 = answers.find((r) => col(r, 'item') === '1.2')!;
    expect([col(d12, 'value'), col(d12, 'label'), col(d12, 'comment')]).toEqual([
      'N',
      'No',
      'Sealed envelopes, "opaque", numbered',
    ]);
    // Formula injection: cells that would run as formulas start with an apostrophe.
    expect(col(d12, 'study_title')).toBe('\'=HYPERLINK("http://evil")');
    expect(col(answers[2]!, 'comment')).toBe("'-protocol");
    expect(
      rows
        .filter((r) => col(r, 'record') === 'domain')
        .map((r) => [col(r, 'section'), col(r, 'value')]),
    ).toEqual([
      ['d1', 'high'],
      ['d2a', 'low'],
      ['d3', 'low'],
      ['d4', 'low'],
      ['d5', 'low'],
    ]);
    const overall = rows.filter((r) => col(r, 'record') === 'overall');
    expect(overall.map((r) => [col(r, 'value'), col(r, 'label'), col(r, 'outcome')])).toEqual([
      ['high', 'High', 'Mortality'],
    ]);

    const outsider = await call('GET', `/api/projects/${project.id}/export.csv`, {
      cookie: stranger.cookie,
    });
    expect([outsider.status, outsider.json.error.code]).toEqual([404, 'NOT_FOUND']);
    const anonymous = await call('GET', `/api/projects/${project.id}/export.csv`);
    expect(anonymous.status).toBe(401);
  });

  it('a project with nothing finalized (or no stored copy yet) answers the header row only', async () => {
    const owner = await signUp('Owner');
    const project = await createProject(owner.cookie);
    const res = await call('GET', `/api/projects/${project.id}/export.csv`, {
      cookie: owner.cookie,
    });
    expect(res.status).toBe(200);
    expect(parseCsv(res.json as string)).toEqual([[...EXPORT_COLUMNS]]);
  });

  it('RoB 2 variants: a cluster trial exports domains 1a and 1b, a cross-over trial domain S, each naming its variant', async () => {
    const owner = await signUp('Owner');
    const project = await createProject(owner.cookie);
    // A cluster-randomised trial (participants recruited knowing the clusters' allocation: domain
    // 1b High) for mortality; a cross-over trial (no information on carryover: domain S Some
    // concerns) for pain. Single-reviewer checklists, finalized.
    const doc = projectDoc(
      [
        ['s1:ROB2:o1:u1', 'u1', 'finalized', { ...ROB2_CLUSTER_ALL_LOW, d1b_1: 'N', d1b_2: 'Y' }],
        ['s1:ROB2:o2:u1', 'u1', 'finalized', { ...ROB2_CROSSOVER_ALL_LOW, ds_3: 'NI' }],
      ],
      { o1: 'Mortality', o2: 'Pain' },
    );
    const pushed = await call('POST', `/api/reconcile/doc/${project.id}`, {
      cookie: owner.cookie,
      body: { update: b64(Y.encodeStateAsUpdate(doc)), stateVector: b64(Y.encodeStateVector(doc)) },
    });
    expect(pushed.status).toBe(200);
    const stub = env.PROJECT_DOC.get(env.PROJECT_DOC.idFromName(project.id));
    expect(await runDurableObjectAlarm(stub)).toBe(true);

    const res = await call('GET', `/api/projects/${project.id}/export.csv`, {
      cookie: owner.cookie,
    });
    expect(res.status).toBe(200);
    const [, ...rows] = parseCsv(res.json as string);
    const col = (row: string[], name: (typeof EXPORT_COLUMNS)[number]) =>
      row[EXPORT_COLUMNS.indexOf(name)];
    const of = (outcome: string, record: string) =>
      rows.filter((r) => col(r, 'outcome') === outcome && col(r, 'record') === record);
    expect(of('Mortality', 'domain').map((r) => `${col(r, 'section')} ${col(r, 'value')}`)).toEqual(
      ['d1a low', 'd1b high', 'd2ac low', 'd3c low', 'd4c low', 'd5 low'],
    );
    expect(of('Mortality', 'overall').map((r) => col(r, 'value'))).toEqual(['high']);
    expect(of('Pain', 'domain').map((r) => `${col(r, 'section')} ${col(r, 'value')}`)).toEqual([
      'd1 low',
      'ds some-concerns',
      'd2a low',
      'd3 low',
      'd4 low',
      'd5 low',
    ]);
    expect(new Set(of('Mortality', 'answer').map((r) => col(r, 'tool_version')))).toEqual(
      new Set([ROB2_CLUSTER_RELEASE]),
    );
    expect(new Set(of('Pain', 'answer').map((r) => col(r, 'tool_version')))).toEqual(
      new Set([ROB2_CROSSOVER_RELEASE]),
    );
  });

  it("checklists=all: each reviewer's completed checklist, with their name and notes, before the result", async () => {
    const owner = await signUp('Olga Owner');
    const ada = await signUp('Ada Reviewer');
    const project = await createProject(owner.cookie);
    await addMember(owner.cookie, project.id, ada.email, 'editor');
    // Ada and a reviewer who has since left (no longer a member: exported without a name), both
    // completed; a third reviewer's draft is not part of the record.
    const doc = projectDoc([
      ['s1:ROB2:o1:ada', ada.id, 'reviewer-completed', ROB2_HIGH],
      ['s1:ROB2:o1:gone', 'gone-user', 'reviewer-completed', ROB2_HIGH],
      ['s1:ROB2:o1:draft', owner.id, 'in-progress', ROB2_HIGH],
      ['s1:ROB2:o1:reconciled', null, 'finalized', ROB2_HIGH],
    ]);
    const pushed = await call('POST', `/api/reconcile/doc/${project.id}`, {
      cookie: owner.cookie,
      body: { update: b64(Y.encodeStateAsUpdate(doc)), stateVector: b64(Y.encodeStateVector(doc)) },
    });
    expect(pushed.status).toBe(200);
    const stub = env.PROJECT_DOC.get(env.PROJECT_DOC.idFromName(project.id));
    expect(await runDurableObjectAlarm(stub)).toBe(true);

    const col = (row: string[], name: (typeof EXPORT_COLUMNS)[number]) =>
      row[EXPORT_COLUMNS.indexOf(name)];
    const overallOf = async (query: string) => {
      const res = await call('GET', `/api/projects/${project.id}/export.csv${query}`, {
        cookie: owner.cookie,
      });
      expect(res.status).toBe(200);
      return parseCsv(res.json as string)
        .filter((r) => col(r, 'record') === 'overall')
        .map((r) => [col(r, 'checklist_id'), col(r, 'source'), col(r, 'reviewer')]);
    };
    expect(await overallOf('')).toEqual([['s1:ROB2:o1:reconciled', 'reconciled', '']]);
    expect(await overallOf('?checklists=final')).toEqual(await overallOf(''));
    expect(await overallOf('?checklists=all')).toEqual([
      ['s1:ROB2:o1:ada', 'reviewer', 'Ada Reviewer'],
      ['s1:ROB2:o1:gone', 'reviewer', ''],
      ['s1:ROB2:o1:reconciled', 'reconciled', ''],
    ]);

    const all = await call('GET', `/api/projects/${project.id}/export.csv?checklists=all`, {
      cookie: owner.cookie,
    });
    expect(all.headers.get('Content-Disposition')).toMatch(/-answers\.csv"/);
    const ada12 = parseCsv(all.json as string).find(
      (r) => col(r, 'checklist_id') === 's1:ROB2:o1:ada' && col(r, 'item') === '1.2',
    )!;
    expect([col(ada12, 'reviewer_id'), col(ada12, 'comment')]).toEqual([
      ada.id,
      'Sealed envelopes, "opaque", numbered',
    ]);

    const bad = await call('GET', `/api/projects/${project.id}/export.csv?checklists=mine`, {
      cookie: owner.cookie,
    });
    expect([bad.status, bad.json.error.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it("an assessor's override and raise (suggested, final, reason) and the support for judgement reach the CSV, for the result and each reviewer", async () => {
    const owner = await signUp('Owner');
    const project = await createProject(owner.cookie);
    // Domains 1 (1.1 N) and 5 (5.1 N) have some concerns by the algorithm.
    const answers = { ...ROB2_HIGH, d1_2: 'Y', d1_1: 'N', d5_1: 'N' };
    const doc = projectDoc([
      ['s1:ROB2:o1:u1', 'u1', 'reviewer-completed', answers],
      ['s1:ROB2:o1:reconciled', null, 'finalized', answers],
    ]);
    const at = '2026-01-03T00:00:00.000Z';
    doc.transact(() => {
      for (const id of ['s1:ROB2:o1:u1', 's1:ROB2:o1:reconciled']) {
        const c = doc.getMap(DocRoot.checklists).get(id) as Y.Map<unknown>;
        const support = new Y.Map<Y.Text>();
        c.set('support', support);
        support.set('d3', new Y.Text(`${id}: 4 % lost to follow-up, balanced`));
        const judgements = new Y.Map<unknown>();
        c.set('judgements', judgements);
        judgements.set('d3', {
          judgement: 'some-concerns',
          suggested: 'low',
          reason: 'Reasons for missingness differ by arm',
          by: 'u1',
          at,
        });
        judgements.set('overall', {
          judgement: 'high',
          suggested: 'some-concerns',
          reason: 'Three domains with some concerns',
          by: 'u1',
          at,
        });
        c.set('history', new Y.Array());
      }
    });
    const pushed = await call('POST', `/api/reconcile/doc/${project.id}`, {
      cookie: owner.cookie,
      body: { update: b64(Y.encodeStateAsUpdate(doc)), stateVector: b64(Y.encodeStateVector(doc)) },
    });
    expect(pushed.status).toBe(200);
    const stub = env.PROJECT_DOC.get(env.PROJECT_DOC.idFromName(project.id));
    expect(await runDurableObjectAlarm(stub)).toBe(true);

    const res = await call('GET', `/api/projects/${project.id}/export.csv?checklists=all`, {
      cookie: owner.cookie,
    });
    expect(res.status).toBe(200);
    const col = (row: string[], name: (typeof EXPORT_COLUMNS)[number]) =>
      row[EXPORT_COLUMNS.indexOf(name)];
    const judged = parseCsv(res.json as string)
      .slice(1)
      .filter(
        (r) =>
          (col(r, 'section') === 'd3' && col(r, 'record') === 'domain') ||
          col(r, 'record') === 'overall',
      )
      .map((r) => [
        col(r, 'source'),
        col(r, 'record'),
        col(r, 'value'),
        col(r, 'suggested_value'),
        col(r, 'judgement_reason'),
        col(r, 'comment'),
      ]);
    expect(judged).toEqual(
      ['reviewer', 'reconciled'].flatMap((source) => [
        [
          source,
          'domain',
          'some-concerns',
          'low',
          'Reasons for missingness differ by arm',
          `s1:ROB2:o1:${source === 'reviewer' ? 'u1' : 'reconciled'}: 4 % lost to follow-up, balanced`,
        ],
        [source, 'overall', 'high', 'some-concerns', 'Three domains with some concerns', ''],
      ]),
    );
  });

  it("each checklist's history (who, when, why) is the history cell of its overall row, names as the accounts have them", async () => {
    const owner = await signUp('Ada Owner');
    const project = await createProject(owner.cookie);
    const editor = await signUp('Ben Editor');
    await addMember(owner.cookie, project.id, editor.email, 'editor');
    const doc = projectDoc();
    doc.transact(() => {
      const events: Record<string, object[]> = {
        // u1 is no member (has left): the cell names them by id.
        's1:ROB2:o1:u1': [{ event: 'completed', by: 'u1', at: '2026-12-01T09:00:00.000Z' }],
        's1:ROB2:o1:reconciled': [
          { event: 'finalized', by: editor.id, at: '2026-12-01T10:00:00.000Z' },
          {
            event: 'reopened',
            by: owner.id,
            at: '2026-12-02T09:15:00.000Z',
            reason: 'Outcome data were misread, see Table 3',
          },
          { event: 'finalized', by: editor.id, at: '2026-12-03T08:05:00.000Z' },
        ],
      };
      for (const [id, list] of Object.entries(events)) {
        const c = doc.getMap(DocRoot.checklists).get(id) as Y.Map<unknown>;
        c.set('history', Y.Array.from(list));
      }
    });
    const pushed = await call('POST', `/api/reconcile/doc/${project.id}`, {
      cookie: owner.cookie,
      body: { update: b64(Y.encodeStateAsUpdate(doc)), stateVector: b64(Y.encodeStateVector(doc)) },
    });
    expect(pushed.status).toBe(200);
    const stub = env.PROJECT_DOC.get(env.PROJECT_DOC.idFromName(project.id));
    expect(await runDurableObjectAlarm(stub)).toBe(true);

    const res = await call('GET', `/api/projects/${project.id}/export.csv?checklists=all`, {
      cookie: owner.cookie,
    });
    expect(res.status).toBe(200);
    const rows = parseCsv(res.json as string);
    expect(rows[0]!.at(-1)).toBe('history');
    const history = EXPORT_COLUMNS.indexOf('history');
    const cells = rows.slice(1).map((r) => [r[EXPORT_COLUMNS.indexOf('record')], r[history]]);
    expect(cells.filter(([record]) => record === 'overall')).toEqual([
      ['overall', '2026-12-01 09:00 UTC completed by u1'],
      [
        'overall',
        '2026-12-01 10:00 UTC finalized by Ben Editor; ' +
          '2026-12-02 09:15 UTC reopened by Ada Owner: Outcome data were misread, see Table 3; ' +
          '2026-12-03 08:05 UTC finalized by Ben Editor',
      ],
    ]);
    expect(cells.filter(([record]) => record !== 'overall').every(([, h]) => h === '')).toBe(true);
  });

  it('the file starts with the UTF-8 byte-order mark, so Excel reads "Savović" as UTF-8', async () => {
    const owner = await signUp('Owner');
    const project = await createProject(owner.cookie);
    const res = await SELF.fetch(`http://corates.test/api/projects/${project.id}/export.csv`, {
      headers: { Cookie: owner.cookie, [CLIENT_VERSION_HEADER]: '0.1.0' },
    });
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes.slice(3, 12))).toBe('study_id,');
  });
});
