import { randomUUID } from 'node:crypto';
import {
  allocateStatusIndex,
  credentialHash,
  didFromKid,
  encodeQrPayload,
  encodeQrReference,
  issuanceLogEntryFor,
  issueCredential,
  TrustCoreError,
  type Signer,
} from '../../../trust-core';
import type { Trx } from '../../platform/database';
import { AppError, conflict, notFound } from '../../platform/errors';
import { systemContext, type RequestContext } from '../../platform/request-context';
import { certificateNumberFor } from './certificate-numbering';
import { renderCertificatePdf } from './certificate-pdf';
import type { TrustChangeParts, TrustParts } from './trust-parts';
import { presentCertificateBundle } from './trust.presenters';
import type { AuthorisationForCertificate, CertificateRow } from './trust.repository';
import type { CertificateBundleDto } from './trust.schemas';

const DEFAULT_VALIDITY_YEARS = 5;

type CertificatesParts = TrustChangeParts & Pick<TrustParts, 'config' | 'keys' | 'programme'>;

/** Certificate issuance: numbering, signing, the issuance leaf, the PDF and the verification bundle. */
export class CertificatesService {
  constructor(private readonly parts: CertificatesParts) {}

  /**
   * The authorisation if the caller may see the case it was granted on (customs in the case's office scope, the
   * holder or its representative; `customs`: customs only); 404 as for a missing one otherwise.
   */
  async visibleAuthorisation(
    context: RequestContext,
    id: string,
    side: 'either' | 'customs' = 'either',
  ): Promise<AuthorisationForCertificate> {
    return this.parts.authorisations.getVisibleForCertificate(context, id, side);
  }

  /** The certificate of an authorisation, issued on first request; repeating gives the same bytes. */
  async getCertificate(context: RequestContext, authorisationId: string): Promise<CertificateBundleDto> {
    const authorisation = await this.visibleAuthorisation(context, authorisationId);
    const certificate = await this.ensureCertificate(context, authorisationId);
    return presentCertificateBundle(authorisation, certificate, {
      qrPayload: this.qrPayloadFor(certificate),
      trustList: await this.parts.keys.trustListJson(),
      statusLists: await this.parts.statusLists.listStatusListJws(),
      logProof: await this.parts.log.logProofFor(certificate),
    });
  }

  /** Issues the certificate of an authorisation unless it has one (idempotent; no second log entry). */
  async ensureCertificate(context: RequestContext, authorisationId: string): Promise<CertificateRow> {
    const { repository, db, writer, authorisations, statusLists, notifications, organisations } = this.parts;
    const existing = await repository.findCertificateByAuthorisation(db, authorisationId);
    if (existing) return existing;
    const issued = await writer.write(context.now, async (trx, signer) => {
      const again = await repository.findCertificateByAuthorisation(trx, authorisationId);
      if (again) return { certificate: again, authorisation: undefined };
      const authorisation = await authorisations.findForCertificate(trx, authorisationId, {
        forUpdate: true,
      });
      if (!authorisation) throw notFound('Authorisation');
      if (authorisation.status === 'revoked') throw conflict('A revoked authorisation gets no certificate.');
      const certificate = await this.issueInTransaction(trx, context, signer, authorisation);
      // Always re-signed: the first certificate creates the lists, and a fresh pair never hurts a verifier.
      await statusLists.publishStatusLists(trx, signer, context.now);
      await notifications.notify(trx, context.now, {
        recipients: { userIds: await organisations.operatorUserIds(trx, authorisation.operatorId) },
        event: 'trust.certificate_issued',
        params: { certificateNumber: certificate.certificate_number, legalName: authorisation.legalName },
        link: `/authorisations/${authorisation.id}`,
        entityType: 'authorisation',
        entityId: authorisation.id,
      });
      await this.parts.trustedTraders.sync(trx, context, authorisation, certificate);
      return { certificate, authorisation };
    });
    return issued.certificate;
  }

  /** Numbers, signs and logs a certificate inside a trust write (the caller holds the trust lock). */
  async issueInTransaction(
    trx: Trx,
    context: RequestContext,
    signer: Signer,
    authorisation: AuthorisationForCertificate,
  ): Promise<CertificateRow> {
    const { repository, config, statusLists } = this.parts;
    const now = context.now;
    const { definition } = await this.parts.programme.getVersion(authorisation.programmeVersionId, trx);
    const sequence = await repository.takeSequence(trx);
    const certificateNumber = certificateNumberFor({
      numberPattern: definition.certificate?.numberPattern,
      countryCode: config.trust.countryCode,
      sequence,
      authorisationType: authorisation.authorisationType,
    });
    if (!certificateNumber) {
      throw new AppError('unprocessable', "No certificate number in the programme's format can be made.", {
        numberPattern: definition.certificate?.numberPattern,
      });
    }
    const statusIndex = allocateStatusIndex(await repository.listStatusIndexes(trx));
    const validFrom = new Date(`${authorisation.effectiveDate}T00:00:00Z`);
    const validUntil = new Date(validFrom);
    validUntil.setUTCFullYear(
      validUntil.getUTCFullYear() + (definition.certificate?.validityYears ?? DEFAULT_VALIDITY_YEARS),
    );
    const sites =
      authorisation.sites.length > 0
        ? authorisation.sites.map((site) => ({
            id: site.id,
            name: site.name,
            address: site.address,
            countryCode: authorisation.country,
          }))
        : [
            {
              name: authorisation.legalName,
              address: authorisation.address,
              countryCode: authorisation.country,
            },
          ];
    const certificateId = `urn:uuid:${randomUUID()}`;
    const jws = await issueCredential({
      signer,
      issuedAt: now,
      claims: {
        certificateId,
        certificateNumber,
        operator: { id: authorisation.taxpayerId, idScheme: 'TIN', legalName: authorisation.legalName },
        authorisationType: authorisation.authorisationType,
        tier: authorisation.tier,
        sites,
        validFrom,
        validUntil,
        status: {
          suspension: { statusListCredential: statusLists.statusListUrl('suspension'), index: statusIndex },
          revocation: { statusListCredential: statusLists.statusListUrl('revocation'), index: statusIndex },
        },
      },
    });
    const row: CertificateRow = {
      id: certificateId,
      authorisation_id: authorisation.id,
      operator_id: authorisation.operatorId,
      certificate_number: certificateNumber,
      sequence,
      jws,
      credential_hash: credentialHash(jws),
      kid: signer.kid,
      status_index: statusIndex,
      valid_from: validFrom,
      valid_until: validUntil,
      issued_at: now,
      issuance_leaf_index: await repository.logSize(trx),
    };
    await repository.insertCertificate(trx, row);
    const [leafIndex] = await this.parts.log.appendLeaves(trx, signer, [issuanceLogEntryFor(jws)], now);
    if (leafIndex !== row.issuance_leaf_index) throw new Error('Log leaf index moved during issuance');
    await this.parts.audit.record(trx, context, {
      action: 'certificate.issued',
      entityType: 'authorisation',
      entityId: authorisation.id,
      operatorId: authorisation.operatorId,
      summary: {
        certificateId,
        certificateNumber,
        kid: signer.kid,
        leafIndex,
        credentialHash: row.credential_hash,
      },
    });
    return row;
  }

  private qrPayloadFor(certificate: CertificateRow): string {
    try {
      return encodeQrPayload(certificate.jws);
    } catch (error) {
      if (!(error instanceof TrustCoreError) || error.code !== 'QR_PAYLOAD_TOO_LARGE') throw error;
      const url = `${this.parts.config.publicUrl}/api/v1/authorisations/${certificate.authorisation_id}/certificate`;
      if (!url.startsWith('https://')) {
        throw new AppError(
          'unprocessable',
          'The certificate is too large for a QR code and PUBLIC_URL is not https.',
        );
      }
      return encodeQrReference(certificate.jws, url);
    }
  }

  async getCertificatePdf(context: RequestContext, authorisationId: string) {
    const authorisation = await this.visibleAuthorisation(context, authorisationId);
    const certificate = await this.ensureCertificate(context, authorisationId);
    const { definition } = await this.parts.programme.getVersion(authorisation.programmeVersionId);
    const type = definition.authorisationTypes.find((entry) => entry.id === authorisation.authorisationType);
    const pdf = await renderCertificatePdf({
      credential: certificate.jws,
      qrText: this.qrPayloadFor(certificate),
      certificateNumber: certificate.certificate_number,
      legalName: authorisation.legalName,
      taxpayerId: authorisation.taxpayerId,
      authorisationType: type?.title ?? {
        en: authorisation.authorisationType,
        ru: authorisation.authorisationType,
      },
      tier: authorisation.tier,
      sites: authorisation.sites.length > 0 ? authorisation.sites : [{ address: authorisation.address }],
      validFrom: certificate.valid_from.toISOString().slice(0, 10),
      validUntil: certificate.valid_until.toISOString().slice(0, 10),
      issuer: didFromKid(certificate.kid),
      credentialHash: certificate.credential_hash,
      verifyUrl: `${this.parts.config.publicUrl}/verify`,
      issuedAt: certificate.issued_at,
    });
    return {
      pdf,
      fileName: `aeo-certificate-${certificate.certificate_number.replace(/[^A-Za-z0-9-]/g, '_')}.pdf`,
    };
  }

  /** Issues certificates for granted authorisations that have none (scheduler tick and demo seed). */
  async issuePendingCertificates(now: Date, limit = 50): Promise<number> {
    const ids = await this.parts.repository.listUncertifiedAuthorisationIds(this.parts.db, limit);
    for (const id of ids) await this.ensureCertificate(systemContext(now, 'trust-issuance'), id);
    return ids.length;
  }
}
