import { sha256Hex } from '../../platform/crypto';
import type { Db, Trx } from '../../platform/database';
import { conflict, notFound, validationError } from '../../platform/errors';
import type { RequestContext } from '../../platform/request-context';
import type { UploadedFile } from '../../platform/uploads';
import { visibleQuestions } from '../../../programme-core';
import type { ApplicationState } from '../../../vocabulary/application-lifecycle';
import { assertState } from '../applications/case-guards';
import { requireUserId } from '../../platform/access-control';
import { earliestVisitStart } from './case-clock.engine';
import { CaseService } from './case-service';
import { MINIMUM_VISIT_NOTICE_DAYS, generateChecklist } from './on-site-checklist.engine';
import type { ChecklistResult } from './validation.tables';

const PLANNING_STATES: ApplicationState[] = ['accepted', 'desk_review'];
/** Observations, and the photos that back them, are taken while the examination is open. */
const OBSERVATION_STATES: ApplicationState[] = ['desk_review', 'on_site'];
/** Decided from the content, never from the name or the declared type. */
const PHOTO_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);
export const MAX_PHOTOS_PER_ITEM = 20;
export const MAX_CAPTION_LENGTH = 500;

/** The on-site visit: slots proposed with notice, the company's choice, the team, the checklist, minutes. */
export class OnSiteService extends CaseService {
  async get(context: RequestContext, id: string) {
    const access = await this.applications.authorizeEitherSide(context, id);
    const [slots, visit] = await Promise.all([
      this.repository.listSlots(this.db, id),
      this.repository.findVisit(this.db, id),
    ]);
    const checklist = access.side === 'customs' ? await this.checklistWithPhotos(this.db, id) : null;
    return { side: access.side, slots, visit: visit ?? null, checklist };
  }

  async proposeSlots(
    context: RequestContext,
    id: string,
    slots: Array<{ startsAt: string; endsAt: string }>,
  ) {
    const access = await this.authorizeCustomsIn(context, id, PLANNING_STATES, 'Planning the visit');
    const earliest = earliestVisitStart(context.now, MINIMUM_VISIT_NOTICE_DAYS);
    const fields = slots.flatMap((slot, index) => {
      const start = new Date(slot.startsAt);
      const end = new Date(slot.endsAt);
      return [
        ...(start < earliest
          ? [
              {
                path: `slots[${index}].startsAt`,
                message: `Give the company at least ${MINIMUM_VISIT_NOTICE_DAYS} days' notice (from ${earliest.toISOString().slice(0, 10)}).`,
              },
            ]
          : []),
        ...(end <= start
          ? [{ path: `slots[${index}].endsAt`, message: 'The visit must end after it starts.' }]
          : []),
      ];
    });
    if (fields.length) throw validationError(fields);
    const userId = requireUserId(context);
    return this.db.transaction().execute(async (trx) => {
      await this.startReviewIfAccepted(trx, context, access);
      const rows = await this.repository.insertSlots(
        trx,
        slots.map((slot) => ({
          application_id: id,
          starts_at: new Date(slot.startsAt),
          ends_at: new Date(slot.endsAt),
          proposed_by: userId,
          proposed_at: context.now,
        })),
      );
      await this.recordEvent(trx, context, access.application, 'validation.visit_slots_proposed', {
        slots: rows.map((r) => r.starts_at.toISOString()),
      });
      await this.applications.notifyApplicant(
        trx,
        context.now,
        access.application,
        'validation.visit_proposed',
      );
      return rows;
    });
  }

  async chooseSlot(context: RequestContext, id: string, slotId: string) {
    const access = await this.applications.authorizeApplicant(context, id);
    assertState(access.application, PLANNING_STATES, 'Choosing a visit date');
    const slot = (await this.repository.listSlots(this.db, id)).find((s) => s.id === slotId);
    if (!slot) throw notFound('Slot');
    if (slot.status !== 'proposed') throw conflict('This slot can no longer be chosen.');
    if (slot.starts_at <= context.now) throw conflict('This slot has already passed.');
    return this.db.transaction().execute(async (trx) => {
      const chosen = await this.repository.chooseSlot(trx, id, slotId, requireUserId(context), context.now);
      await this.recordForOfficers(trx, context, access.application, {
        action: 'validation.visit_slot_chosen',
        summary: { slotId, startsAt: chosen.starts_at.toISOString() },
        onBehalfOfOperatorId: access.onBehalfOfOperatorId,
        event: 'validation.visit_chosen',
        params: { date: chosen.starts_at.toISOString().slice(0, 16).replace('T', ' ') },
      });
      return chosen;
    });
  }

  async setTeam(context: RequestContext, id: string, userIds: string[]) {
    const access = await this.applications.authorizeCustoms(context, id);
    const validators = new Set(await this.organisations.activeValidatorIds());
    const unknown = userIds.findIndex((userId) => !validators.has(userId));
    if (unknown >= 0)
      throw validationError([{ path: `userIds[${unknown}]`, message: 'Choose an active validator.' }]);
    return this.db.transaction().execute(async (trx) => {
      const visit = await this.repository.upsertVisit(trx, id, { team_user_ids: userIds });
      await this.recordEvent(trx, context, access.application, 'validation.visit_team_set', {
        userIds,
      });
      return visit;
    });
  }

  /** The visit starts once the company has chosen a date. */
  async start(context: RequestContext, id: string) {
    const access = await this.authorizeCustomsFor(context, id, 'start_on_site');
    const chosen = (await this.repository.listSlots(this.db, id)).find((s) => s.status === 'chosen');
    if (!chosen) throw conflict('The company has not chosen a visit date yet.', { reason: 'no_visit_date' });
    return this.db.transaction().execute((trx) =>
      this.applications.transition(trx, context, access, 'start_on_site', () => ({}), {
        slotId: chosen.id,
      }),
    );
  }

  /** Generated from the risk map and the desk review; running it again adds only what is new. */
  async generateChecklist(context: RequestContext, id: string) {
    const access = await this.authorizeCustomsIn(context, id, OBSERVATION_STATES, 'Preparing the checklist');
    const [data, risks, findings, existing] = await Promise.all([
      this.caseData.read(access.application),
      this.repository.listRisks(this.db, id),
      this.repository.listFindings(this.db, id),
      this.repository.listChecklist(this.db, id),
    ]);
    const questions = visibleQuestions(data.definition, { ...data.questionnaire, answers: data.answers }).map(
      (q) => ({
        id: q.id,
        title: q.title.en,
        criteria: q.criteria,
      }),
    );
    const seeds = generateChecklist(
      risks.map((r) => ({
        id: r.id,
        title: r.title,
        criterion: r.criterion,
        likelihood: r.likelihood,
        impact: r.impact,
        controlEffectiveness: r.control_effectiveness,
      })),
      questions,
      Object.fromEntries(findings.map((f) => [f.question_id, f])),
    );
    const start = existing.length;
    return this.db.transaction().execute(async (trx) => {
      const added = await this.repository.insertChecklistItems(
        trx,
        seeds.map((seed, index) => ({
          application_id: id,
          position: start + index,
          source: seed.source,
          source_ref: seed.sourceRef,
          criterion: seed.criterion,
          title: seed.title,
        })),
      );
      await this.recordEvent(trx, context, access.application, 'validation.checklist_generated', {
        added,
      });
      return this.checklistWithPhotos(trx, id);
    });
  }

  async observe(
    context: RequestContext,
    id: string,
    itemId: string,
    input: { result: ChecklistResult; observation?: string | undefined },
  ) {
    const access = await this.authorizeCustomsIn(context, id, OBSERVATION_STATES, 'Recording an observation');
    return this.db.transaction().execute(async (trx) => {
      const row = await this.repository.updateChecklistItem(trx, id, itemId, {
        result: input.result,
        ...(input.observation !== undefined ? { observation: input.observation } : {}),
        observed_by: requireUserId(context),
        observed_at: context.now,
      });
      if (!row) throw notFound('Checklist item');
      await this.recordEvent(trx, context, access.application, 'validation.observation_recorded', {
        itemId,
        result: input.result,
      });
      return { ...row, photos: await this.repository.listChecklistPhotos(trx, id, itemId) };
    });
  }

  /** A photo backing one checklist item (JPEG, PNG or WebP by content); the audit keeps its checksum, not its bytes. */
  async addPhoto(
    context: RequestContext,
    id: string,
    itemId: string,
    input: UploadedFile & { caption?: string | undefined },
  ) {
    const access = await this.authorizeCustomsIn(context, id, OBSERVATION_STATES, 'Adding a photo');
    if (!(await this.repository.findChecklistItem(this.db, id, itemId))) throw notFound('Checklist item');
    const caption = (input.caption ?? '').trim();
    if (caption.length > MAX_CAPTION_LENGTH) {
      throw validationError([
        { path: 'caption', message: `Keep the caption within ${MAX_CAPTION_LENGTH} characters.` },
      ]);
    }
    const detected = input.detectedType;
    if (!detected || !PHOTO_TYPES.has(detected.mime)) {
      throw validationError([
        { path: 'file', message: 'Upload a JPEG, PNG or WebP photo (the content, not the name, decides).' },
      ]);
    }
    const userId = requireUserId(context);
    return this.db.transaction().execute(async (trx) => {
      const existing = await this.repository.listChecklistPhotos(trx, id, itemId);
      if (existing.length >= MAX_PHOTOS_PER_ITEM) {
        throw conflict(`A checklist item holds at most ${MAX_PHOTOS_PER_ITEM} photos.`, {
          reason: 'too_many_photos',
        });
      }
      const photo = await this.repository.insertChecklistPhoto(trx, {
        application_id: id,
        checklist_item_id: itemId,
        file_name: input.fileName || 'photo',
        media_type: detected.mime,
        size_bytes: input.content.length,
        sha256: sha256Hex(input.content),
        content: input.content,
        caption,
        taken_by: userId,
        taken_at: context.now,
      });
      await this.recordEvent(trx, context, access.application, 'validation.photo_added', {
        itemId,
        photoId: photo.id,
        fileName: photo.file_name,
        mediaType: photo.media_type,
        size: photo.size_bytes,
        sha256: photo.sha256,
      });
      return photo;
    });
  }

  /** The image itself: customs only, like the rest of the checklist. */
  async photoContent(context: RequestContext, id: string, itemId: string, photoId: string) {
    await this.applications.authorizeCustoms(context, id);
    const photo = await this.repository.findChecklistPhotoContent(this.db, id, itemId, photoId);
    if (!photo) throw notFound('Photo');
    return photo;
  }

  async removePhoto(context: RequestContext, id: string, itemId: string, photoId: string) {
    const access = await this.authorizeCustomsIn(context, id, OBSERVATION_STATES, 'Removing a photo');
    return this.db.transaction().execute(async (trx) => {
      const removed = await this.repository.deleteChecklistPhoto(trx, id, itemId, photoId);
      if (!removed) throw notFound('Photo');
      await this.recordEvent(trx, context, access.application, 'validation.photo_removed', {
        itemId,
        photoId,
        fileName: removed.file_name,
        sha256: removed.sha256,
      });
      return removed;
    });
  }

  /** The checklist with each item's photos (without their bytes). */
  private async checklistWithPhotos(executor: Db | Trx, id: string) {
    const items = await this.repository.listChecklist(executor, id);
    const photos = await this.repository.listChecklistPhotos(executor, id);
    return items.map((item) => ({
      ...item,
      photos: photos.filter((photo) => photo.checklist_item_id === item.id),
    }));
  }

  async recordMinutes(context: RequestContext, id: string, minutes: string) {
    const access = await this.authorizeCustomsIn(context, id, ['on_site'], 'Recording the minutes');
    return this.db.transaction().execute(async (trx) => {
      const visit = await this.repository.upsertVisit(trx, id, {
        minutes,
        minutes_by: requireUserId(context),
        minutes_at: context.now,
      });
      await this.recordEvent(trx, context, access.application, 'validation.minutes_recorded', {
        length: minutes.length,
      });
      return visit;
    });
  }
}
