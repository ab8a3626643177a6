/**
 * Text PostgreSQL cannot store: U+0000 is refused by `text` and `jsonb` alike, and `jsonb` refuses an unpaired UTF-16
 * surrogate (`"\ud800"` in JSON), so such input would surface as a database error. Input is checked at the edge
 * (HTTP, the declaration stream) and refused there, naming the field. Other control characters are stored fine and
 * are left to each field's own rules.
 */
const NUL = '\u0000';
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function hasNul(text: string): boolean {
  return text.includes(NUL);
}

/** Ill-formed UTF-16: a surrogate without its pair (JSON can carry one as `\udfff`). */
export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

interface Visit {
  value: unknown;
  path: string;
  depth: number;
}

/**
 * The path (`items.0.description`, `$key` for an object key) of the first string in `value` that holds a NUL, or
 * undefined. Walks plain JSON values only, without recursion (hostile nesting cannot exhaust the stack), and stops
 * at `maxDepth`.
 */
export function findNulPath(value: unknown, prefix = '', maxDepth = 64): string | undefined {
  return findTextPath(value, hasNul, prefix, maxDepth);
}

/** Like findNulPath, for the first string (or key) that `isBad` flags. */
export function findTextPath(
  value: unknown,
  isBad: (text: string) => boolean,
  prefix = '',
  maxDepth = 64,
): string | undefined {
  const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
  const stack: Visit[] = [{ value, path: prefix, depth: 0 }];
  while (stack.length > 0) {
    const { value: current, path, depth } = stack.pop() as Visit;
    if (typeof current === 'string') {
      if (isBad(current)) return path;
      continue;
    }
    if (current === null || typeof current !== 'object' || depth >= maxDepth || ArrayBuffer.isView(current))
      continue;
    const children: Visit[] = [];
    if (Array.isArray(current)) {
      current.forEach((item, index) =>
        children.push({ value: item, path: join(path, String(index)), depth: depth + 1 }),
      );
    } else {
      for (const [key, item] of Object.entries(current as Record<string, unknown>)) {
        // The key is visited as a string just before its value: a bad key or value names the same path.
        children.push({ value: key, path: join(path, key), depth: depth + 1 });
        children.push({ value: item, path: join(path, key), depth: depth + 1 });
      }
    }
    // Reversed, so the first field in document order is reported first.
    for (let index = children.length - 1; index >= 0; index -= 1) stack.push(children[index] as Visit);
  }
  return undefined;
}
