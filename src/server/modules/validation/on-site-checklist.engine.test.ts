import { describe, expect, it } from 'vitest';
import { generateChecklist } from './on-site-checklist.engine';

describe('generateChecklist', () => {
  it('lists risks still medium or worse after controls, riskiest first, then unsettled answers', () => {
    const items = generateChecklist(
      [
        {
          id: 'r1',
          title: 'Low',
          criterion: 'safe.I',
          likelihood: 2,
          impact: 2,
          controlEffectiveness: 'none',
        },
        {
          id: 'r2',
          title: 'Medium',
          criterion: 'safe.G',
          likelihood: 3,
          impact: 3,
          controlEffectiveness: 'none',
        },
        {
          id: 'r3',
          title: 'High',
          criterion: 'safe.J',
          likelihood: 5,
          impact: 5,
          controlEffectiveness: 'weak',
        },
      ],
      [
        { id: 'q1', title: 'Seals', criteria: ['safe.G'] },
        { id: 'q2', title: 'Fences', criteria: ['safe.I'] },
        { id: 'q3', title: 'Payroll', criteria: ['safe.J'] },
      ],
      {
        q1: { finding: 'needs_improvement' },
        q2: { finding: 'satisfactory' },
        q3: { finding: 'not_verified' },
      },
    );
    expect(items.map((item) => item.sourceRef)).toEqual(['r3', 'r2', 'q1', 'q3']);
    expect(items[2]).toMatchObject({ source: 'question', criterion: 'safe.G' });
  });
});
