import type { Config } from './platform/config';
import type { Db } from './platform/database';
import { ApiKeysService } from './modules/accounts/api-keys.service';
import { SessionsService } from './modules/accounts/sessions.service';
import { UsersService } from './modules/accounts/users.service';
import { AuditService } from './modules/audit/audit.service';
import { createMailer, type Mailer } from './modules/notifications/mailer';
import { NotificationsService } from './modules/notifications/notifications.service';
import { OrganisationsService } from './modules/organisations/organisations.service';
import { ProgrammeService } from './modules/programme/programme.service';
import { applicantAuditView } from './modules/applications/applicant-audit-view';
import { ApplicationsService } from './modules/applications/applications.service';
import { ValidationService } from './modules/validation/validation.service';
import { AuthorisationsService } from './modules/authorisations/authorisations.service';
import { DeclarationsRepository } from './modules/risk/declarations.repository';
import { DeclarationsService } from './modules/risk/declarations.service';
import { DecisionWriter } from './modules/risk/decision-writer';
import { RiskDecider } from './modules/risk/risk-decider';
import { RiskModelsRepository } from './modules/risk/risk-models.repository';
import { RiskModelsService } from './modules/risk/risk-models.service';
import { RiskSettingsRepository } from './modules/risk/risk-settings.repository';
import { RiskSettingsService } from './modules/risk/risk-settings.service';
import { ScoringPool } from './modules/risk/scoring-pool';
import { AuditAnchorService } from './modules/trust/audit-anchor.service';
import { TrustService } from './modules/trust/trust.service';

/** Every module's service, wired once; routes, the CLI, the seed and the scheduler all use these. */
export interface Services {
  audit: AuditService;
  users: UsersService;
  sessions: SessionsService;
  apiKeys: ApiKeysService;
  notifications: NotificationsService;
  organisations: OrganisationsService;
  programme: ProgrammeService;
  applications: ApplicationsService;
  validation: ValidationService;
  authorisations: AuthorisationsService;
  declarations: DeclarationsService;
  riskSettings: RiskSettingsService;
  riskModels: RiskModelsService;
  riskDecider: RiskDecider;
  scoringPool: ScoringPool;
  trust: TrustService;
  /** Signed checkpoints of the audit chain (trust module: it signs and logs them). */
  auditAnchor: AuditAnchorService;
}

export function createServices(
  db: Db,
  config: Config,
  mailer: Mailer | undefined = createMailer(config),
): Services {
  const audit = new AuditService(db);
  const users = new UsersService(db, config, audit);
  // An operator's users read the trail of its records as the applicant's case timeline shows them.
  audit.useOperatorView(async (operatorId) =>
    applicantAuditView(new Set((await users.listOperatorUsers(operatorId)).map((user) => user.id))),
  );
  const notifications = new NotificationsService(db, users, audit, mailer, config.publicUrl);
  const organisations = new OrganisationsService(db, audit, users, notifications, config.publicUrl);
  const programme = new ProgrammeService(db, audit);
  // Applications asks authorisations for re-application bars; authorisations reads cases and rejections back lazily.
  const authorisations: AuthorisationsService = new AuthorisationsService(
    db,
    programme,
    () => applications,
    () => validation,
  );
  const applications: ApplicationsService = new ApplicationsService(
    db,
    audit,
    programme,
    organisations,
    notifications,
    authorisations,
  );
  const scoringPool = new ScoringPool(config.scoringThreads);
  const declarationsRepository = new DeclarationsRepository();
  const settingsRepository = new RiskSettingsRepository();
  const modelsRepository = new RiskModelsRepository();
  const riskDecider = new RiskDecider(
    db,
    settingsRepository,
    modelsRepository,
    declarationsRepository,
    programme,
    scoringPool,
  );
  const riskModels = new RiskModelsService(
    db,
    modelsRepository,
    declarationsRepository,
    settingsRepository,
    audit,
    () => riskDecider,
  );
  const writer = new DecisionWriter(db, declarationsRepository, settingsRepository, audit);
  const riskSettings = new RiskSettingsService(db, settingsRepository, audit, programme, () => riskDecider);
  const validation = new ValidationService(
    db,
    audit,
    programme,
    organisations,
    notifications,
    applications,
    authorisations,
  );
  const trust = new TrustService(
    db,
    config,
    audit,
    programme,
    organisations,
    notifications,
    riskSettings,
    authorisations,
  );
  return {
    audit,
    users,
    sessions: new SessionsService(db, config, audit),
    apiKeys: new ApiKeysService(db, audit),
    notifications,
    organisations,
    programme,
    applications,
    validation,
    authorisations,
    declarations: new DeclarationsService(db, declarationsRepository, riskDecider, writer, riskModels, audit),
    riskSettings,
    riskModels,
    riskDecider,
    scoringPool,
    trust,
    auditAnchor: new AuditAnchorService(config, audit, trust),
  };
}
