import { createTheme } from '@mantine/core';
import type { MantineColorsTuple } from '@mantine/core';

// A sober "customs blue" (close to the navy of many customs uniforms and the WCO palette), light to dark.
const customs: MantineColorsTuple = [
  '#eaf1f8',
  '#d3e0ee',
  '#a5bfdd',
  '#739ccb',
  '#4a7ebc',
  '#316bb2',
  '#2361ae',
  '#165099',
  '#0c4789',
  '#003c79',
];

export interface ThemeLabels {
  /** The accessible name of the close button of modals. */
  close: string;
  /** The name of the eye button of password fields; the default name contains "password", which makes the
   * field's own label ambiguous for screen-reader users (and tests) finding controls by name. */
  toggleVisibility: string;
}

/** The theme carries translated labels for built-in controls, so it is rebuilt when the language changes. */
export function createAppTheme(labels: ThemeLabels) {
  return createTheme({
    primaryColor: 'customs',
    primaryShade: { light: 8, dark: 5 },
    colors: { customs },
    fontFamily:
      'Inter, "Segoe UI", system-ui, -apple-system, Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
    fontFamilyMonospace: 'ui-monospace, "SFMono-Regular", "Cascadia Mono", Menlo, Consolas, monospace',
    headings: { fontWeight: '600' },
    defaultRadius: 'sm',
    focusRing: 'auto',
    cursorType: 'pointer',
    components: {
      Table: { defaultProps: { verticalSpacing: 'sm', highlightOnHover: true } },
      Badge: {
        defaultProps: { variant: 'light', radius: 'sm', tt: 'none' },
        // Badges carry short statuses: never let a table squeeze them into an ellipsis.
        styles: { root: { minWidth: 'max-content' }, label: { overflow: 'visible' } },
      },
      Paper: { defaultProps: { withBorder: true, radius: 'md' } },
      Card: { defaultProps: { withBorder: true, radius: 'md' } },
      Modal: {
        defaultProps: {
          centered: true,
          overlayProps: { backgroundOpacity: 0.45, blur: 1 },
          closeButtonProps: { 'aria-label': labels.close },
        },
      },
      PasswordInput: {
        defaultProps: { visibilityToggleButtonProps: { 'aria-label': labels.toggleVisibility } },
      },
    },
  });
}
