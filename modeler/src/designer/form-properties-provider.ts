// The "Form" group of the properties panel on user tasks and the start event:
// says which form the element has and opens the form editor (DesignerView
// listens for FORM_EDIT_EVENT and shows it).
import { h } from '@bpmn-io/properties-panel/preact';
import { useService } from 'bpmn-js-properties-panel';
import { i18n } from '../i18n';
import { readForm, takesForm } from './embedded-form';
import type { DiagramElement } from './alur-attributes';

export const FORM_EDIT_EVENT = 'alur.form.edit';

type Element = Parameters<typeof takesForm>[0];
interface EventBus {
  fire(type: string, data: unknown): void;
}

const t = (key: string, values?: Record<string, unknown>) => i18n.global.t(key, values ?? {});

function FormEntry(props: { element: Element; id: string }) {
  const eventBus = useService<EventBus>('eventBus');
  const form = readForm(props.element);
  const summary =
    form.kind === 'embedded'
      ? t('formEditor.embedded', { id: form.formId })
      : form.kind === 'other'
        ? t('formEditor.other', { key: form.key })
        : t('formEditor.none');
  return h('div', { class: 'bio-properties-panel-entry', 'data-entry-id': props.id }, [
    h('p', { class: 'bio-properties-panel-description' }, summary),
    form.kind === 'other'
      ? null
      : h(
          'button',
          {
            type: 'button',
            class: 'alur-form-edit',
            'data-testid': 'edit-form',
            onClick: () => eventBus.fire(FORM_EDIT_EVENT, { element: props.element }),
          },
          form.kind === 'embedded' ? t('formEditor.edit') : t('formEditor.create'),
        ),
  ]);
}

export default class FormPropertiesProvider {
  static $inject = ['propertiesPanel'];

  constructor(propertiesPanel: { registerProvider(priority: number, provider: unknown): void }) {
    propertiesPanel.registerProvider(390, this);
  }

  getGroups(element: DiagramElement) {
    return (groups: { id: string }[]) => {
      if (!takesForm(element as Element)) return groups;
      groups.push({
        id: 'alur-form',
        label: t('formEditor.group'),
        entries: [{ id: 'alur-form-edit', element, component: FormEntry, isEdited: () => readForm(element as Element).kind !== 'none' }],
      } as { id: string });
      return groups;
    };
  }
}

export const FormPropertiesProviderModule: Record<string, unknown> = {
  __init__: ['alurFormPropertiesProvider'],
  alurFormPropertiesProvider: ['type', FormPropertiesProvider],
};
