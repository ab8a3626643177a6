import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { multipart, tinyPng } from '../../../../tests/support/upload-files';
import { useTestApp, factories, signIn } from '../../../../tests/support/test-app';
import { contextFor } from '../../seed/demo-applications';
import { acceptedCase, clientFor, useStaff, reviewAll } from './validation.test-support';

const t = useTestApp();
const staff = useStaff(t);

interface ChecklistItemDto {
  id: string;
  photos: Array<{ id: string; fileName: string; caption: string; takenAt: string; size: number }>;
}

/** A case in desk review with a generated checklist. */
async function caseWithChecklist(name: string) {
  const made = await acceptedCase(t, staff, name);
  let index = 0;
  await reviewAll(t, staff, made.applicationId, () =>
    index++ % 4 === 0 ? 'needs_improvement' : 'satisfactory',
  );
  const validator = await clientFor(t, staff.validator);
  const url = `/api/v1/applications/${made.applicationId}`;
  const generated = await validator.request('POST', `${url}/visit/checklist`);
  expect(generated.statusCode).toBe(200);
  const items = generated.json<{ items: ChecklistItemDto[] }>().items;
  expect(items.length).toBeGreaterThan(0);
  return { ...made, validator, url, item: items[0]! };
}

async function checklistItem(made: Awaited<ReturnType<typeof caseWithChecklist>>) {
  const visit = await made.validator.request('GET', `${made.url}/visit`);
  return visit.json<{ checklist: ChecklistItemDto[] }>().checklist.find((i) => i.id === made.item.id)!;
}

describe('checklist photos', () => {
  it('adds a photo to a checklist item, lists it on the item, serves the same bytes and counts it in the report', async () => {
    const made = await caseWithChecklist('Photographed LLP');
    const photosUrl = `${made.url}/visit/checklist/${made.item.id}/photos`;
    const png = tinyPng();

    const added = await made.validator.request(
      'POST',
      photosUrl,
      multipart('gate.png', png, { caption: '  Gate 2, camera housing  ' }),
    );
    expect(added.statusCode).toBe(201);
    const photo = added.json();
    expect(photo).toEqual({
      id: expect.any(String),
      fileName: 'gate.png',
      mediaType: 'image/png',
      size: png.length,
      caption: 'Gate 2, camera housing',
      takenAt: t.clock.now().toISOString(),
    });

    expect((await checklistItem(made)).photos).toEqual([
      {
        id: photo.id,
        fileName: 'gate.png',
        caption: 'Gate 2, camera housing',
        takenAt: photo.takenAt,
        size: png.length,
      },
    ]);

    const image = await made.validator.request('GET', `${photosUrl}/${photo.id}`);
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(image.rawPayload, png)).toBe(0);

    const timeline = await t.services.audit.listForEntity('application', made.applicationId);
    const audited = timeline.find((event) => event.action === 'validation.photo_added');
    expect(audited?.summary).toMatchObject({ itemId: made.item.id, photoId: photo.id, size: png.length });
    expect(JSON.stringify(audited?.summary)).not.toContain(png.toString('base64'));

    const report = await t.services.validation.reports.issue(
      contextFor(staff.validator, t.clock.now()),
      made.applicationId,
      { recommendation: 'grant' },
    );
    const sections = (report.report.internal_content as { sections: { lines: string[] }[] }).sections;
    expect(sections.flatMap((section) => section.lines).some((line) => line.endsWith('; 1 photo'))).toBe(
      true,
    );
  });

  it('removes a photo while the visit is open, and audits it', async () => {
    const made = await caseWithChecklist('Retaken LLP');
    const photosUrl = `${made.url}/visit/checklist/${made.item.id}/photos`;
    const photo = (
      await made.validator.request('POST', photosUrl, multipart('blurred.png', tinyPng()))
    ).json();

    const removed = await made.validator.request('DELETE', `${photosUrl}/${photo.id}`);
    expect(removed.statusCode).toBe(204);
    expect((await checklistItem(made)).photos).toEqual([]);
    expect((await made.validator.request('GET', `${photosUrl}/${photo.id}`)).statusCode).toBe(404);
    expect((await made.validator.request('DELETE', `${photosUrl}/${photo.id}`)).statusCode).toBe(404);
    const timeline = await t.services.audit.listForEntity('application', made.applicationId);
    expect(timeline.map((event) => event.action)).toContain('validation.photo_removed');
  });

  it('decides the type by content: a text file named .png is refused', async () => {
    const made = await caseWithChecklist('Careful LLP');
    const photosUrl = `${made.url}/visit/checklist/${made.item.id}/photos`;
    const disguised = await made.validator.request(
      'POST',
      photosUrl,
      multipart('photo.png', Buffer.from('not an image at all, just text\n')),
    );
    expect(disguised.statusCode).toBe(400);
    expect(disguised.json().error.details.fields[0].path).toBe('file');
    const notMultipart = await made.validator.request('POST', photosUrl, { body: { file: 'x' } });
    expect(notMultipart.statusCode).toBe(400);
    const unknownItem = await made.validator.request(
      'POST',
      `${made.url}/visit/checklist/${randomUUID()}/photos`,
      multipart('gate.png', tinyPng()),
    );
    expect(unknownItem.statusCode).toBe(404);
    expect((await checklistItem(made)).photos).toEqual([]);
  });

  it('keeps photos from the applicant and from other operators', async () => {
    const made = await caseWithChecklist('Private LLP');
    const photosUrl = `${made.url}/visit/checklist/${made.item.id}/photos`;
    const photo = (await made.validator.request('POST', photosUrl, multipart('dock.png', tinyPng()))).json();

    const own = await made.client.request('GET', `${photosUrl}/${photo.id}`);
    expect([403, 404]).toContain(own.statusCode);
    expect((await made.client.request('POST', photosUrl, multipart('x.png', tinyPng()))).statusCode).toBe(
      403,
    );
    expect((await made.client.request('DELETE', `${photosUrl}/${photo.id}`)).statusCode).toBe(403);

    const stranger = await factories.user(t, {
      roles: ['operator'],
      operatorId: (await factories.operator(t, 'Nosy LLP')).id,
      operatorRights: ['view'],
    });
    const nosy = await signIn(t.app, stranger.email);
    // Operators never reach customs routes, so a stranger learns nothing about whether the photo exists.
    const existing = await nosy.request('GET', `${photosUrl}/${photo.id}`);
    const missing = await nosy.request(
      'GET',
      `/api/v1/applications/${randomUUID()}/visit/checklist/${randomUUID()}/photos/${randomUUID()}`,
    );
    expect([403, 404]).toContain(existing.statusCode);
    expect(existing.statusCode).toBe(missing.statusCode);
    expect(existing.rawPayload.includes(Buffer.from([0x89, 0x50, 0x4e, 0x47]))).toBe(false);
  });

  it('refuses photos once the examination has moved past the visit', async () => {
    const made = await caseWithChecklist('Reported LLP');
    const photosUrl = `${made.url}/visit/checklist/${made.item.id}/photos`;
    const photo = (await made.validator.request('POST', photosUrl, multipart('yard.png', tinyPng()))).json();
    await t.services.validation.reports.issue(
      contextFor(staff.validator, t.clock.now()),
      made.applicationId,
      {
        recommendation: 'grant',
      },
    );

    const late = await made.validator.request('POST', photosUrl, multipart('late.png', tinyPng()));
    expect(late.statusCode).toBe(409);
    expect(late.json().error.details.reason).toBe('wrong_state');
    expect((await made.validator.request('DELETE', `${photosUrl}/${photo.id}`)).statusCode).toBe(409);
    expect((await made.validator.request('GET', `${photosUrl}/${photo.id}`)).statusCode).toBe(200);
  });
});
