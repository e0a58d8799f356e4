// A citizen's request or complaint, submitted without a login through the
// SOP's start form: only SOPs whose start event has a form take them, and only
// the form's own fields are accepted. Files sent through the form's file
// pickers become the case's documents (services/form-files.ts).
import type { CaseService } from './cases';
import type { DocumentService } from './documents';
import { attachFormFiles, type SentFile } from './form-files';
import { HttpError } from './http-error';
import type { SopService } from './sops';
import { assertOnlyStartFormFields, startFormSchema } from './start-form';

/** Who uploaded a citizen's files, as a case document names it: no account, so no username (usernames have no brackets). */
export const CITIZEN_UPLOADER = '(pemohon)';

export class PublicRequestService {
  constructor(
    private readonly sops: SopService,
    private readonly cases: CaseService,
    private readonly documents: DocumentService,
  ) {}

  async submit(sopKey: string, variables: Record<string, unknown>, files: Record<string, SentFile[]> = {}): Promise<{ trackingCode: string }> {
    const sop = await this.sops.getVersion(sopKey);
    const schema = startFormSchema(sop.ir);
    if (!schema) throw new HttpError(409, `SOP "${sopKey}" takes no requests from citizens: its start event has no form`);
    assertOnlyStartFormFields(schema, variables);
    const attached = attachFormFiles(schema, variables, files, this.documents);
    const { id, trackingCode } = await this.cases.start(sopKey, attached.variables);
    await this.documents.storeForNewCase(id, CITIZEN_UPLOADER, attached.documents);
    return { trackingCode };
  }
}
