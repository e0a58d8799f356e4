import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import VariablesEditor from '../src/components/VariablesEditor.vue';
import { i18n, setLocale } from '../src/i18n';
import type { VariableRow } from '../src/variables';

function mountEditor(initial: VariableRow[]) {
  const rows = ref(initial);
  const wrapper = mount(
    defineComponent(
      () => () =>
        h(VariablesEditor, { modelValue: rows.value, 'onUpdate:modelValue': (v: VariableRow[]) => (rows.value = v), idPrefix: 'x', legend: 'Variabel' }),
    ),
    { global: { plugins: [i18n] } },
  );
  return { wrapper, rows };
}

describe('VariablesEditor', () => {
  it('labels every input, adds and removes rows', async () => {
    setLocale('id');
    const { wrapper, rows } = mountEditor([{ name: 'a', value: '1' }]);
    expect(wrapper.find('label[for="x-name-0"]').text()).toBe('Nama 1');
    expect(wrapper.find('label[for="x-value-0"]').text()).toBe('Nilai 1');
    await wrapper.findAll('button').at(-1)!.trigger('click'); // add
    expect(rows.value).toHaveLength(2);
    await wrapper.find('#x-name-1').setValue('b');
    expect(rows.value[1]).toEqual({ name: 'b', value: '' });
    await wrapper.findAll('button')[0]!.trigger('click'); // remove the first
    expect(rows.value).toEqual([{ name: 'b', value: '' }]);
  });

  it('marks a bad name as invalid and says why, next to the field', async () => {
    setLocale('en');
    const { wrapper } = mountEditor([
      { name: 'ok', value: '1' },
      { name: 'ok', value: '2' },
      { name: 'bad name', value: '3' },
    ]);
    expect(wrapper.find('#x-name-0').attributes('aria-invalid')).toBe('false');
    expect(wrapper.find('#x-name-1').attributes('aria-invalid')).toBe('true');
    expect(wrapper.find('#x-name-1').attributes('aria-describedby')).toBe('x-error-1');
    expect(wrapper.find('#x-error-1').text()).toBe('This name is used already.');
    expect(wrapper.find('#x-error-2').text()).toBe('Names start with a letter or underscore, no spaces.');
    setLocale('id');
  });
});
