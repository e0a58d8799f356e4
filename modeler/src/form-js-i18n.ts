// form-js viewer texts in Bahasa Indonesia: its validation messages ("Field is
// required.") and the labels it draws, through form-js's own `translate`
// service (Validator and the fields inject it). The language is read at each
// call, so a form already on the page speaks the language switched to.
import { i18n } from './i18n';

/** form-js's English templates and their Indonesian wording; {placeholders} as form-js fills them. */
export const FORM_JS_ID: Record<string, string> = {
  'Field is required.': 'Wajib diisi.',
  'Field must be a valid email.': 'Isi dengan alamat email yang benar.',
  'Field must be a valid international phone number. (e.g. +4930664040900)': 'Isi dengan nomor telepon internasional yang benar (contoh: +6281234567890).',
  'Field must have maximum length of {value}.': 'Paling banyak {value} karakter.',
  'Field must have minimum length of {value}.': 'Paling sedikit {value} karakter.',
  'Field must have maximum value of {value}.': 'Nilai paling besar {value}.',
  'Field must have minimum value of {value}.': 'Nilai paling kecil {value}.',
  'Field must match pattern {value}.': 'Isian harus sesuai pola {value}.',
  'Max validation value is not a valid number.': 'Batas nilai terbesar bukan angka yang sah.',
  'Min validation value is not a valid number.': 'Batas nilai terkecil bukan angka yang sah.',
  'Date and time must both be entered.': 'Tanggal dan jam harus diisi keduanya.',
  'Value is not a number.': 'Isian bukan angka.',
  'Value is expected to be an integer.': 'Isian harus bilangan bulat.',
  'Value is expected to have at most 1 decimal digit.': 'Paling banyak 1 angka di belakang koma.',
  'Value is expected to have at most {value} decimal digits.': 'Paling banyak {value} angka di belakang koma.',
  'Please select a valid value, the two nearest valid values are {previousValue} and {nextValue}.':
    'Pilih nilai yang sah; dua nilai sah terdekat adalah {previousValue} dan {nextValue}.',
  'No files selected': 'Belum ada berkas dipilih',
  Browse: 'Pilih berkas',
  '{value} files selected': '{value} berkas dipilih',
  'Document reference is not defined.': 'Rujukan dokumen tidak ditentukan.',
  'Unable to download document': 'Dokumen tidak dapat diunduh',
  'Download {fileName}': 'Unduh {fileName}',
  'Add new': 'Tambah',
  Collapse: 'Ciutkan',
  'Expand all ({value})': 'Buka semua ({value})',
  Increment: 'Tambah satu',
  Decrement: 'Kurangi satu',
  Search: 'Cari',
  'Skip to search': 'Langsung ke pencarian',
  'Remove tag': 'Hapus pilihan',
  'No results': 'Tidak ada hasil',
  'All values selected': 'Semua nilai sudah dipilih',
  'No content to show.': 'Tidak ada isi untuk ditampilkan.',
  "External content couldn't be loaded.": 'Konten luar tidak dapat dimuat.',
  'Nothing to show.': 'Tidak ada yang ditampilkan.',
  '{page} of {total}': '{page} dari {total}',
  'Previous page': 'Halaman sebelumnya',
  'Next page': 'Halaman berikutnya',
  'Click to sort by {value} ascending': 'Klik untuk mengurutkan menurut {value} dari kecil ke besar',
  'Click to sort by {value} descending': 'Klik untuk mengurutkan menurut {value} dari besar ke kecil',
  'Click to remove sorting': 'Klik untuk menghapus urutan',
};

/** form-js's translate: the template in the current language, {placeholders} filled. */
export function translateFormJs(template: string, replacements: Record<string, unknown> = {}): string {
  const text = i18n.global.locale.value === 'id' ? (FORM_JS_ID[template] ?? template) : template;
  return text.replace(/{([^}]+)}/g, (whole, key: string) => (key in replacements ? String(replacements[key]) : whole));
}

/** The module for `new Form({ additionalModules: [formJsTranslateModule] })`. */
export const formJsTranslateModule = { translate: ['value', translateFormJs] };

/**
 * The file picker's button says "Browse" without asking translate (form-js
 * 2.0): its text is set here after the form is drawn and when the language
 * changes (Preact leaves it, as its own copy of the text does not change).
 */
export function relabelFilePickers(container: HTMLElement | null | undefined): void {
  for (const button of container?.querySelectorAll<HTMLButtonElement>('.fjs-filepicker-button') ?? []) button.textContent = translateFormJs('Browse');
}
