import type { Config } from '../../platform/config';
import type { Db } from '../../platform/database';
import type { AuditService } from '../audit/audit.service';
import type { AuthorisationsService } from '../authorisations/authorisations.service';
import type { NotificationsService } from '../notifications/notifications.service';
import type { OrganisationsService } from '../organisations/organisations.service';
import type { ProgrammeService } from '../programme/programme.service';
import type { SigningKeysService } from './signing-keys.service';
import type { StatusListsService } from './status-lists.service';
import type { TransparencyLogService } from './transparency-log.service';
import type { TrustWriter } from './trust-writer';
import type { TrustRepository } from './trust.repository';
import type { TrustedTraderSync } from './trusted-trader-sync';

/** What the trust module's services are built from; each takes the parts it uses (a `Pick` of this). */
export interface TrustParts {
  db: Db;
  config: Config;
  repository: TrustRepository;
  writer: TrustWriter;
  keys: SigningKeysService;
  statusLists: StatusListsService;
  log: TransparencyLogService;
  trustedTraders: TrustedTraderSync;
  audit: AuditService;
  notifications: NotificationsService;
  organisations: OrganisationsService;
  programme: ProgrammeService;
  authorisations: AuthorisationsService;
}

/**
 * What a service that changes the trust state of an authorisation (its certificate, its status) uses: the trust
 * write with its status lists, log and trusted-trader list, the audit trail and the holder's notification.
 */
export type TrustChangeParts = Pick<
  TrustParts,
  | 'db'
  | 'repository'
  | 'writer'
  | 'statusLists'
  | 'log'
  | 'trustedTraders'
  | 'audit'
  | 'notifications'
  | 'organisations'
  | 'authorisations'
>;
