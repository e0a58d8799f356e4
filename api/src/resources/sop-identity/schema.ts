import { Type, type Static } from '@sinclair/typebox';

const Text = (maxLength: number, description?: string) => Type.String({ maxLength, ...(description ? { description } : {}) });
const Date = (description: string) => Text(10, `${description}, YYYY-MM-DD`);
const List = (description: string) => Type.Array(Text(1000), { maxItems: 100, description });

/** SOP-AP identity (Permenpan RB 35/2012): every field optional until the version is submitted. */
export const SopIdentityBody = Type.Object(
  {
    nomor: Type.Optional(Text(200, 'nomor SOP, e.g. 800/123/SOP/DISDUKCAPIL/2026')),
    tanggalPembuatan: Type.Optional(Date('tanggal pembuatan')),
    tanggalRevisi: Type.Optional(Date('tanggal revisi')),
    tanggalEfektif: Type.Optional(Date('tanggal efektif (set when the version is made berlaku, if empty)')),
    disahkanOleh: Type.Optional(
      Type.Object(
        {
          nama: Type.Optional(Text(200)),
          nip: Type.Optional(Text(40, 'NIP, 18 digits (spaces allowed)')),
          jabatan: Type.Optional(Text(300)),
        },
        { additionalProperties: false },
      ),
    ),
    dasarHukum: Type.Optional(List('dasar hukum, one regulation per item')),
    kualifikasiPelaksana: Type.Optional(List('kualifikasi pelaksana')),
    keterkaitan: Type.Optional(List('keterkaitan: the key of another SOP (linked) or text')),
    peralatan: Type.Optional(List('peralatan/perlengkapan')),
    peringatan: Type.Optional(Text(4000)),
    pencatatan: Type.Optional(Text(4000, 'pencatatan dan pendataan')),
  },
  { additionalProperties: false },
);
export type SopIdentityBody = Static<typeof SopIdentityBody>;

export const SopIdentityAnswer = Type.Object({
  key: Type.String(),
  version: Type.Integer(),
  state: Type.String(),
  identity: SopIdentityBody,
  /** Fields a version needs before it is submitted (and approved) that are still empty. */
  missing: Type.Array(Type.String()),
  /** keterkaitan entries that are SOP keys, with the SOP's name (links). */
  linkedSops: Type.Array(Type.Object({ key: Type.String(), name: Type.String() })),
});
