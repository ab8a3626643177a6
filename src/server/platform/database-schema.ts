import type { AccountsTables } from '../modules/accounts/accounts.tables';
import type { ApplicationsTables } from '../modules/applications/applications.tables';
import type { AuditTables } from '../modules/audit/audit.tables';
import type { AuthorisationsTables } from '../modules/authorisations/authorisations.tables';
import type { NotificationsTables } from '../modules/notifications/notifications.tables';
import type { OrganisationsTables } from '../modules/organisations/organisations.tables';
import type { ProgrammeTables } from '../modules/programme/programme.tables';
import type { RiskTables } from '../modules/risk/risk.tables';
import type { TrustTables } from '../modules/trust/trust.tables';
import type { ValidationTables } from '../modules/validation/validation.tables';

/**
 * The whole schema as Kysely sees it: each module declares the tables it owns in its `*.tables.ts`, and only that
 * module's repository queries them.
 */
export interface Database
  extends
    AccountsTables,
    AuditTables,
    OrganisationsTables,
    NotificationsTables,
    ProgrammeTables,
    ApplicationsTables,
    RiskTables,
    ValidationTables,
    AuthorisationsTables,
    TrustTables {}
