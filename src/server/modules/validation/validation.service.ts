import type { Db } from '../../platform/database';
import type { AuditService } from '../audit/audit.service';
import type { NotificationsService } from '../notifications/notifications.service';
import type { OrganisationsService } from '../organisations/organisations.service';
import type { ProgrammeService } from '../programme/programme.service';
import type { ApplicationsService } from '../applications/applications.service';

/** The AEO office's work on an accepted application, from desk review to a decision that can be appealed. */
export class ValidationService {
  constructor(
    readonly db: Db,
    readonly audit: AuditService,
    readonly programme: ProgrammeService,
    readonly organisations: OrganisationsService,
    readonly notifications: NotificationsService,
    readonly applications: ApplicationsService,
  ) {}
}
