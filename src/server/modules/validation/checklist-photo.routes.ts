import { z } from 'zod';
import { CASE_STAFF } from '../../platform/access-control';
import { contentDisposition, fileResponse, noContentResponse } from '../../platform/http';
import { readUpload } from '../../platform/uploads';
import type { CaseRoute } from './case-route';
import type { OnSiteService } from './on-site.service';
import { presentChecklistPhoto } from './validation.presenters';
import { checklistParams, checklistPhotoSchema } from './validation.schemas';

const PHOTOS = '/visit/checklist/:itemId/photos';
/** What the service accepts, so what it sends back. */
const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
const photoParams = z.object({ id: z.uuid(), itemId: z.uuid(), photoId: z.uuid() });

/** Photos taken during the on-site visit, each backing one checklist item (customs only). */
export function registerChecklistPhotoRoutes(
  route: CaseRoute,
  onSite: OnSiteService,
  uploadLimit: number,
): void {
  route('POST', PHOTOS, CASE_STAFF, {
    summary: 'Add a photo to a checklist item (multipart: field "file", JPEG, PNG or WebP; "caption")',
    params: checklistParams,
    response: { 201: checklistPhotoSchema },
    uploadLimit,
    run: async (request) => {
      const { file, fields } = await readUpload(request, uploadLimit);
      const { id, itemId } = request.params;
      const photo = await onSite.addPhoto(request.context, id, itemId, { ...file, caption: fields.caption });
      return presentChecklistPhoto(photo);
    },
  });

  route('GET', `${PHOTOS}/:photoId`, CASE_STAFF, {
    summary: 'One photo of a checklist item (the image)',
    params: photoParams,
    response: { 200: fileResponse(PHOTO_TYPES, 'The photo as taken') },
    run: async ({ context, params }, reply) => {
      const photo = await onSite.photoContent(context, params.id, params.itemId, params.photoId);
      reply
        .type(photo.media_type)
        .header('content-disposition', contentDisposition('inline', photo.file_name))
        .header('cache-control', 'private, max-age=3600')
        .header('x-checksum-sha256', photo.sha256);
      return photo.content;
    },
  });

  route('DELETE', `${PHOTOS}/:photoId`, CASE_STAFF, {
    summary: 'Remove a photo from a checklist item',
    params: photoParams,
    response: { 204: noContentResponse },
    run: async ({ context, params }) => {
      await onSite.removePhoto(context, params.id, params.itemId, params.photoId);
    },
  });
}
