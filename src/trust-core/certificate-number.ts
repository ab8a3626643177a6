import { TrustCoreError } from './trust-core-error';

/** EAEU programme format `CC/NNNN/TYPE`, e.g. `KZ/0042/AEO2`. */
export const EAEU_CERTIFICATE_NUMBER_PATTERN = '{CC}/{NNNN}/{TYPE}';

export interface CertificateNumberParts {
  /** ISO 3166-1 alpha-2 of the issuing administration. */
  countryCode: string;
  sequence: number;
  /** Authorisation type code as the programme writes it (AEOC, AEOS, AEOF, AEO1, …). */
  type: string;
  year?: number;
}

/**
 * Formats a certificate number from a programme pattern. Placeholders: {CC} country, {N…} sequence zero-padded to
 * the number of Ns, {TYPE}, {YYYY}/{YY}. A sequence that needs more digits than the pattern allows is refused:
 * a silently wider number would break the programme's fixed format.
 */
export function formatCertificateNumber(pattern: string, parts: CertificateNumberParts): string {
  if (!Number.isSafeInteger(parts.sequence) || parts.sequence < 0) {
    throw new TrustCoreError('INVALID_ARGUMENT', 'sequence must be a non-negative integer');
  }
  const formatted = pattern.replace(/\{([A-Z]+)\}/g, (_match, token: string) => {
    if (/^N+$/.test(token)) {
      const digits = String(parts.sequence);
      if (digits.length > token.length) {
        throw new TrustCoreError(
          'INVALID_ARGUMENT',
          `Sequence ${parts.sequence} exceeds ${token.length} digits`,
        );
      }
      return digits.padStart(token.length, '0');
    }
    switch (token) {
      case 'CC':
        if (!/^[A-Z]{2}$/.test(parts.countryCode)) {
          throw new TrustCoreError('INVALID_ARGUMENT', 'countryCode must be two capital letters');
        }
        return parts.countryCode;
      case 'TYPE':
        if (!/^[A-Z0-9-]+$/.test(parts.type)) {
          throw new TrustCoreError('INVALID_ARGUMENT', 'type must be capital letters, digits or dashes');
        }
        return parts.type;
      case 'YYYY':
      case 'YY': {
        const year = parts.year ?? new Date().getUTCFullYear();
        return token === 'YYYY' ? String(year).padStart(4, '0') : String(year % 100).padStart(2, '0');
      }
      default:
        throw new TrustCoreError('INVALID_ARGUMENT', `Unknown placeholder {${token}} in pattern`);
    }
  });
  return formatted;
}
