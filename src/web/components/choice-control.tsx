import { SegmentedControl } from '@mantine/core';
import type { SegmentedControlProps } from '@mantine/core';

export type ChoiceControlProps<T extends string> = Omit<
  SegmentedControlProps,
  'value' | 'onChange' | 'data'
> & {
  value: T;
  /** The closed set to choose from, in the order shown; the first stands in should the control report another. */
  choices: readonly [T, ...T[]];
  onChange: (value: T) => void;
  labelOf: (value: T) => string;
  'data-testid'?: string;
};

/** A segmented control over a closed set of values, so that what it reports is typed as one of them. */
export function ChoiceControl<T extends string>({
  value,
  choices,
  onChange,
  labelOf,
  ...control
}: ChoiceControlProps<T>) {
  return (
    <SegmentedControl
      {...control}
      value={value}
      onChange={(next) => onChange(choices.find((choice) => choice === next) ?? choices[0])}
      data={choices.map((choice) => ({ value: choice, label: labelOf(choice) }))}
    />
  );
}
