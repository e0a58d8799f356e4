// Where a case's work goes, as the process says: alur:unit (the code of the
// unit handling every case) or alur:unitField (the start-form field whose value,
// a unit code among the field's options, is the handling unit: e.g. the
// citizen's kelurahan). The API checks the codes and the field against the
// units and the bound start form when the SOP is published.
import type { SopIR } from '../ir';
import type { Diagnostics } from './diagnostics';
import { describe, idOf, stringProp, type BpmnElement } from './model';

const FIELD_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function processHandlingUnit(process: BpmnElement, diag: Diagnostics): Pick<SopIR, 'unit' | 'unitField'> {
  const unit = stringProp(process, 'unit')?.trim();
  const unitField = stringProp(process, 'unitField')?.trim();
  if (unitField && !FIELD_KEY.test(unitField)) {
    diag.error(
      idOf(process),
      `${describe(process)} names the start-form field "${unitField}" as the unit choice (alur:unitField); give the key of a field of the start form (letters, digits, _)`,
    );
    return {};
  }
  return { ...(unit ? { unit } : {}), ...(unitField ? { unitField } : {}) };
}
