import { ChoiceEditor } from './choice.editor';
import { DateEditor } from './date.editor';
import type { ValueEditorProps } from './editor-props';
import { FileEditor } from './file.editor';
import { MultiChoiceEditor } from './multi-choice.editor';
import { NumberEditor } from './number.editor';
import { TableEditor } from './table.editor';
import { TextEditor } from './text.editor';
import { YesNoEditor } from './yes-no.editor';

/** The editor for one answer type. Each keeps its own draft so typing is never interrupted by a save. */
export function ValueEditor(props: ValueEditorProps) {
  switch (props.question.type) {
    case 'yes_no':
      return <YesNoEditor {...props} />;
    case 'choice':
      return <ChoiceEditor {...props} />;
    case 'multi_choice':
      return <MultiChoiceEditor {...props} />;
    case 'text':
      return <TextEditor {...props} />;
    case 'number':
    case 'money':
      return <NumberEditor {...props} />;
    case 'date':
      return <DateEditor {...props} />;
    case 'table':
      return <TableEditor {...props} />;
    case 'file':
      return <FileEditor {...props} />;
  }
}
