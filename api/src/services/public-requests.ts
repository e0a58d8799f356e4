// A citizen's request or complaint, submitted without a login through the
// SOP's start form: only SOPs whose start event has a form take them, and only
// the form's own fields are accepted.
import type { CaseService } from './cases';
import { HttpError } from './http-error';
import type { SopService } from './sops';
import { assertOnlyStartFormFields, startFormSchema } from './start-form';

export class PublicRequestService {
  constructor(
    private readonly sops: SopService,
    private readonly cases: CaseService,
  ) {}

  async submit(sopKey: string, variables: Record<string, unknown>): Promise<{ trackingCode: string }> {
    const sop = await this.sops.getVersion(sopKey);
    const schema = startFormSchema(sop.ir);
    if (!schema) throw new HttpError(409, `SOP "${sopKey}" takes no requests from citizens: its start event has no form`);
    assertOnlyStartFormFields(schema, variables);
    const { trackingCode } = await this.cases.start(sopKey, variables);
    return { trackingCode };
  }
}
