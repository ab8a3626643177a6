import type { Trx } from '../../platform/database';
import type { RequestContext } from '../../platform/request-context';
import type { RiskSettingsService } from '../risk/risk-settings.service';
import type { AuthorisationsService } from '../authorisations/authorisations.service';
import type { AuthorisationForCertificate, CertificateRow, TrustRepository } from './trust.repository';

/** The risk engine's trusted-trader entry follows the authorisation, in the same transaction. */
export class TrustedTraderSync {
  constructor(
    private readonly repository: TrustRepository,
    private readonly authorisations: AuthorisationsService,
    private readonly riskSettings: RiskSettingsService,
  ) {}

  async sync(
    trx: Trx,
    context: RequestContext,
    authorisation: AuthorisationForCertificate,
    certificate: CertificateRow,
  ): Promise<void> {
    // The list has one entry per party, and a party may hold several types: revoking one type (a partial
    // revocation) must not end the facilitation another type still earns. The entry follows the best status held.
    const held = await Promise.all(
      (await this.authorisations.listOperatorAuthorisations(trx, authorisation.operatorId)).map(
        async (row) =>
          row.id === authorisation.id
            ? { ...row, status: authorisation.status, valid_until: certificate.valid_until }
            : {
                ...row,
                valid_until:
                  (await this.repository.findCertificateByAuthorisation(trx, row.id))?.valid_until ?? null,
              },
      ),
    );
    const rank = { active: 0, suspended: 1, revoked: 2 } as const;
    const best = held.sort(
      (a, b) =>
        rank[a.status] - rank[b.status] || (b.valid_until?.getTime() ?? 0) - (a.valid_until?.getTime() ?? 0),
    )[0];
    if (!best) return;
    await this.riskSettings.upsertTrustedTraders(
      context,
      [
        {
          partyId: authorisation.taxpayerId,
          status: best.status,
          authorisationType: best.authorisation_type,
          tier: best.tier,
          source: 'national',
          legalName: authorisation.legalName,
          validUntil: best.valid_until?.toISOString().slice(0, 10) ?? null,
        },
      ],
      'authorisation',
      trx,
    );
  }
}
