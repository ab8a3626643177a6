import { describe, expect, it } from 'vitest';
import { renderLetter } from './letter-templates';

describe('renderLetter', () => {
  const params = {
    reference: 'AEO-2026-ABC',
    operatorName: 'Steppe Trading LLP',
    date: '2026-03-02',
    grounds: 'Criteria A and G not met.',
    rules: 'Art. 7.7 TFA',
    appealRoute: 'Appeal to headquarters.',
    appealDue: '2026-05-01',
    officer: 'G. Bekova',
  };

  it('fills a rejection letter in English with grounds, rules and the appeal deadline', () => {
    const letter = renderLetter('decision_rejected', 'en', params);
    expect(letter.title).toBe('Decision rejecting application AEO-2026-ABC');
    expect(letter.text).toContain('Criteria A and G not met.');
    expect(letter.text).toContain('lodged by 2026-05-01');
  });

  it('fills the same letter in Russian', () => {
    const letter = renderLetter('decision_rejected', 'ru', params);
    expect(letter.title).toBe('Решение об отказе по заявлению AEO-2026-ABC');
    expect(letter.text).toContain('Жалоба подаётся до 2026-05-01');
  });
});
