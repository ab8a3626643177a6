import type { TrustList, TrustListJson } from '../../../trust-core';
import type { Config } from '../../platform/config';
import type { Db } from '../../platform/database';
import { conflict } from '../../platform/errors';
import type { RequestContext } from '../../platform/request-context';
import type { AuditService } from '../audit/audit.service';
import type { AuthorisationsService } from '../authorisations/authorisations.service';
import type { NotificationsService } from '../notifications/notifications.service';
import type { OrganisationsService } from '../organisations/organisations.service';
import type { ProgrammeService } from '../programme/programme.service';
import type { RiskSettingsService } from '../risk/risk-settings.service';
import { CertificatesService } from './certificates.service';
import { PublicRegisterService } from './public-register.service';
import { SigningKeysService } from './signing-keys.service';
import { StatusChangesService, type StatusChangeInput } from './status-changes.service';
import { StatusListsService } from './status-lists.service';
import { TransparencyLogService, type AuditCheckpointAnchor } from './transparency-log.service';
import type { TrustParts } from './trust-parts';
import { TrustWriter } from './trust-writer';
import { TrustRepository, type CertificateRow, type RegisterFilter } from './trust.repository';
import type { StatusPurpose } from './trust.tables';
import { TrustedTraderSync } from './trusted-trader-sync';
import { VerificationService } from './verification.service';

export { didWebFor } from './signing-keys.service';
export type { StatusChangeInput } from './status-changes.service';
export type { SignedAuditCheckpoint } from './transparency-log.service';
export type { VerifyResponse } from './verification.service';

/**
 * Certificates and the trust they rest on, as one service for the rest of the server: the administration's keys,
 * issuance, suspension / reinstatement / revocation, the two status lists, the transparency log, verification and
 * the public register. Each job lives in its own service (the parts below); this only composes them. Every write
 * goes through one TrustWriter, so numbers, status indexes and log leaves are handed out in one order.
 */
export class TrustService {
  readonly keys: SigningKeysService;
  readonly statusLists: StatusListsService;
  readonly log: TransparencyLogService;
  readonly certificates: CertificatesService;
  readonly statusChanges: StatusChangesService;
  readonly verification: VerificationService;
  readonly register: PublicRegisterService;
  private readonly writer: TrustWriter;

  constructor(
    db: Db,
    private readonly config: Config,
    audit: AuditService,
    programme: ProgrammeService,
    organisations: OrganisationsService,
    notifications: NotificationsService,
    riskSettings: RiskSettingsService,
    authorisations: AuthorisationsService,
  ) {
    const repository = new TrustRepository();
    this.keys = new SigningKeysService(db, config, audit, repository);
    this.writer = new TrustWriter(db, repository, this.keys);
    this.log = new TransparencyLogService(db, config, repository, this.writer);
    this.statusLists = new StatusListsService(db, config, repository, this.writer, this.keys);
    const parts: TrustParts = {
      db,
      config,
      repository,
      writer: this.writer,
      keys: this.keys,
      statusLists: this.statusLists,
      log: this.log,
      trustedTraders: new TrustedTraderSync(repository, authorisations, riskSettings),
      audit,
      notifications,
      organisations,
      programme,
      authorisations,
    };
    this.certificates = new CertificatesService(parts);
    this.statusChanges = new StatusChangesService(parts, this.certificates);
    this.verification = new VerificationService(parts);
    this.register = new PublicRegisterService(parts);
  }

  get did(): string {
    return this.keys.did;
  }

  get logOrigin(): string {
    return this.log.logOrigin;
  }

  statusListUrl(purpose: StatusPurpose): string {
    return this.statusLists.statusListUrl(purpose);
  }

  // ----- keys and trust list ------------------------------------------------------------------------------------

  getJwks() {
    return this.keys.getJwks();
  }

  getDidDocument() {
    return this.keys.getDidDocument();
  }

  listKeys() {
    return this.keys.listKeys();
  }

  /** A new key signs from now on; the old one stays published (retired) so what it signed still verifies. */
  async rotateSigningKey(context: RequestContext) {
    if (this.config.trust.signingKeyFile) {
      throw conflict(
        'The signing key comes from TRUST_SIGNING_KEY_FILE: put the new key in that file and restart.',
      );
    }
    await this.keys.ensureKeys(context.now);
    const kid = await this.keys.generateKey(context);
    // Status lists and the checkpoint are re-signed at once, so everything current speaks with the new key.
    await this.writer.write(context.now, async (trx, signer) => {
      await this.statusLists.publishStatusLists(trx, signer, context.now);
      await this.log.resignCheckpoint(trx, signer, context.now);
    });
    return { kid, keys: await this.keys.listKeys() };
  }

  trustList(): Promise<TrustList> {
    return this.keys.trustList();
  }

  trustListJson(): Promise<TrustListJson> {
    return this.keys.trustListJson();
  }

  // ----- transparency log ---------------------------------------------------------------------------------------

  anchorAuditCheckpoint<T>(now: Date, anchor: AuditCheckpointAnchor<T>): Promise<T> {
    return this.log.anchorAuditCheckpoint(now, anchor);
  }

  listAuditCheckpointLeaves() {
    return this.log.listAuditCheckpointLeaves();
  }

  getCheckpoint(now: Date) {
    return this.log.getCheckpoint(now);
  }

  inclusionProof(leafIndex: number, treeSize?: number) {
    return this.log.inclusionProof(leafIndex, treeSize);
  }

  consistencyProof(fromSize: number, toSize?: number) {
    return this.log.consistencyProof(fromSize, toSize);
  }

  listLogEntries(from: number, limit: number) {
    return this.log.listLogEntries(from, limit);
  }

  // ----- status lists -------------------------------------------------------------------------------------------

  getStatusList(purpose: StatusPurpose, now: Date): Promise<string> {
    return this.statusLists.getStatusList(purpose, now);
  }

  refreshStatusListsIfDue(now: Date): Promise<boolean> {
    return this.statusLists.refreshStatusListsIfDue(now);
  }

  // ----- certificates and status changes ------------------------------------------------------------------------

  getCertificate(context: RequestContext, authorisationId: string) {
    return this.certificates.getCertificate(context, authorisationId);
  }

  ensureCertificate(context: RequestContext, authorisationId: string): Promise<CertificateRow> {
    return this.certificates.ensureCertificate(context, authorisationId);
  }

  getCertificatePdf(context: RequestContext, authorisationId: string) {
    return this.certificates.getCertificatePdf(context, authorisationId);
  }

  issuePendingCertificates(now: Date, limit?: number): Promise<number> {
    return this.certificates.issuePendingCertificates(now, limit);
  }

  changeStatus(context: RequestContext, authorisationId: string, input: StatusChangeInput) {
    return this.statusChanges.changeStatus(context, authorisationId, input);
  }

  listStatusChanges(context: RequestContext, authorisationId: string) {
    return this.statusChanges.listStatusChanges(context, authorisationId);
  }

  // ----- verification and the public register -------------------------------------------------------------------

  verify(now: Date, input: { credential?: string | undefined; pdf?: Uint8Array | undefined }) {
    return this.verification.verify(now, input);
  }

  searchRegister(now: Date, filter: RegisterFilter) {
    return this.register.searchRegister(now, filter);
  }

  getRegisterConsent(context: RequestContext, operatorId: string) {
    return this.register.getRegisterConsent(context, operatorId);
  }

  setRegisterConsent(context: RequestContext, operatorId: string, isPublished: boolean) {
    return this.register.setRegisterConsent(context, operatorId, isPublished);
  }

  recordRegisterConsent(
    context: RequestContext,
    operatorId: string,
    isPublished: boolean,
    onBehalfOfOperatorId: string | null = null,
  ): Promise<void> {
    return this.register.recordRegisterConsent(context, operatorId, isPublished, onBehalfOfOperatorId);
  }

  publishDemoHolders(context: RequestContext): Promise<number> {
    return this.register.publishDemoHolders(context);
  }

  // ----- scheduler ----------------------------------------------------------------------------------------------

  /** Called every scheduler tick: certificates for new grants, status lists re-signed at least daily. */
  async runScheduled(now: Date): Promise<{ issued: number; isStatusListRefreshed: boolean }> {
    const issued = await this.certificates.issuePendingCertificates(now);
    const isStatusListRefreshed = await this.statusLists.refreshStatusListsIfDue(now);
    return { issued, isStatusListRefreshed };
  }
}
