import type { Trx, Executor, NewRow, Row } from '../../platform/database';
import { STORED_FILE_COLUMNS, caseRowAccess, selectCaseRows } from './case-rows';

export type VisitSlotRow = Row<'visit_slot'>;
export type ChecklistItemRow = Row<'checklist_item'>;
/** A photo without its bytes: listings and the audit never carry the content. */
export type ChecklistPhotoRow = Omit<Row<'checklist_photo'>, 'content'>;

const PHOTO_COLUMNS = [
  ...STORED_FILE_COLUMNS,
  'checklist_item_id',
  'size_bytes',
  'caption',
  'taken_by',
  'taken_at',
] as const;

const checklistItems = caseRowAccess('checklist_item');

/** The on-site visit: proposed slots, the visit (team, minutes), its checklist and the photos behind it. */
export const onSiteRepository = {
  listSlots(db: Executor, applicationId: string): Promise<VisitSlotRow[]> {
    return selectCaseRows(db, 'visit_slot', applicationId).orderBy('starts_at').execute();
  },

  insertSlots(trx: Trx, values: NewRow<'visit_slot'>[]): Promise<VisitSlotRow[]> {
    return trx.insertInto('visit_slot').values(values).returningAll().execute();
  },

  async chooseSlot(trx: Trx, applicationId: string, slotId: string, userId: string, now: Date) {
    await trx
      .updateTable('visit_slot')
      .set({ status: 'discarded' })
      .where('application_id', '=', applicationId)
      .where('id', '!=', slotId)
      .execute();
    return trx
      .updateTable('visit_slot')
      .set({ status: 'chosen', chosen_by: userId, chosen_at: now })
      .where('application_id', '=', applicationId)
      .where('id', '=', slotId)
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  findVisit(db: Executor, applicationId: string) {
    return selectCaseRows(db, 'on_site_visit', applicationId).executeTakeFirst();
  },

  upsertVisit(
    trx: Trx,
    applicationId: string,
    values: { team_user_ids?: string[]; minutes?: string; minutes_by?: string; minutes_at?: Date },
  ) {
    return trx
      .insertInto('on_site_visit')
      .values({ application_id: applicationId, team_user_ids: values.team_user_ids ?? [], ...values })
      .onConflict((oc) => oc.column('application_id').doUpdateSet(values))
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  listChecklist(db: Executor, applicationId: string): Promise<ChecklistItemRow[]> {
    return selectCaseRows(db, 'checklist_item', applicationId).orderBy('position').execute();
  },

  async insertChecklistItems(trx: Trx, values: NewRow<'checklist_item'>[]): Promise<number> {
    if (values.length === 0) return 0;
    const rows = await trx
      .insertInto('checklist_item')
      .values(values)
      .onConflict((oc) => oc.columns(['application_id', 'source', 'source_ref']).doNothing())
      .returning('id')
      .execute();
    return rows.length;
  },

  updateChecklistItem: checklistItems.updateOfCase,
  findChecklistItem: checklistItems.find,

  /** The case's photos without their bytes, oldest first; `itemId` narrows them to one checklist item. */
  listChecklistPhotos(db: Executor, applicationId: string, itemId?: string): Promise<ChecklistPhotoRow[]> {
    let query = db
      .selectFrom('checklist_photo')
      .select(PHOTO_COLUMNS)
      .where('application_id', '=', applicationId);
    if (itemId !== undefined) query = query.where('checklist_item_id', '=', itemId);
    return query.orderBy('taken_at').orderBy('id').execute();
  },

  insertChecklistPhoto(trx: Trx, values: NewRow<'checklist_photo'>): Promise<ChecklistPhotoRow> {
    return trx
      .insertInto('checklist_photo')
      .values(values)
      .returning(PHOTO_COLUMNS)
      .executeTakeFirstOrThrow();
  },

  findChecklistPhotoContent(db: Executor, applicationId: string, itemId: string, id: string) {
    return selectCaseRows(db, 'checklist_photo', applicationId)
      .where('checklist_item_id', '=', itemId)
      .where('id', '=', id)
      .executeTakeFirst();
  },

  deleteChecklistPhoto(
    trx: Trx,
    applicationId: string,
    itemId: string,
    id: string,
  ): Promise<ChecklistPhotoRow | undefined> {
    return trx
      .deleteFrom('checklist_photo')
      .where('application_id', '=', applicationId)
      .where('checklist_item_id', '=', itemId)
      .where('id', '=', id)
      .returning(PHOTO_COLUMNS)
      .executeTakeFirst();
  },
};
