export { CLICK_DELAY_MS, TYPING_DELAY_MS } from './editor-props';
export type { ValueEditorProps } from './editor-props';
export { ValueEditor } from './value-editor';
export { ErrorLine } from './value-errors';
