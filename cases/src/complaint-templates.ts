// The texts of notices to reporters (issue 18), in Bahasa Indonesia; an admin
// replaces them (PUT /api/notification-templates/:event). Placeholders in
// double braces: {{trackingCode}}, {{trackUrl}}, {{unit}}, {{reason}},
// {{question}}, {{channel}}; one that has no value becomes empty. Here, in the
// case core, because the API (the admin's templates) and the worker (which
// sends the notices) both need them, and the worker never depends on the API.

export const TEMPLATE_EVENTS = ['intake', 'disposition', 'clarification', 'completion', 'refusal'] as const;
export type TemplateEvent = (typeof TEMPLATE_EVENTS)[number];

export const DEFAULT_TEMPLATES: Record<TemplateEvent, { subject: string; body: string }> = {
  intake: {
    subject: 'Pengaduan Anda diterima ({{trackingCode}})',
    body: 'Terima kasih, pengaduan Anda telah kami terima dengan kode pelacakan {{trackingCode}}. Pantau perkembangannya di {{trackUrl}}.',
  },
  disposition: {
    subject: 'Pengaduan {{trackingCode}} diteruskan ke {{unit}}',
    body: 'Pengaduan Anda ({{trackingCode}}) telah diteruskan ke {{unit}} untuk ditindaklanjuti.',
  },
  clarification: {
    subject: 'Mohon klarifikasi pengaduan {{trackingCode}}',
    body: 'Petugas memerlukan keterangan tambahan untuk pengaduan {{trackingCode}}: {{question}}. Mohon balas melalui kanal yang sama.',
  },
  completion: {
    subject: 'Pengaduan {{trackingCode}} selesai ditindaklanjuti',
    body: 'Pengaduan Anda ({{trackingCode}}) telah selesai ditindaklanjuti. Mohon beri penilaian (puas atau tidak puas, nilai 1-5) di {{trackUrl}}.',
  },
  refusal: {
    subject: 'Pengaduan {{trackingCode}} tidak dapat diproses',
    body: 'Mohon maaf, laporan Anda ({{trackingCode}}) tidak dapat diproses sebagai pengaduan: {{reason}}.',
  },
};

/** The template text with its placeholders filled in. */
export function renderTemplate(text: string, values: Record<string, unknown>): string {
  return text.replace(/\{\{\s*([a-zA-Z]+)\s*\}\}/g, (_, key: string) => {
    const v = values[key];
    return v === undefined || v === null ? '' : String(v);
  });
}
