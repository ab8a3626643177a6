import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { UserDto } from '../accounts/accounts.presenters';
import { useTestApp, factories } from '../../../../tests/support/test-app';
import { clientFor, useStaff } from './validation.test-support';

const t = useTestApp();
const staff = useStaff(t);

/** The list's page size (decision.service.ts). */
const LIST_LIMIT = 500;

/**
 * `count` granted cases of one office, each with its authorisation granted at `grantedAt`, written in three
 * statements: a list over its limit needs hundreds, more than the API can grant in a test's time.
 */
async function grantedInOffice(officeId: string, count: number, grantedAt: Date): Promise<string[]> {
  const operator = await factories.operator(t, 'Seeded Holder LLP');
  const version = await t.services.programme.getActive();
  const type = version.definition.authorisationTypes[0]!.id;
  const by = staff.decider.id;
  const { rows } = await sql<{ id: string }>`
    with app as (
      insert into application (reference, operator_id, programme_version_id, authorisation_type, variant, is_sme,
        status, office_id, created_by, created_at)
      select 'SEED-' || gen_random_uuid(), ${operator.id}, ${version.id}, ${type}, 'standard', false, 'granted',
        ${officeId}, ${by}, ${grantedAt}
      from generate_series(1, ${count})
      returning id
    ), decision as (
      insert into case_decision (application_id, outcome, authorisation_type, tier, decided_by, decided_at)
      select id, 'granted', ${type}, 'standard', ${by}, ${grantedAt} from app
      returning id, application_id
    )
    insert into authorisation (operator_id, application_id, decision_id, programme_version_id, authorisation_type,
      tier, effective_date, granted_by, granted_at)
    select ${operator.id}, application_id, id, ${version.id}, ${type}, 'standard', ${grantedAt.toISOString().slice(0, 10)},
      ${by}, ${grantedAt}
    from decision
    returning id`.execute(t.database.db);
  return rows.map((row) => row.id);
}

describe('GET /api/v1/authorisations', () => {
  it('scopes the list before its limit: an office sees its own older authorisations under a flood of another office’s', async () => {
    const north = await factories.office(t.services, 'local');
    const day = (offset: number) => new Date(t.clock.now().getTime() + offset * 86_400_000);
    // Oldest and newest in the local office; in between, more than a page of the north office's.
    const [oldest] = await grantedInOffice(staff.local.id, 1, day(-30));
    const flood = await grantedInOffice(north.id, LIST_LIMIT, day(-20));
    const [newest] = await grantedInOffice(staff.local.id, 1, day(-10));

    const ids = async (user: UserDto) => {
      const response = await (await clientFor(t, user)).request('GET', '/api/v1/authorisations');
      expect(response.statusCode, response.body).toBe(200);
      return response.json<{ items: { id: string }[] }>().items.map((item) => item.id);
    };

    const localManager = await factories.user(t, { roles: ['aeo_manager'], officeId: staff.local.id });
    expect(await ids(localManager)).toEqual([newest, oldest]);
    // So does a validator of that office.
    expect(await ids(staff.validator)).toEqual([newest, oldest]);

    const northManager = await factories.user(t, { roles: ['aeo_manager'], officeId: north.id });
    const northIds = await ids(northManager);
    expect(northIds).toHaveLength(LIST_LIMIT);
    expect(new Set(northIds)).toEqual(new Set(flood));

    // Headquarters sees every office: the newest page holds the local office's newest and the north office's.
    const headquartersIds = await ids(staff.signer);
    expect(headquartersIds).toHaveLength(LIST_LIMIT);
    expect(headquartersIds[0]).toBe(newest);
    expect(headquartersIds.slice(1).every((id) => flood.includes(id))).toBe(true);

    // A risk analyst does not work on cases.
    const analyst = await factories.user(t, { roles: ['risk_analyst'] });
    expect(await ids(analyst)).toEqual([]);
  });
});
