/**
 * Four eyes: the officer who signs off a report and the manager who decides must be other people than the
 * validator who examined the case, and the manager other than the officer who signed off.
 */
export type FourEyesRefusal =
  | 'signer_is_validator'
  | 'signer_signed_before'
  | 'decider_is_validator'
  | 'decider_signed_off'
  | 'appeal_reviewer_decided';

export interface CaseOfficers {
  /** The assigned validator and whoever issued the current report. */
  validatorIds: readonly (string | null | undefined)[];
  /** Whoever approved the current report (at any sign-off level). */
  signerIds: readonly (string | null | undefined)[];
  /** Whoever took the decision under appeal. */
  deciderIds?: readonly (string | null | undefined)[];
}

/** The validator never signs; with several sign-off levels, nobody signs the same report twice. */
export function checkSigner(userId: string, officers: CaseOfficers): FourEyesRefusal | null {
  if (officers.validatorIds.includes(userId)) return 'signer_is_validator';
  if (officers.signerIds.includes(userId)) return 'signer_signed_before';
  return null;
}

export function checkDecider(userId: string, officers: CaseOfficers): FourEyesRefusal | null {
  if (officers.validatorIds.includes(userId)) return 'decider_is_validator';
  if (officers.signerIds.includes(userId)) return 'decider_signed_off';
  return null;
}

export function checkAppealReviewer(userId: string, officers: CaseOfficers): FourEyesRefusal | null {
  return officers.deciderIds?.includes(userId) ? 'appeal_reviewer_decided' : null;
}

export const FOUR_EYES_MESSAGES: Record<FourEyesRefusal, string> = {
  signer_is_validator: 'Four eyes: the validator of this case cannot sign off its report.',
  signer_signed_before: 'Four eyes: you have already signed this report at an earlier level.',
  decider_is_validator: 'Four eyes: the validator of this case cannot decide it.',
  decider_signed_off: 'Four eyes: the officer who signed off the report cannot also decide the case.',
  appeal_reviewer_decided:
    'Four eyes: the manager who took the decision cannot review the appeal against it.',
};
