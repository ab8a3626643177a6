import { formatCertificateNumber, TrustCoreError } from '../../../trust-core';

/**
 * Layouts tried, in order, against the programme's `certificate.numberPattern` (a regular expression): the
 * first whose result matches is used. The EAEU register number `CC/NNNN/TYPE` comes first.
 */
const CANDIDATE_LAYOUTS = [
  '{CC}/{NNNN}/{TYPE}',
  '{CC}/{NNNNNN}/{TYPE}',
  '{CC}-{TYPE}-{NNNNNN}',
  '{CC}{TYPE}{NNNNNN}',
];
/** For a programme that does not prescribe a format. */
export const DEFAULT_CERTIFICATE_LAYOUT = '{CC}/{NNNNNN}/{TYPE}';

/** Authorisation type ids (`aeo`, `AEOC`, `1`) as a certificate number writes them. */
export function certificateTypeCode(authorisationType: string): string {
  return authorisationType.toUpperCase().replace(/[^A-Z0-9-]/g, '-');
}

/** The certificate number in the programme's format, or undefined when none of the layouts can produce it. */
export function certificateNumberFor(options: {
  numberPattern: string | undefined;
  countryCode: string;
  sequence: number;
  authorisationType: string;
}): string | undefined {
  const parts = {
    countryCode: options.countryCode,
    sequence: options.sequence,
    type: certificateTypeCode(options.authorisationType),
  };
  if (!options.numberPattern) return formatCertificateNumber(DEFAULT_CERTIFICATE_LAYOUT, parts);
  const pattern = new RegExp(options.numberPattern, 'u');
  for (const layout of CANDIDATE_LAYOUTS) {
    try {
      const number = formatCertificateNumber(layout, parts);
      if (pattern.test(number)) return number;
    } catch (error) {
      if (!(error instanceof TrustCoreError)) throw error;
    }
  }
  return undefined;
}
