import { describe, expect, it } from 'vitest';
import { apiConfigFromEnv } from '../../src/config';
import { attachmentDisposition } from '../../src/services/documents';

describe('case document settings', () => {
  const env = { DATABASE_URL: 'postgresql://localhost/alur' };

  it('takes ALUR_DOCUMENT_MAX_BYTES, 10 MB by default, and refuses what is not a positive whole number', () => {
    expect(apiConfigFromEnv(env).documentMaxBytes).toBe(10 * 1024 * 1024);
    expect(apiConfigFromEnv({ ...env, ALUR_DOCUMENT_MAX_BYTES: '2000000' }).documentMaxBytes).toBe(2_000_000);
    expect(() => apiConfigFromEnv({ ...env, ALUR_DOCUMENT_MAX_BYTES: '10MB' })).toThrow(/ALUR_DOCUMENT_MAX_BYTES/);
    expect(() => apiConfigFromEnv({ ...env, ALUR_DOCUMENT_MAX_BYTES: '0' })).toThrow(/ALUR_DOCUMENT_MAX_BYTES/);
  });

  it('names a download as an attachment, quoting nothing a header could break on', () => {
    expect(attachmentDisposition('Surat "resmi"\\.pdf')).toBe(`attachment; filename="Surat _resmi__.pdf"; filename*=UTF-8''Surat%20%22resmi%22%5C.pdf`);
    expect(attachmentDisposition("Foto (1)'s.jpg")).toBe(`attachment; filename="Foto (1)'s.jpg"; filename*=UTF-8''Foto%20%281%29%27s.jpg`);
  });
});
