import { beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../platform/request-context';
import { contextFor } from '../../seed/demo-applications';
import { useTestApp, factories } from '../../../../tests/support/test-app';
import { addDuration } from '../../../programme-core';
import { acceptedCase, clientFor, useStaff, reviewAll } from './validation.test-support';

const DAY = 86_400_000;
const t = useTestApp();
const staff = useStaff(t);

/** This file's administration runs a programme with two signatures (the second at headquarters) and a 6-month bar. */
beforeAll(async () => {
  // The cases of this file are handled by the local office (its managers sign the first level there).
  await t.services.organisations.updateOffice(systemContext(t.clock.now(), 'test'), staff.local.id, {
    regions: ['Almaty'],
  });
  const { definition } = await t.services.programme.getActive();
  await t.services.programme.loadVersion(systemContext(t.clock.now(), 'test'), {
    ...definition,
    version: `${definition.version}-two-signatures`,
    clocks: { ...definition.clocks, reapplicationBarAfterRejection: { amount: 6, unit: 'months' } },
    signOff: {
      levels: [
        {
          id: 'senior',
          title: { en: 'Senior officer', ru: 'Старшее должностное лицо' },
          roles: ['aeo_manager'],
        },
        {
          id: 'hq',
          title: { en: 'Headquarters', ru: 'Центральный аппарат' },
          roles: ['aeo_manager'],
          headquarters: true,
        },
      ],
    },
  });
});

function documentKinds(items: Array<{ kind: string; language: string }>): string[] {
  return items.map((d) => `${d.kind}:${d.language}`).sort();
}

describe('sign-off in levels', () => {
  it('keeps the case awaiting sign-off until the last level, each level by another person with its role and office', async () => {
    const made = await acceptedCase(t, staff, 'Two Signatures LLP');
    const url = `/api/v1/applications/${made.applicationId}`;
    await reviewAll(t, staff, made.applicationId);
    const validator = await clientFor(t, staff.validator);
    expect(
      (await validator.request('POST', `${url}/report`, { body: { recommendation: 'grant' } })).statusCode,
    ).toBe(201);
    expect((await validator.request('POST', `${url}/sign-off/request`)).statusCode).toBe(200);

    const localManager = await factories.user(t, { roles: ['aeo_manager'], officeId: staff.local.id });
    const local = await clientFor(t, localManager);
    const seenByValidator = (await validator.request('GET', `${url}/validation`)).json();
    expect(seenByValidator.allowedActions).not.toContain('sign_off');
    const seenByLocal = (await local.request('GET', `${url}/validation`)).json();
    expect(seenByLocal.allowedActions).toEqual(expect.arrayContaining(['sign_off', 'return_for_rework']));
    expect(seenByLocal.signOff).toMatchObject({
      nextLevel: 1,
      levels: [
        { number: 1, id: 'senior', signedBy: null },
        { number: 2, id: 'hq', headquarters: true, signedBy: null },
      ],
    });

    const first = await local.request('POST', `${url}/sign-off`, { body: { outcome: 'approved' } });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().status).toBe('awaiting_sign_off');
    const afterFirst = (await local.request('GET', `${url}/validation`)).json();
    expect(afterFirst.signOff).toMatchObject({
      nextLevel: 2,
      levels: [{ signedBy: localManager.id, signedByName: localManager.name }, { signedBy: null }],
    });
    // The second level is headquarters': the local manager may not sign it (nor sign twice).
    expect(afterFirst.allowedActions).not.toContain('sign_off');
    const again = await local.request('POST', `${url}/sign-off`, { body: { outcome: 'approved' } });
    expect(again.statusCode).toBe(403);

    const hq = await clientFor(t, staff.signer);
    const second = await hq.request('POST', `${url}/sign-off`, { body: { outcome: 'approved' } });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json().status).toBe('ready_for_decision');

    // Four eyes: neither signer decides.
    for (const signer of [local, hq]) {
      const view = (await signer.request('GET', `${url}/validation`)).json();
      expect(view.allowedActions).not.toContain('grant');
      const refused = await signer.request('POST', `${url}/decision/grant`, { body: {} });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.details).toMatchObject({ reason: 'four_eyes', rule: 'decider_signed_off' });
    }
    const decider = await clientFor(t, staff.decider);
    expect((await decider.request('GET', `${url}/validation`)).json().allowedActions).toContain('grant');

    const audit = await t.database.db
      .selectFrom('audit_event')
      .select('action')
      .where('entity_id', '=', made.applicationId)
      .where('action', 'like', 'validation.sign_off%')
      .execute();
    expect(audit.map((row) => row.action)).toContain('validation.sign_off_level_approved');
  });

  it('needs every level again once a report is returned', async () => {
    const made = await acceptedCase(t, staff, 'Returned Report LLP');
    const url = `/api/v1/applications/${made.applicationId}`;
    await reviewAll(t, staff, made.applicationId);
    const validator = await clientFor(t, staff.validator);
    await validator.request('POST', `${url}/report`, { body: { recommendation: 'grant' } });
    await validator.request('POST', `${url}/sign-off/request`);
    const hq = await clientFor(t, staff.signer);
    expect((await hq.request('POST', `${url}/sign-off`, { body: { outcome: 'approved' } })).statusCode).toBe(
      200,
    );
    const returned = await hq.request('POST', `${url}/sign-off`, {
      body: { outcome: 'returned', note: 'Second look needed' },
    });
    // The same person cannot act on the second level, not even to return.
    expect(returned.statusCode).toBe(403);
    const other = await clientFor(t, staff.appealReviewer);
    const back = await other.request('POST', `${url}/sign-off`, {
      body: { outcome: 'returned', note: 'Visit the warehouse first.' },
    });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json().status).toBe('desk_review');
    await validator.request('POST', `${url}/report`, { body: { recommendation: 'grant' } });
    await validator.request('POST', `${url}/sign-off/request`);
    const view = (await hq.request('GET', `${url}/validation`)).json();
    expect(view.signOff).toMatchObject({ nextLevel: 1, levels: [{ signedBy: null }, { signedBy: null }] });
  });
});

describe('official letters of intake', () => {
  it('keeps the acceptance letter and the request for information in the case’s documents, in both languages', async () => {
    const made = await acceptedCase(t, staff, 'Accepted Letter LLP');
    const url = `/api/v1/applications/${made.applicationId}`;
    const documents = (await made.client.request('GET', `${url}/documents`)).json().items;
    expect(documentKinds(documents)).toEqual(['acceptance:en', 'acceptance:ru']);
    const english = documents.find((d: { language: string }) => d.language === 'en');
    const pdf = await made.client.request('GET', `${url}/documents/${english.id}`);
    expect(pdf.headers['content-type']).toBe('application/pdf');

    const operator = await factories.operator(t, 'Asked For More LLP');
    const owner = await factories.user(t, {
      roles: ['operator'],
      operatorId: operator.id,
      operatorRights: ['view', 'prepare', 'submit'],
    });
    const asOwner = contextFor(owner, t.clock.now());
    const type = (await t.services.programme.getActive()).definition.authorisationTypes[0]!.id;
    const application = await t.services.applications.create(asOwner, { authorisationType: type });
    const { answerQuestionnaire } = await import('../../seed/demo-applications');
    await answerQuestionnaire(t.services, asOwner, application.id);
    await t.services.applications.submit(asOwner, application.id);
    const manager = await clientFor(t, staff.signer);
    const asked = await manager.request('POST', `/api/v1/applications/${application.id}/acceptance`, {
      body: { outcome: 'information_requested', reason: 'Send the 2025 audited accounts.' },
    });
    expect(asked.statusCode, asked.body).toBe(200);
    const client = await clientFor(t, owner);
    const letters = (await client.request('GET', `/api/v1/applications/${application.id}/documents`)).json()
      .items;
    expect(documentKinds(letters)).toEqual(['information_request:en', 'information_request:ru']);
  });
});

describe('reapplication bar after a rejection', () => {
  it('tells the rejected operator until when it is barred and refuses a new application before that date', async () => {
    const made = await acceptedCase(t, staff, 'Barred Trading LLP');
    const url = `/api/v1/applications/${made.applicationId}`;
    await reviewAll(t, staff, made.applicationId, () => 'unsatisfactory');
    const validator = await clientFor(t, staff.validator);
    await validator.request('POST', `${url}/report`, { body: { recommendation: 'reject' } });
    await validator.request('POST', `${url}/sign-off/request`);
    const local = await clientFor(
      t,
      await factories.user(t, { roles: ['aeo_manager'], officeId: staff.local.id }),
    );
    expect(
      (await local.request('POST', `${url}/sign-off`, { body: { outcome: 'approved' } })).statusCode,
    ).toBe(200);
    expect(
      (
        await (
          await clientFor(t, staff.signer)
        ).request('POST', `${url}/sign-off`, { body: { outcome: 'approved' } })
      ).statusCode,
    ).toBe(200);
    const decider = await clientFor(t, staff.decider);
    await decider.request('POST', `${url}/intended-rejection`, {
      body: { reasons: 'Records are not kept.' },
    });
    await made.client.request('POST', `${url}/intended-rejection/reply`, { body: { reply: 'We disagree.' } });
    const rejected = await decider.request('POST', `${url}/decision/rejection`, {
      body: { grounds: 'Records are not kept.', rulesReliedOn: ['TFA Art. 7.7.3(a)'] },
    });
    expect(rejected.statusCode, rejected.body).toBe(201);
    const barredUntil = addDuration(t.clock.now().toISOString().slice(0, 10), { amount: 6, unit: 'months' });
    expect(rejected.json().decision.barredUntil).toBe(barredUntil);

    const decision = (await made.client.request('GET', `${url}/decision`)).json();
    expect(decision.decision.barredUntil).toBe(barredUntil);
    const letter = await t.database.db
      .selectFrom('case_document')
      .select(['language', 'body_text'])
      .where('application_id', '=', made.applicationId)
      .where('kind', '=', 'decision_rejected')
      .execute();
    expect(letter.find((row) => row.language === 'en')?.body_text).toContain(`before ${barredUntil}`);
    expect(letter.find((row) => row.language === 'ru')?.body_text).toContain(`не ранее ${barredUntil}`);

    const type = (await t.services.programme.getActive()).definition.authorisationTypes[0]!.id;
    const refused = await made.client.request('POST', '/api/v1/applications', {
      body: { authorisationType: type },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.details).toMatchObject({
      reason: 'reapplication_barred',
      barredUntil,
      cause: 'rejection',
    });

    const days = Math.round((Date.parse(barredUntil) - t.clock.now().getTime()) / DAY) + 1;
    t.clock.advance(days * DAY);
    try {
      // Six months on the session has long expired: sign in again.
      const later = await clientFor(t, made.owner);
      const allowed = await later.request('POST', '/api/v1/applications', {
        body: { authorisationType: type },
      });
      expect(allowed.statusCode, allowed.body).toBe(201);
    } finally {
      t.clock.advance(-days * DAY);
    }
  });
});
