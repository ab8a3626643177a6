import { InvalidArgumentError } from 'commander';

/**
 * A commander option parser for a number: the value is refused with `expected <expectation>` (commander names the
 * option) unless `isValid` holds for it.
 */
export function numberOption(isValid: (value: number) => boolean, expectation: string) {
  return (value: string): number => {
    const parsed = Number(value);
    if (!isValid(parsed)) throw new InvalidArgumentError(`expected ${expectation}`);
    return parsed;
  };
}

export const parseInteger = numberOption(Number.isInteger, 'an integer');
export const parsePositiveInt = numberOption((n) => Number.isInteger(n) && n > 0, 'a positive integer');
export const parsePositiveNumber = numberOption((n) => n > 0, 'a positive number');

/** A whole number from `min` to `max`. */
export function parseIntegerIn(min: number, max: number) {
  return numberOption((n) => Number.isInteger(n) && n >= min && n <= max, `${min} to ${max}`);
}
