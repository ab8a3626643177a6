import { describe, expect, it } from 'vitest';
import { AppError } from './errors';
import { MAX_FILE_NAME_LENGTH, checkFileName } from './uploads';

describe('checkFileName', () => {
  it('flattens path separators a client may send, so a stored name is never a path', () => {
    expect(checkFileName('C:\\scans\\plan.pdf')).toBe('C:_scans_plan.pdf');
    expect(checkFileName('../../etc/passwd')).toBe('.._.._etc_passwd');
  });

  it('cuts a long name to the limit, keeping its extension', () => {
    const name = checkFileName(`${'n'.repeat(1_000)}/x.pdf`);
    expect(name).toHaveLength(MAX_FILE_NAME_LENGTH);
    expect(name.endsWith('.pdf')).toBe(true);
  });

  it('refuses control characters with 400 on file', () => {
    for (const name of ['a\u0000b.pdf', 'a\u0007b.pdf']) {
      const error = catchError(() => checkFileName(name));
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ status: 400, details: { fields: [{ path: 'file' }] } });
    }
  });
});

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}
