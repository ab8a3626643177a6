import { didFromKid, signCompactJws, type Signer } from './credential-signer';
import { TrustCoreError } from './trust-core-error';

export const VC_CONTEXT_V2 = 'https://www.w3.org/ns/credentials/v2';
export const CREDENTIAL_JWS_TYP = 'vc+jwt';

export type StatusPurpose = 'suspension' | 'revocation';

/** W3C Bitstring Status List v1.0 entry. */
export interface BitstringStatusListEntry {
  id: string;
  type: 'BitstringStatusListEntry';
  statusPurpose: StatusPurpose;
  /** A string per the spec, holding a decimal integer. */
  statusListIndex: string;
  statusListCredential: string;
}

export interface CoveredSite {
  id?: string;
  name?: string;
  address: string;
  countryCode?: string;
}

export interface AeoCertificateClaims {
  /** Stable identifier of the certificate, e.g. `urn:uuid:…`; the credential `id` and JWT `jti`. */
  certificateId: string;
  certificateNumber: string;
  operator: { id: string; idScheme: string; legalName: string };
  authorisationType: string;
  tier?: string;
  sites: CoveredSite[];
  validFrom: Date;
  validUntil: Date;
  /** Where this certificate's bits live; the same index may be used in both lists. */
  status: {
    suspension: { statusListCredential: string; index: number };
    revocation: { statusListCredential: string; index: number };
  };
}

/** The credential as carried in the JWS payload (VC 2.0 data model plus the JWT registered claims). */
export interface AeoCertificateCredential {
  '@context': string[];
  id: string;
  type: ['VerifiableCredential', 'AEOCertificate'];
  issuer: string;
  validFrom: string;
  validUntil: string;
  credentialSubject: {
    type: 'AEOOperator';
    operatorId: string;
    operatorIdScheme: string;
    legalName: string;
    authorisationType: string;
    tier?: string;
    certificateNumber: string;
    sites: CoveredSite[];
  };
  credentialStatus: BitstringStatusListEntry[];
  iss: string;
  sub: string;
  jti: string;
  iat: number;
  nbf: number;
  exp: number;
}

export function buildStatusEntry(
  purpose: StatusPurpose,
  statusListCredential: string,
  index: number,
): BitstringStatusListEntry {
  if (!Number.isSafeInteger(index) || index < 0)
    throw new TrustCoreError('INVALID_ARGUMENT', 'Invalid index');
  return {
    id: `${statusListCredential}#${index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: purpose,
    statusListIndex: String(index),
    statusListCredential,
  };
}

/** ISO 8601 without milliseconds; VC examples use this form and it keeps nbf/exp and validFrom aligned. */
export function toXsdDateTime(date: Date): string {
  return new Date(Math.floor(date.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

const toSeconds = (date: Date): number => Math.floor(date.getTime() / 1000);

export function buildCredential(
  issuer: string,
  claims: AeoCertificateClaims,
  issuedAt: Date,
): AeoCertificateCredential {
  if (!(claims.validUntil.getTime() > claims.validFrom.getTime())) {
    throw new TrustCoreError('INVALID_ARGUMENT', 'validUntil must be after validFrom');
  }
  if (claims.sites.length === 0)
    throw new TrustCoreError('INVALID_ARGUMENT', 'A certificate covers at least one site');
  const subject: AeoCertificateCredential['credentialSubject'] = {
    type: 'AEOOperator',
    operatorId: claims.operator.id,
    operatorIdScheme: claims.operator.idScheme,
    legalName: claims.operator.legalName,
    authorisationType: claims.authorisationType,
    certificateNumber: claims.certificateNumber,
    sites: claims.sites,
  };
  if (claims.tier !== undefined) subject.tier = claims.tier;
  return {
    // The v2 context's issuer-dependent @vocab covers our AEO terms; no unresolvable extra context is invented.
    '@context': [VC_CONTEXT_V2],
    id: claims.certificateId,
    type: ['VerifiableCredential', 'AEOCertificate'],
    issuer,
    validFrom: toXsdDateTime(claims.validFrom),
    validUntil: toXsdDateTime(claims.validUntil),
    credentialSubject: subject,
    credentialStatus: [
      buildStatusEntry(
        'suspension',
        claims.status.suspension.statusListCredential,
        claims.status.suspension.index,
      ),
      buildStatusEntry(
        'revocation',
        claims.status.revocation.statusListCredential,
        claims.status.revocation.index,
      ),
    ],
    iss: issuer,
    sub: `${claims.operator.idScheme}:${claims.operator.id}`,
    jti: claims.certificateId,
    iat: toSeconds(issuedAt),
    nbf: toSeconds(claims.validFrom),
    exp: toSeconds(claims.validUntil),
  };
}

/**
 * Issues an AEO certificate as a compact JWS (`typ: vc+jwt`). The returned string is the certificate: store it
 * verbatim and hash those bytes for the transparency log; never rebuild it from parsed JSON.
 */
export async function issueCredential(options: {
  signer: Signer;
  claims: AeoCertificateClaims;
  issuedAt?: Date;
}): Promise<string> {
  const issuer = didFromKid(options.signer.kid);
  const credential = buildCredential(issuer, options.claims, options.issuedAt ?? new Date());
  return signCompactJws(options.signer, CREDENTIAL_JWS_TYP, { ...credential });
}
