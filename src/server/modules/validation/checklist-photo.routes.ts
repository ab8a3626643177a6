import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { allow } from '../../platform/access-control';
import type { Config } from '../../platform/config';
import { validationError } from '../../platform/errors';
import type { ZodApp } from '../../platform/http';
import type { Services } from '../../services';
import { presentChecklistPhoto } from './validation.presenters';
import { checklistParams } from './validation.schemas';

const CUSTOMS = allow({ roles: ['validator', 'aeo_manager', 'admin'] });
const PHOTOS = '/api/v1/applications/:id/visit/checklist/:itemId/photos';
const tags = ['validation'];
const photoParams = z.object({ id: z.uuid(), itemId: z.uuid(), photoId: z.uuid() });

/** Photos taken during the on-site visit, each backing one checklist item (customs only). */
export function registerChecklistPhotoRoutes(app: ZodApp, services: Services, config: Config): void {
  const onSite = services.validation.onSite;

  void app.register(async (pluginScope) => {
    // Multipart parsing only inside this scope: every other route accepts JSON alone.
    const scope = pluginScope as unknown as ZodApp;
    await scope.register(multipart, { limits: { fileSize: config.uploadLimitBytes, files: 1, fields: 5 } });
    scope.post(
      PHOTOS,
      {
        config: { access: CUSTOMS },
        bodyLimit: config.uploadLimitBytes + 65_536,
        schema: {
          tags,
          summary: 'Add a photo to a checklist item (multipart: field "file", JPEG, PNG or WebP; "caption")',
          params: checklistParams,
        },
      },
      async (request, reply) => {
        const upload = await readPhotoUpload(request, config.uploadLimitBytes);
        const photo = await onSite.addPhoto(
          request.context,
          request.params.id,
          request.params.itemId,
          upload,
        );
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
        .header('content-disposition', `inline; filename="${encodeURIComponent(photo.file_name)}"`)
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

/** The "file" part and the optional "caption" field, in whichever order the client sends them. */
async function readPhotoUpload(
  request: FastifyRequest,
  limitBytes: number,
): Promise<{ fileName: string; content: Buffer; caption: string | undefined }> {
  if (!request.isMultipart())
    throw validationError([{ path: 'file', message: 'Send the photo as multipart/form-data.' }]);
  let file: { fileName: string; content: Buffer } | undefined;
  let caption: string | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const content = await part.toBuffer();
        if (part.fieldname === 'file') file = { fileName: part.filename, content };
      } else if (part.fieldname === 'caption' && typeof part.value === 'string') {
        caption = part.value;
      }
    }
  } catch (error) {
    const isTooLarge = (error as { code?: unknown }).code === 'FST_REQ_FILE_TOO_LARGE';
    throw validationError([
      {
        path: 'file',
        message: isTooLarge
          ? `The photo is larger than ${limitBytes} bytes.`
          : 'The upload could not be read: send one photo as multipart/form-data.',
      },
    ]);
  }
  if (!file) throw validationError([{ path: 'file', message: 'No photo was sent.' }]);
  return { ...file, caption };
}
