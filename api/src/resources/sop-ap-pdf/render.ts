// The SOP-AP document (Permenpan RB 35/2012) as a PDF: the identity page, then
// the flowchart table (No, Kegiatan, a column per Pelaksana where the symbols
// and arrows run, Mutu Baku: Kelengkapan, Waktu, Output; Keterangan), A4
// landscape, Bahasa Indonesia. A flow that runs over a page break leaves by an
// off-page connector and comes back in by one with the same letter. pdfkit:
// vector shapes plus text measuring (row heights follow the wrapped text).
import PDFDocument from 'pdfkit';
import type { SopApRow, SopApTable, Symbol } from './rows';
import type { SopIdentity } from '../sop-identity/identity';

export interface SopApDocument {
  name: string;
  key: string;
  version: number;
  state: string;
  /** The owning unit and those above it, from the unit itself up to its OPD. */
  units: string[];
  identity: SopIdentity;
  /** keterkaitan entries that are SOP keys -> the SOP's name. */
  linkedSops: Map<string, string>;
  table: SopApTable;
}

const MARGIN = 28;
const PAGE = { width: 841.89, height: 595.28 };
const INNER = PAGE.width - 2 * MARGIN;
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const TABLE_SIZE = 7.5;
const PAD = 4;
/** Room kept at the bottom of a table page for an off-page connector, and at the top for the one coming in. */
const CONNECTOR_ROOM = 30;
const FOOTER = 14;
const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

type Doc = PDFKit.PDFDocument;

export function tanggal(date: string | undefined): string {
  if (!date) return '-';
  const [y, m, d] = date.split('-').map(Number);
  return `${d} ${MONTHS[(m ?? 1) - 1]} ${y}`;
}

export async function renderSopAp(doc: SopApDocument): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: MARGIN,
    bufferPages: true,
    info: { Title: `SOP ${doc.name}`, Subject: 'Standar Operasional Prosedur Administrasi Pemerintahan (Permenpan RB 35/2012)', Creator: 'Alur' },
    lang: 'id-ID',
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  identityPage(pdf, doc);
  flowchartPages(pdf, doc);
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    // Below the bottom margin: without this pdfkit would start a page for the footer.
    pdf.page.margins.bottom = 0;
    pdf
      .font(FONT)
      .fontSize(7)
      .fillColor('#444')
      .text(`SOP ${doc.name} (${doc.key} versi ${doc.version}) - Halaman ${i + 1} dari ${range.count}`, MARGIN, PAGE.height - MARGIN - 8, {
        width: INNER,
        align: 'right',
        lineBreak: false,
      });
    pdf.fillColor('black');
  }
  pdf.end();
  return done;
}

/** Text in a box; returns nothing, draws the border when asked. */
function cell(
  pdf: Doc,
  text: string,
  x: number,
  y: number,
  w: number,
  h: number,
  opts: { bold?: boolean; size?: number; align?: 'left' | 'center'; border?: boolean } = {},
) {
  if (opts.border !== false) pdf.lineWidth(0.6).rect(x, y, w, h).stroke();
  pdf
    .font(opts.bold ? BOLD : FONT)
    .fontSize(opts.size ?? TABLE_SIZE)
    .text(text, x + PAD, y + PAD, { width: w - 2 * PAD, align: opts.align ?? 'left' });
}

function textHeight(pdf: Doc, text: string, w: number, size = TABLE_SIZE, bold = false): number {
  pdf.font(bold ? BOLD : FONT).fontSize(size);
  return pdf.heightOfString(text || ' ', { width: w - 2 * PAD }) + 2 * PAD;
}

const list = (items: string[] | undefined, show: (s: string) => string = (s) => s) =>
  items && items.length ? items.map((s, i) => `${i + 1}. ${show(s)}`).join('\n') : '-';

function identityPage(pdf: Doc, doc: SopApDocument) {
  const id = doc.identity;
  const opd = doc.units.at(-1);
  const unit = doc.units[0];
  const leftW = INNER * 0.42;
  const rightW = INNER - leftW;
  const labelW = 120;
  const y0 = MARGIN;
  const disahkan = id.disahkanOleh ?? {};
  const fields: [string, string][] = [
    ['Nomor SOP', id.nomor ?? '-'],
    ['Tanggal Pembuatan', tanggal(id.tanggalPembuatan)],
    ['Tanggal Revisi', tanggal(id.tanggalRevisi)],
    ['Tanggal Efektif', tanggal(id.tanggalEfektif)],
    ['Disahkan oleh', [disahkan.jabatan ?? '-', '', disahkan.nama ?? '-', `NIP. ${disahkan.nip ?? '-'}`].join('\n')],
    ['Nama SOP', doc.name],
  ];
  const heights = fields.map(([, v]) => Math.max(18, textHeight(pdf, v, rightW - labelW, 9)));
  const headerH = heights.reduce((a, b) => a + b, 0);
  // Left: the issuing office.
  pdf.lineWidth(0.8).rect(MARGIN, y0, leftW, headerH).stroke();
  const office = [opd ? opd.toUpperCase() : 'PEMERINTAH DAERAH', unit && unit !== opd ? unit.toUpperCase() : ''].filter(Boolean).join('\n');
  pdf
    .font(BOLD)
    .fontSize(12)
    .text(office, MARGIN + 10, y0 + headerH / 2 - 20, { width: leftW - 20, align: 'center' });
  let y = y0;
  fields.forEach(([label, value], i) => {
    cell(pdf, label, MARGIN + leftW, y, labelW, heights[i]!, { bold: true, size: 9 });
    cell(pdf, value, MARGIN + leftW + labelW, y, rightW - labelW, heights[i]!, { size: 9 });
    y += heights[i]!;
  });
  y += 12;
  const half = INNER / 2;
  const linked = (s: string) => (doc.linkedSops.has(s) ? `${doc.linkedSops.get(s)} (SOP ${s})` : s);
  const pairs: [string, string, string, string][] = [
    ['Dasar Hukum', list(id.dasarHukum), 'Kualifikasi Pelaksana', list(id.kualifikasiPelaksana)],
    ['Keterkaitan', list(id.keterkaitan, linked), 'Peralatan/Perlengkapan', list(id.peralatan)],
    ['Peringatan', id.peringatan ?? '-', 'Pencatatan dan Pendataan', id.pencatatan ?? '-'],
  ];
  for (const [l1, v1, l2, v2] of pairs) {
    cell(pdf, `${l1}:`, MARGIN, y, half, 16, { bold: true, size: 9 });
    cell(pdf, `${l2}:`, MARGIN + half, y, half, 16, { bold: true, size: 9 });
    y += 16;
    const h = Math.max(textHeight(pdf, v1, half, 9), textHeight(pdf, v2, half, 9), 22);
    cell(pdf, v1, MARGIN, y, half, h, { size: 9 });
    cell(pdf, v2, MARGIN + half, y, half, h, { size: 9 });
    y += h;
  }
  if (doc.state !== 'berlaku') {
    pdf
      .font(BOLD)
      .fontSize(10)
      .fillColor('#b00')
      .text(`Status: ${doc.state.toUpperCase()} (belum berlaku)`, MARGIN, y + 10, { width: INNER });
    pdf.fillColor('black');
  }
}

interface Columns {
  no: number;
  kegiatan: number;
  pelaksana: number[];
  kelengkapan: number;
  waktu: number;
  output: number;
  keterangan: number;
}

function columns(n: number): Columns {
  const fixed = { no: 22, kegiatan: 150, kelengkapan: 105, waktu: 58, output: 95, keterangan: 95 };
  const fixedTotal = Object.values(fixed).reduce((a, b) => a + b, 0);
  const minCol = 48;
  let each = (INNER - fixedTotal) / Math.max(n, 1);
  let scale = 1;
  if (each < minCol) {
    each = minCol;
    scale = (INNER - minCol * n) / fixedTotal;
  }
  return {
    no: fixed.no * scale,
    kegiatan: fixed.kegiatan * scale,
    pelaksana: Array.from({ length: n }, () => each),
    kelengkapan: fixed.kelengkapan * scale,
    waktu: fixed.waktu * scale,
    output: fixed.output * scale,
    keterangan: fixed.keterangan * scale,
  };
}

/** Draws the two header rows; returns their bottom. */
function tableHeader(pdf: Doc, cols: Columns, pelaksana: string[]): number {
  const y = MARGIN;
  const namesH = Math.max(18, ...pelaksana.map((p, i) => textHeight(pdf, p, cols.pelaksana[i]!, TABLE_SIZE, true)));
  const topH = 16;
  const fullH = topH + namesH;
  let x = MARGIN;
  cell(pdf, 'No', x, y, cols.no, fullH, { bold: true, align: 'center' });
  x += cols.no;
  cell(pdf, 'Kegiatan', x, y, cols.kegiatan, fullH, { bold: true, align: 'center' });
  x += cols.kegiatan;
  const pw = cols.pelaksana.reduce((a, b) => a + b, 0);
  cell(pdf, 'Pelaksana', x, y, pw, topH, { bold: true, align: 'center' });
  pelaksana.forEach((p, i) => {
    cell(pdf, p, x, y + topH, cols.pelaksana[i]!, namesH, { bold: true, align: 'center' });
    x += cols.pelaksana[i]!;
  });
  const mw = cols.kelengkapan + cols.waktu + cols.output;
  cell(pdf, 'Mutu Baku', x, y, mw, topH, { bold: true, align: 'center' });
  cell(pdf, 'Kelengkapan', x, y + topH, cols.kelengkapan, namesH, { bold: true, align: 'center' });
  cell(pdf, 'Waktu', x + cols.kelengkapan, y + topH, cols.waktu, namesH, { bold: true, align: 'center' });
  cell(pdf, 'Output', x + cols.kelengkapan + cols.waktu, y + topH, cols.output, namesH, { bold: true, align: 'center' });
  x += mw;
  cell(pdf, 'Keterangan', x, y, cols.keterangan, fullH, { bold: true, align: 'center' });
  return y + fullH;
}

interface Placed {
  page: number;
  /** Shape centre x, and its top and bottom y. */
  cx: number;
  top: number;
  bottom: number;
}

function flowchartPages(pdf: Doc, doc: SopApDocument) {
  const { pelaksana, rows } = doc.table;
  const cols = columns(pelaksana.length);
  const pelaksanaX = (name: string) => {
    const i = Math.max(0, pelaksana.indexOf(name));
    const x = MARGIN + cols.no + cols.kegiatan + cols.pelaksana.slice(0, i).reduce((a, b) => a + b, 0);
    return { x, w: cols.pelaksana[i]! };
  };
  const bottomLimit = PAGE.height - MARGIN - FOOTER - CONNECTOR_ROOM;
  const placed: Placed[] = [];
  let page = 0;
  let connector = 0;
  let y = 0;
  let pendingIn: { cx: number; y: number } | undefined;
  const newPage = () => {
    pdf.addPage({ size: 'A4', layout: 'landscape', margin: MARGIN });
    page++;
    y = tableHeader(pdf, cols, pelaksana);
  };
  newPage();
  if (rows.length === 0) {
    cell(pdf, 'SOP ini belum memiliki kegiatan.', MARGIN, y, INNER, 20);
    return;
  }
  rows.forEach((row, i) => {
    const h = rowHeight(pdf, row, cols);
    if (y + h > bottomLimit && i > 0) {
      // The flow into this row continues on the next page: off-page connectors with one letter.
      const from = rows.findIndex((r, j) => j < i && r.next.includes(i));
      const letter = String.fromCharCode(65 + (connector++ % 26));
      if (from >= 0 && placed[from]!.page === page) {
        const p = placed[from]!;
        const cy = bottomLimit + 4;
        arrow(pdf, [
          [p.cx, p.bottom],
          [p.cx, cy],
        ]);
        offPage(pdf, p.cx, cy, letter);
      }
      newPage();
      if (from >= 0) {
        const target = pelaksanaX(row.pelaksana);
        const cx = target.x + target.w / 2;
        offPage(pdf, cx, y + 2, letter);
        pendingIn = { cx, y: y + 24 };
      }
      y += CONNECTOR_ROOM;
    }
    drawRow(pdf, row, cols, y, h);
    const col = pelaksanaX(row.pelaksana);
    const cx = col.x + col.w / 2;
    const shape = drawSymbol(pdf, row.symbol, cx, y + h / 2, Math.min(col.w - 10, 62));
    if (pendingIn) {
      arrow(pdf, [
        [pendingIn.cx, pendingIn.y],
        [cx, shape.top],
      ]);
      pendingIn = undefined;
    }
    placed.push({ page, cx, top: shape.top, bottom: shape.bottom });
    // Arrows from earlier rows on this page into this one (the next row in the flow).
    rows.forEach((r, j) => {
      if (j >= i || !r.next.includes(i) || placed[j]!.page !== page || j !== i - 1) return;
      const p = placed[j]!;
      const mid = (p.bottom + shape.top) / 2;
      arrow(
        pdf,
        p.cx === cx
          ? [
              [p.cx, p.bottom],
              [cx, shape.top],
            ]
          : [
              [p.cx, p.bottom],
              [p.cx, mid],
              [cx, mid],
              [cx, shape.top],
            ],
      );
    });
    y += h;
  });
}

function rowHeight(pdf: Doc, row: SopApRow, cols: Columns): number {
  return Math.max(
    46,
    textHeight(pdf, row.kegiatan, cols.kegiatan),
    textHeight(pdf, row.kelengkapan, cols.kelengkapan),
    textHeight(pdf, row.waktu, cols.waktu),
    textHeight(pdf, row.output, cols.output),
    textHeight(pdf, row.keterangan, cols.keterangan),
  );
}

function drawRow(pdf: Doc, row: SopApRow, cols: Columns, y: number, h: number) {
  let x = MARGIN;
  cell(pdf, String(row.no), x, y, cols.no, h, { align: 'center' });
  x += cols.no;
  cell(pdf, row.kegiatan, x, y, cols.kegiatan, h);
  x += cols.kegiatan;
  for (const w of cols.pelaksana) {
    pdf.lineWidth(0.6).rect(x, y, w, h).stroke();
    x += w;
  }
  cell(pdf, row.kelengkapan || '-', x, y, cols.kelengkapan, h);
  x += cols.kelengkapan;
  cell(pdf, row.waktu || '-', x, y, cols.waktu, h, { align: 'center' });
  x += cols.waktu;
  cell(pdf, row.output || '-', x, y, cols.output, h);
  x += cols.output;
  cell(pdf, row.keterangan, x, y, cols.keterangan, h);
}

/** The SOP-AP symbols: terminator (rounded), activity (rectangle), decision (diamond). */
function drawSymbol(pdf: Doc, symbol: Symbol, cx: number, cy: number, maxW: number): { top: number; bottom: number } {
  pdf.lineWidth(0.9);
  if (symbol === 'decision') {
    const w = Math.min(maxW, 34);
    const h = 24;
    pdf.polygon([cx, cy - h / 2], [cx + w / 2, cy], [cx, cy + h / 2], [cx - w / 2, cy]).stroke();
    return { top: cy - h / 2, bottom: cy + h / 2 };
  }
  const w = Math.max(24, maxW);
  const h = 18;
  if (symbol === 'terminator') pdf.roundedRect(cx - w / 2, cy - h / 2, w, h, h / 2).stroke();
  else pdf.rect(cx - w / 2, cy - h / 2, w, h).stroke();
  return { top: cy - h / 2, bottom: cy + h / 2 };
}

/** Off-page connector: a pentagon pointing down, with its letter. */
function offPage(pdf: Doc, cx: number, top: number, letter: string) {
  const w = 16;
  const h = 18;
  pdf
    .lineWidth(0.9)
    .polygon([cx - w / 2, top], [cx + w / 2, top], [cx + w / 2, top + h * 0.6], [cx, top + h], [cx - w / 2, top + h * 0.6])
    .stroke();
  pdf
    .font(BOLD)
    .fontSize(7)
    .text(letter, cx - w / 2, top + 3, { width: w, align: 'center', lineBreak: false });
}

function arrow(pdf: Doc, points: [number, number][]) {
  pdf.lineWidth(0.7);
  pdf.moveTo(points[0]![0], points[0]![1]);
  for (const [x, y] of points.slice(1)) pdf.lineTo(x, y);
  pdf.stroke();
  const [x2, y2] = points.at(-1)!;
  const [x1, y1] = points.at(-2)!;
  const angle = Math.atan2(y2 - y1, x2 - x1);
  const size = 4;
  pdf
    .polygon(
      [x2, y2],
      [x2 - size * Math.cos(angle - Math.PI / 7), y2 - size * Math.sin(angle - Math.PI / 7)],
      [x2 - size * Math.cos(angle + Math.PI / 7), y2 - size * Math.sin(angle + Math.PI / 7)],
    )
    .fill();
}
