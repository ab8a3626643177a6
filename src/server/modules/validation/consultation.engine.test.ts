import { describe, expect, it } from 'vitest';
import { consultationOutcome, consultationsSettled } from './consultation.engine';

describe('consultation outcome', () => {
  it('is pending until the deadline, then silence counts as no objection', () => {
    const silent = { reply_kind: null, due_date: '2026-03-10' };
    expect(consultationOutcome(silent, '2026-03-10')).toEqual({ outcome: 'pending', isSilence: false });
    expect(consultationOutcome(silent, '2026-03-11')).toEqual({ outcome: 'no_objection', isSilence: true });
  });

  it('keeps a reply whatever the date', () => {
    const reply = { reply_kind: 'infringement' as const, due_date: '2026-03-10' };
    expect(consultationOutcome(reply, '2026-04-01')).toEqual({ outcome: 'infringement', isSilence: false });
    expect(consultationsSettled([reply], '2026-03-01')).toEqual({ isSettled: true, hasAdverse: true });
    expect(consultationsSettled([{ reply_kind: null, due_date: '2026-03-10' }], '2026-03-01').isSettled).toBe(
      false,
    );
  });
});
