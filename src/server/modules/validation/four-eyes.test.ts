import { describe, expect, it } from 'vitest';
import { checkAppealReviewer, checkDecider, checkSigner } from './four-eyes';

const officers = { validatorIds: ['val', null], signerIds: ['sig'], deciderIds: ['dec'] };

describe('four eyes', () => {
  it('refuses the validator as signer and as decider', () => {
    expect(checkSigner('val', officers)).toBe('signer_is_validator');
    expect(checkDecider('val', officers)).toBe('decider_is_validator');
  });

  it('refuses the signer as decider, and the decider as appeal reviewer', () => {
    expect(checkDecider('sig', officers)).toBe('decider_signed_off');
    expect(checkAppealReviewer('dec', officers)).toBe('appeal_reviewer_decided');
  });

  it('refuses a second signature by the same person at another level', () => {
    expect(checkSigner('sig', officers)).toBe('signer_signed_before');
  });

  it('lets other people act', () => {
    expect(checkSigner('dec', officers)).toBeNull();
    expect(checkDecider('dec', officers)).toBeNull();
    expect(checkAppealReviewer('other', officers)).toBeNull();
  });
});
