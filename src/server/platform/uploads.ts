import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { fileTypeFromBuffer } from 'file-type';
import { AppError, validationError } from './errors';
import type { ZodApp } from './http';
import { hasNul } from './text-safety';

/**
 * The longest file name kept, in UTF-16 code units (what the stores cut at). A longer name is shortened, keeping its
 * extension, rather than refused: a real file may carry a long name, and the content decides its type anyway.
 */
export const MAX_FILE_NAME_LENGTH = 200;

/** Extensions worth keeping when a name is shortened (`.pdf`, `.jpeg`), not arbitrary tails after a dot. */
const EXTENSION = /\.[\p{L}\p{N}]{1,10}$/u;

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

function cutAt(text: string, length: number): string {
  if (text.length <= length) return text;
  // Never split a surrogate pair.
  const end = /[\ud800-\udbff]/.test(text.charAt(length - 1)) ? length - 1 : length;
  return text.slice(0, end);
}

/**
 * The name to store: path separators (some clients send a path) become `_`, and a longer name is cut to
 * MAX_FILE_NAME_LENGTH keeping its extension; 400 on `file` for NUL or other control characters. May be empty.
 */
export function checkFileName(name: string): string {
  if (/\p{Cc}/u.test(name)) {
    throw validationError([
      { path: 'file', message: 'The file name must not contain control characters (such as NUL).' },
    ]);
  }
  const fileName = name.replace(/[\\/]/g, '_');
  if (fileName.length <= MAX_FILE_NAME_LENGTH) return fileName;
  const extension = EXTENSION.exec(fileName)?.[0] ?? '';
  return (
    cutAt(fileName.slice(0, fileName.length - extension.length), MAX_FILE_NAME_LENGTH - extension.length) +
    extension
  );
}

export interface FileType {
  mime: string;
  ext: string;
}

/**
 * One uploaded file as the services take it: its name as checked by `checkFileName` (possibly empty), its bytes and
 * its type by content (undefined when unknown). Each service decides which types it accepts.
 */
export interface UploadedFile {
  fileName: string;
  content: Buffer;
  detectedType: FileType | undefined;
}

/**
 * The file's type by its content (undefined when unknown); 400 on `file` when the content cannot even be sniffed
 * (file-type throws on truncated containers, e.g. bytes that start like a ZIP and stop).
 */
export async function sniffFileType(content: Buffer): Promise<FileType | undefined> {
  try {
    return await fileTypeFromBuffer(content);
  } catch {
    throw validationError([
      { path: 'file', message: 'The file could not be read: it looks truncated or damaged.' },
    ]);
  }
}

function readError(error: unknown, limitBytes: number): AppError {
  if ((error as { code?: unknown }).code === 'FST_REQ_FILE_TOO_LARGE') {
    return new AppError('payload_too_large', `The file is larger than ${limitBytes} bytes.`, {
      limitBytes,
      fields: [{ path: 'file', message: `Upload a file of at most ${limitBytes} bytes.` }],
    });
  }
  if (error instanceof AppError) return error;
  return validationError([
    { path: 'file', message: 'The upload could not be read: send one file as multipart/form-data.' },
  ]);
}

/**
 * The "file" part and the text fields of a multipart request, in whichever order the client sends them, with the
 * file's sniffed type. 413 when the file is over the limit; 400 on `file` when the request is not multipart, the
 * file is missing, unreadable or its name holds control characters; 400 on a text field holding a NUL.
 */
export async function readUpload(
  request: FastifyRequest,
  limitBytes: number,
): Promise<{ file: UploadedFile; fields: Record<string, string> }> {
  if (!request.isMultipart())
    throw validationError([{ path: 'file', message: 'Send the file as multipart/form-data.' }]);
  let file: { fileName: string; content: Buffer } | undefined;
  const fields: Record<string, string> = {};
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const content = await part.toBuffer();
        if (part.fieldname === 'file') file = { fileName: checkFileName(part.filename), content };
      } else if (typeof part.value === 'string') {
        if (hasNul(part.fieldname) || hasNul(part.value)) {
          const path = hasNul(part.fieldname) ? 'body' : part.fieldname;
          throw validationError([{ path, message: 'Must not contain the NUL character (U+0000).' }]);
        }
        fields[part.fieldname] = part.value;
      }
    }
  } catch (error) {
    throw readError(error, limitBytes);
  }
  if (!file) throw validationError([{ path: 'file', message: 'No file was sent.' }]);
  return { file: { ...file, detectedType: await sniffFileType(file.content) }, fields };
}
