import { z } from 'zod';
import { allow } from '../../platform/access-control';
import { CASE_ROLES } from '../applications/case-scope';
import type { Config } from '../../platform/config';
import { contentDisposition, type ZodApp } from '../../platform/http';
import { readUpload, uploadBodyLimit, withUploads } from '../../platform/uploads';
import type { Services } from '../../services';
import { presentChecklistPhoto } from './validation.presenters';
import { checklistParams } from './validation.schemas';

const CUSTOMS = allow({ roles: CASE_ROLES });
const PHOTOS = '/api/v1/applications/:id/visit/checklist/:itemId/photos';
const tags = ['validation'];
const photoParams = z.object({ id: z.uuid(), itemId: z.uuid(), photoId: z.uuid() });

/** Photos taken during the on-site visit, each backing one checklist item (customs only). */
export function registerChecklistPhotoRoutes(app: ZodApp, services: Services, config: Config): void {
  const onSite = services.validation.onSite;

  withUploads(app, config.uploadLimitBytes, (scope) => {
    scope.post(
      PHOTOS,
      {
        config: { access: CUSTOMS },
        bodyLimit: uploadBodyLimit(config.uploadLimitBytes),
        schema: {
          tags,
          summary: 'Add a photo to a checklist item (multipart: field "file", JPEG, PNG or WebP; "caption")',
          params: checklistParams,
        },
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
    {
      config: { access: CUSTOMS },
      schema: { tags, summary: 'One photo of a checklist item (the image)', params: photoParams },
    },
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
    {
      config: { access: CUSTOMS },
      schema: { tags, summary: 'Remove a photo from a checklist item', params: photoParams },
    },
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
