// The public catalogue's steps: in the order a case meets them, tasks only.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileBpmn } from '@alur/workflows/compiler';
import { orderedSteps, publicDiagram, splitList } from '../../src/services/public-sops';

async function ir(path: string) {
  const compiled = await compileBpmn(readFileSync(new URL(path, import.meta.url), 'utf8'));
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
  return compiled.ir;
}

describe('public SOP steps', () => {
  it('lists tasks breadth-first from the start event, skipping gateways, events and scripts', async () => {
    const steps = orderedSteps(await ir('../../../workflows/test/fixtures/pengaduan.bpmn'));
    expect(steps.map((s) => s.id)).toEqual(['Terima', 'TanggapanRingan', 'Investigasi', 'Notifikasi', 'Tanggapan', 'Eskalasi']);
    const verifikasi = orderedSteps(await ir('../../../test/fixtures/verifikasi-berkas.bpmn'));
    expect(verifikasi.map((s) => s.id)).toEqual(['Periksa', 'Serahkan', 'TindakLanjut']);
  });

  it('splits requirements on semicolons, commas and lines', () => {
    expect(splitList('KTP; KK, surat pengantar\nfoto ')).toEqual(['KTP', 'KK', 'surat pengantar', 'foto']);
    expect(splitList(undefined)).toEqual([]);
  });

  it('keeps names, layout and mutu baku in the public diagram, and drops executable detail', async () => {
    const xml = readFileSync(new URL('../../../workflows/test/fixtures/pengaduan.bpmn', import.meta.url), 'utf8');
    const { xml: cleaned } = await publicDiagram(xml);
    expect(cleaned).toContain('name="Investigasi lapangan"');
    expect(cleaned).toContain('<bpmn:lane id="Lane_verifikator" name="Verifikator">');
    for (const secret of ['candidateGroups', '127.0.0.1', 'kategori = "berat"', 'xmlns:zeebe']) expect(cleaned).not.toContain(secret);
  });
});

describe('public SOP steps with a sub-process', () => {
  it("lists the sub-process's own tasks where the sub-process stands", async () => {
    const compiled = await ir('../../../test/fixtures/sub-proses-bersarang.bpmn');
    const steps = orderedSteps(compiled);
    const parents = steps.map((s) => s.parent ?? '-');
    expect(steps.length).toBeGreaterThan(0);
    expect(parents.some((p) => p !== '-')).toBe(true);
    // Every task of the diagram is listed exactly once.
    const tasks = Object.values(compiled.nodes).filter((n) => ['userTask', 'serviceTask', 'manualTask', 'receiveTask', 'sendTask'].includes(n.type));
    expect(steps.map((s) => s.id).sort()).toEqual(tasks.map((t) => t.id).sort());
  });
});
