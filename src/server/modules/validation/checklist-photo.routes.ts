import { z } from 'zod';
import { CASE_STAFF } from '../../platform/access-control';
import type { Config } from '../../platform/config';
import { contentDisposition, fileResponse, noContentResponse, type ZodApp } from '../../platform/http';
import { readUpload, uploadBodyLimit, withUploads } from '../../platform/uploads';
import type { Services } from '../../services';
import { CASE_PATH, caseRouteOptions } from './case-route';
import { presentChecklistPhoto } from './validation.presenters';
import { checklistParams, checklistPhotoSchema } from './validation.schemas';

const PHOTOS = `${CASE_PATH}/visit/checklist/:itemId/photos`;
const caseRoute = caseRouteOptions('validation');
/** What the service accepts, so what it sends back. */
const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
const photoParams = z.object({ id: z.uuid(), itemId: z.uuid(), photoId: z.uuid() });

/** Photos taken during the on-site visit, each backing one checklist item (customs only). */
export function registerChecklistPhotoRoutes(app: ZodApp, services: Services, config: Config): void {
  const onSite = services.validation.onSite;

  withUploads(app, config.uploadLimitBytes, (scope) => {
    scope.post(
      PHOTOS,
      {
        ...caseRoute(CASE_STAFF, {
          summary: 'Add a photo to a checklist item (multipart: field "file", JPEG, PNG or WebP; "caption")',
          params: checklistParams,
          response: { 201: checklistPhotoSchema },
        }),
        bodyLimit: uploadBodyLimit(config.uploadLimitBytes),
      },
      async (request, reply) => {
        const { file, fields } = await readUpload(request, config.uploadLimitBytes);
        const photo = await onSite.addPhoto(request.context, request.params.id, request.params.itemId, {
          ...file,
          caption: fields.caption,
        });
        return reply.code(201).send(presentChecklistPhoto(photo));
      },
    );
  });

  app.get(
    `${PHOTOS}/:photoId`,
    caseRoute(CASE_STAFF, {
      summary: 'One photo of a checklist item (the image)',
      params: photoParams,
      response: { 200: fileResponse(PHOTO_TYPES, 'The photo as taken') },
    }),
    async (request, reply) => {
      const photo = await onSite.photoContent(
        request.context,
        request.params.id,
        request.params.itemId,
        request.params.photoId,
      );
      return reply
        .type(photo.media_type)
        .header('content-disposition', contentDisposition('inline', photo.file_name))
        .header('cache-control', 'private, max-age=3600')
        .header('x-checksum-sha256', photo.sha256)
        .send(photo.content);
    },
  );

  app.delete(
    `${PHOTOS}/:photoId`,
    caseRoute(CASE_STAFF, {
      summary: 'Remove a photo from a checklist item',
      params: photoParams,
      response: { 204: noContentResponse },
    }),
    async (request, reply) => {
      await onSite.removePhoto(
        request.context,
        request.params.id,
        request.params.itemId,
        request.params.photoId,
      );
      return reply.code(204).send();
    },
  );
}
