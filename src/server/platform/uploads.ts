import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { validationError } from './errors';
import type { ZodApp } from './http';

/**
 * Routes that take one uploaded file are registered through this: multipart is parsed inside their scope only, so
 * every other route accepts JSON alone. Their `bodyLimit` should be `uploadBodyLimit(limitBytes)`.
 */
export function withUploads(app: ZodApp, limitBytes: number, register: (scope: ZodApp) => void): void {
  void app.register(async (pluginScope) => {
    const scope = pluginScope as unknown as ZodApp;
    await scope.register(multipart, { limits: { fileSize: limitBytes, files: 1, fields: 5 } });
    register(scope);
  });
}

/** The file's limit plus room for the multipart framing and a few text fields. */
export function uploadBodyLimit(limitBytes: number): number {
  return limitBytes + 65_536;
}

/**
 * The "file" part and the text fields of a multipart request, in whichever order the client sends them; 400 on
 * `file` when the request is not multipart, the file is missing, too large or unreadable.
 */
export async function readUpload(
  request: FastifyRequest,
  limitBytes: number,
): Promise<{ fileName: string; content: Buffer; fields: Record<string, string> }> {
  if (!request.isMultipart())
    throw validationError([{ path: 'file', message: 'Send the file as multipart/form-data.' }]);
  let file: { fileName: string; content: Buffer } | undefined;
  const fields: Record<string, string> = {};
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const content = await part.toBuffer();
        if (part.fieldname === 'file') file = { fileName: part.filename, content };
      } else if (typeof part.value === 'string') {
        fields[part.fieldname] = part.value;
      }
    }
  } catch (error) {
    const isTooLarge = (error as { code?: unknown }).code === 'FST_REQ_FILE_TOO_LARGE';
    throw validationError([
      {
        path: 'file',
        message: isTooLarge
          ? `The file is larger than ${limitBytes} bytes.`
          : 'The upload could not be read: send one file as multipart/form-data.',
      },
    ]);
  }
  if (!file) throw validationError([{ path: 'file', message: 'No file was sent.' }]);
  return { ...file, fields };
}
