import type { UserDto } from '../accounts/accounts.presenters';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  createTestApp,
  factories,
  signIn,
  TestClient,
  useForFile,
  type TestApp,
} from '../../../../tests/support/test-app';

/** A test app whose generated signing keys go to a fresh temporary folder. */
export async function createTrustTestApp(environment: Record<string, string> = {}) {
  const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'openaeo-trust-keys-'));
  const t = await createTestApp({
    PUBLIC_URL: 'https://customs.example.kz',
    TRUST_KEY_DIR: keyDir,
    ...environment,
  });
  return {
    ...t,
    keyDir,
    close: async () => {
      await t.close();
      fs.rmSync(keyDir, { recursive: true, force: true });
    },
  };
}

export async function createManager(t: TestApp) {
  const headquarters = await factories.office(t.services, 'headquarters');
  const manager = await factories.user(t, { roles: ['aeo_manager'], officeId: headquarters.id });
  return { manager, client: await signIn(t.app, manager.email) };
}

export type TrustTestApp = Awaited<ReturnType<typeof createTrustTestApp>> & {
  /** An AEO manager at headquarters, who decides the authorisations the tests make. */
  manager: UserDto;
  managerClient: TestClient;
  anonymous: TestClient;
};

/**
 * Like `useTestApp`, for a test file of the trust routes: registers the beforeAll that builds the app (with its key
 * folder), an AEO manager signed in and an anonymous client, and the afterAll that closes it all; returns an object
 * that stands for them once built.
 */
export function useTrustTestApp(): TrustTestApp {
  return useForFile(async () => {
    const t = await createTrustTestApp();
    const { manager, client } = await createManager(t);
    return { ...t, manager, managerClient: client, anonymous: new TestClient(t.app) };
  });
}

/**
 * A granted authorisation made with direct inserts (application, decision, authorisation), so these tests do not
 * depend on the validation workflow; the rows have the shape the validation module's grant writes.
 */
export async function createAuthorisation(
  t: TestApp,
  options: {
    name?: string;
    effectiveDate?: string;
    decidedBy: string;
    /** A further authorisation (another type) of an operator made earlier. */
    holder?: { operator: Awaited<ReturnType<typeof factories.operator>>; owner: UserDto };
    /** The authorisation type's id as it will be stored (defaults to the programme's first type). */
    typeId?: string;
  },
) {
  const operator =
    options.holder?.operator ?? (await factories.operator(t, options.name ?? 'Steppe Trading LLP'));
  const owner =
    options.holder?.owner ??
    (await factories.user(t, {
      roles: ['operator'],
      operatorId: operator.id,
      operatorRights: ['view', 'prepare', 'submit', 'manage_users'],
    }));
  const programme = await t.services.programme.getActive();
  const firstType = programme.definition.authorisationTypes[0]!;
  const type = { ...firstType, id: options.typeId ?? firstType.id };
  const db = t.database.db;
  const application = await db
    .insertInto('application')
    .values({
      reference: `T-${randomUUID().slice(0, 8)}`,
      operator_id: operator.id,
      programme_version_id: programme.id,
      authorisation_type: type.id,
      variant: 'standard',
      is_sme: true,
      status: 'granted',
      created_by: owner.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const decision = await db
    .insertInto('case_decision')
    .values({
      application_id: application.id,
      outcome: 'granted',
      authorisation_type: type.id,
      tier: type.tiers[0]!.id,
      grounds: 'All criteria met',
      rules_relied_on: [],
      decided_by: options.decidedBy,
      effective_date: options.effectiveDate ?? '2026-03-01',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const authorisation = await db
    .insertInto('authorisation')
    .values({
      operator_id: operator.id,
      application_id: application.id,
      decision_id: decision.id,
      programme_version_id: programme.id,
      authorisation_type: type.id,
      tier: type.tiers[0]!.id,
      site_ids: [],
      sites: JSON.stringify([
        { id: randomUUID(), kind: 'head_office', name: 'Head office', address: '1 Test Street, Almaty' },
      ]),
      effective_date: options.effectiveDate ?? '2026-03-01',
      granted_by: options.decidedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return {
    authorisationId: authorisation.id,
    operator,
    owner,
    ownerClient: await signIn(t.app, owner.email),
  };
}
