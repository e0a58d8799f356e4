// The SPBE evaluation report as a PDF (issue 17): A4 landscape, Bahasa
// Indonesia, one table row per OPD (bold) and per unit under it (indented),
// then SOPs without a unit and the total; the header row repeats on every
// page. pdfkit, as the SOP-AP document (sop-ap-pdf/render.ts).
import PDFDocument from 'pdfkit';
import type { SpbeFigures, SpbeReport } from './service';

const MARGIN = 28;
const PAGE = { width: 841.89, height: 595.28 };
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const SIZE = 8;
const PAD = 4;
const COLUMNS: { title: string; width: number }[] = [
  { title: 'Perangkat daerah / unit', width: 226 },
  { title: 'Draf', width: 44 },
  { title: 'Diajukan', width: 50 },
  { title: 'Disahkan', width: 50 },
  { title: 'Berlaku', width: 48 },
  { title: 'Dicabut', width: 46 },
  { title: 'Jumlah SOP', width: 50 },
  { title: 'SOP berlaku yang dijalankan', width: 80 },
  { title: 'Kasus selesai ber-SLA', width: 70 },
  { title: 'Selesai dalam SLA', width: 60 },
  { title: '% dalam SLA', width: 58 },
];

type Doc = PDFKit.PDFDocument;

const pct = (n: number | null) => (n === null ? '-' : `${String(n).replace('.', ',')}%`);
const cells = (f: SpbeFigures) =>
  [
    f.sops.draft,
    f.sops.diajukan,
    f.sops.disahkan,
    f.sops.berlaku,
    f.sops.dicabut,
    f.sops.total,
    f.berlakuWithCases,
    f.compliance.completedCases,
    f.compliance.withinSla,
  ].map(String);

export async function renderSpbeReport(report: SpbeReport): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: MARGIN,
    bufferPages: true,
    info: { Title: `Laporan Evaluasi SPBE ${report.year}: Standar Operasional Prosedur`, Creator: 'Alur' },
    lang: 'id-ID',
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  pdf.font(BOLD).fontSize(14).text(`Laporan Evaluasi SPBE Tahun ${report.year}`, MARGIN, MARGIN);
  pdf
    .font(FONT)
    .fontSize(9)
    .text(
      'Standar Operasional Prosedur per perangkat daerah dan unit: jumlah SOP menurut status, SOP berlaku yang dijalankan pada tahun ini, dan kepatuhan waktu penyelesaian (kasus uji tidak dihitung).',
    );
  let y = header(pdf, pdf.y + 8);
  const row = (label: string, f: SpbeFigures, opts: { bold?: boolean; indent?: number } = {}) => {
    const texts = [label, ...cells(f), pct(f.compliance.withinSlaPct)];
    pdf.font(opts.bold ? BOLD : FONT).fontSize(SIZE);
    const height =
      Math.max(...texts.map((t, i) => pdf.heightOfString(t, { width: COLUMNS[i]!.width - 2 * PAD - (i === 0 ? (opts.indent ?? 0) : 0) }))) + 2 * PAD;
    if (y + height > PAGE.height - MARGIN - 14) {
      pdf.addPage();
      y = header(pdf, MARGIN);
    }
    let x = MARGIN;
    texts.forEach((t, i) => {
      const w = COLUMNS[i]!.width;
      pdf.rect(x, y, w, height).stroke('#888888');
      const indent = i === 0 ? (opts.indent ?? 0) : 0;
      pdf.fillColor('black').text(t, x + PAD + indent, y + PAD, { width: w - 2 * PAD - indent, align: i === 0 ? 'left' : 'right' });
      x += w;
    });
    y += height;
  };
  for (const opd of report.opds) {
    row(`${opd.name} (${opd.code})`, opd, { bold: true });
    for (const u of opd.units) row(`${u.name} (${u.code})`, u, { indent: 10 * u.depth });
  }
  row('Tanpa unit', report.unassigned);
  row('Jumlah', report.total, { bold: true });
  const range = pdf.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    pdf.switchToPage(range.start + i);
    // The footer sits in the bottom margin: without this pdfkit would start a new page for it.
    pdf.page.margins.bottom = 0;
    pdf
      .font(FONT)
      .fontSize(7)
      .fillColor('#555555')
      .text(`Laporan Evaluasi SPBE ${report.year} · halaman ${i + 1} dari ${range.count}`, MARGIN, PAGE.height - MARGIN - 8, {
        width: PAGE.width - 2 * MARGIN,
        align: 'right',
        lineBreak: false,
      });
  }
  pdf.end();
  return done;
}

/** The header row at `y`; returns where the first data row starts. */
function header(pdf: Doc, y: number): number {
  pdf.font(BOLD).fontSize(SIZE);
  const height = Math.max(...COLUMNS.map((c) => pdf.heightOfString(c.title, { width: c.width - 2 * PAD }))) + 2 * PAD;
  let x = MARGIN;
  for (const c of COLUMNS) {
    pdf.rect(x, y, c.width, height).fillAndStroke('#e8edf3', '#888888');
    pdf.fillColor('black').text(c.title, x + PAD, y + PAD, { width: c.width - 2 * PAD, align: 'center' });
    x += c.width;
  }
  return y + height;
}
