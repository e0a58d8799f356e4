// The "Alur SOP" group of the properties panel: Alur's own BPMN attributes
// (workflows/resources/alur.json) on activities and on the process: the SLA,
// the unit, and the SOP-AP columns pelaksana and mutu baku (kelengkapan, waktu,
// output); on the process also the unit choice; on end events the outcome the
// citizen is told.
import {
  CheckboxEntry,
  SelectEntry,
  TextAreaEntry,
  TextFieldEntry,
  isCheckboxEntryEdited,
  isSelectEntryEdited,
  isTextAreaEntryEdited,
  isTextFieldEntryEdited,
} from '@bpmn-io/properties-panel';
import { h } from '@bpmn-io/properties-panel/preact';
import { useService } from 'bpmn-js-properties-panel';
import { i18n } from '../i18n';
import { alurTarget, SELECT_OPTIONS, type BusinessObject, type DiagramElement, type Kind } from './alur-attributes';

interface Modeling {
  updateModdleProperties(element: DiagramElement, bo: BusinessObject, props: Record<string, unknown>): void;
}
interface Group {
  id: string;
  label: string;
  entries: { id: string; element: DiagramElement; component: unknown; isEdited: (node: unknown) => boolean }[];
}

const t = (key: string) => i18n.global.t(key);

// One component per attribute, made once: a new function per render would
// remount the entry and drop what is being typed.
const components = new Map<string, unknown>();

function entryComponent(name: string, kind: Kind) {
  const cached = components.get(name);
  if (cached) return cached;
  const component = function AlurEntry(props: { element: DiagramElement; id: string }) {
    const modeling = useService<Modeling>('modeling');
    const debounce = useService<(fn: (...args: unknown[]) => void) => (...args: unknown[]) => void>('debounceInput');
    const bo = alurTarget(props.element)!.bo;
    const common = {
      id: props.id,
      element: props.element,
      label: t(`alurProps.${name}.label`),
      description: t(`alurProps.${name}.description`),
      getValue: () => bo.get(`alur:${name}`) ?? (kind === 'checkbox' ? false : ''),
      setValue: (value: unknown) =>
        modeling.updateModdleProperties(props.element, bo, { [`alur:${name}`]: value === '' || value === false ? undefined : value }),
    };
    if (kind === 'checkbox') return h(CheckboxEntry, common);
    if (kind === 'select') {
      const getOptions = () => [
        { value: '', label: '' },
        ...(SELECT_OPTIONS[name] ?? []).map((value) => ({ value, label: t(`alurProps.${name}.options.${value}`) })),
      ];
      return h(SelectEntry, { ...common, getOptions });
    }
    if (kind === 'textarea') return h(TextAreaEntry, { ...common, debounce, rows: 2 });
    return h(TextFieldEntry, { ...common, debounce });
  };
  components.set(name, component);
  return component;
}

const EDITED = { text: isTextFieldEntryEdited, textarea: isTextAreaEntryEdited, checkbox: isCheckboxEntryEdited, select: isSelectEntryEdited };

export default class AlurPropertiesProvider {
  static $inject = ['propertiesPanel'];

  constructor(propertiesPanel: { registerProvider(priority: number, provider: unknown): void }) {
    propertiesPanel.registerProvider(400, this);
  }

  getGroups(element: DiagramElement) {
    return (groups: Group[]) => {
      const target = alurTarget(element);
      if (!target) return groups;
      groups.push({
        id: 'alur',
        label: t('alurProps.group'),
        entries: target.attributes.map(([name, kind]) => ({
          id: `alur-${name}`,
          element,
          component: entryComponent(name, kind),
          isEdited: EDITED[kind],
        })),
      });
      return groups;
    };
  }
}

export const AlurPropertiesProviderModule: Record<string, unknown> = {
  __init__: ['alurPropertiesProvider'],
  alurPropertiesProvider: ['type', AlurPropertiesProvider],
};
