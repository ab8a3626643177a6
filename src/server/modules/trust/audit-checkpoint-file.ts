import { mkdir, open, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

/**
 * One line of the checkpoint file (JSON Lines, append-only): the signed JWS is what counts; the other fields repeat
 * it for a reader without a JWS library.
 */
const recordSchema = z.object({
  size: z.number().int().nonnegative(),
  headHash: z.string().regex(/^[0-9a-f]{64}$/),
  signedAt: z.string(),
  kid: z.string(),
  logLeafIndex: z.number().int().nonnegative(),
  jws: z.string().min(1),
});

export type AuditCheckpointRecord = z.infer<typeof recordSchema>;

/**
 * Appends, in one write flushed to disk, the records the file lacks (a checkpoint is identified by its size, the
 * chain's primary key), so that a write that failed once is made good by the next call. Returns how many were added.
 */
export async function appendMissingCheckpointRecords(
  file: string,
  records: readonly AuditCheckpointRecord[],
): Promise<number> {
  const present = new Set((await readCheckpointFile(file)).records.map((record) => record.size));
  const missing = records.filter((record) => !present.has(record.size));
  if (missing.length === 0) return 0;
  await mkdir(path.dirname(file), { recursive: true });
  const handle = await open(file, 'a', 0o640);
  try {
    await handle.appendFile(missing.map((record) => `${JSON.stringify(record)}\n`).join(''), 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  return missing.length;
}

export interface CheckpointFileContent {
  exists: boolean;
  records: AuditCheckpointRecord[];
  /** Lines that are not a checkpoint record (1-based line numbers). */
  invalidLines: number[];
}

/** A missing file reads as `exists: false`; any other error (EACCES, EISDIR, …) is thrown. */
export async function readCheckpointFile(file: string): Promise<CheckpointFileContent> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { exists: false, records: [], invalidLines: [] };
    throw error;
  }
  const records: AuditCheckpointRecord[] = [];
  const invalidLines: number[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      invalidLines.push(index + 1);
      return;
    }
    const parsed = recordSchema.safeParse(value);
    if (parsed.success) records.push(parsed.data);
    else invalidLines.push(index + 1);
  });
  return { exists: true, records, invalidLines };
}
