import { describe, expect, it } from 'vitest';
import { ROB2_ALL_LOW, ROB2_CLUSTER_ALL_LOW, ROBINS_I_ALL_LOW } from '../testing.ts';
import { ROBVIS_REFERENCE, toolCitations } from './citations.ts';
import { ROB2_CLUSTER_RELEASE } from './rob2.ts';
import { ROBINS_I_RELEASE } from './robins-i.ts';

describe('tool citations', () => {
  it('each tool used, its reference and the releases followed, then robvis', () => {
    const lines = toolCitations([
      { type: 'ROBINS_I', answers: ROBINS_I_ALL_LOW },
      { type: 'ROB2', answers: ROB2_ALL_LOW },
      { type: 'ROB2', answers: ROB2_CLUSTER_ALL_LOW },
      { type: 'AMSTAR2', answers: {} },
    ]);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^AMSTAR 2: Shea BJ, .* BMJ 2017;358:j4008\.$/);
    expect(lines[1]).toMatch(/^RoB 2: Sterne JAC, .* BMJ 2019;366:l4898\. Judgements follow /);
    expect(lines[1]!.endsWith(`Judgements follow ${ROB2_CLUSTER_RELEASE}.`)).toBe(true);
    expect(lines[2]).toMatch(/^ROBINS-I V2: /);
    expect(lines[2]!.endsWith(`Judgements follow ${ROBINS_I_RELEASE}.`)).toBe(true);
    expect(lines[3]).toBe(`robvis: ${ROBVIS_REFERENCE}`);
    expect(ROBVIS_REFERENCE).toMatch(/Res Synth Methods 2021;12:55–61\.$/);
  });

  it('AMSTAR 2 alone: no robvis (it draws no AMSTAR 2 figure); nothing used: no lines', () => {
    expect(toolCitations([{ type: 'AMSTAR2', answers: {} }])).toHaveLength(1);
    expect(toolCitations([])).toEqual([]);
  });
});
