// Complaints (issue 18): a case plus its complaint record. Intake from a
// channel is idempotent on (channel, externalId): the record is written first
// under that unique key, and the case id derives from the record, so the same
// message again (even at the same moment) names the same case. Attachments
// become case documents under the same checks as staff uploads. The reporter
// (identity and contact) of a confidential or anonymous complaint is readable
// by the complaint desk (admin-pengaduan, admin) only.
import { createHash } from 'node:crypto';
import { appendAudit, AUDIT_TX_OPTIONS, Prisma, type PrismaClient } from '@alur/db';
import type { AuthUser } from '../auth/service';
import type { CaseService } from '../../services/cases';
import { documentProblem } from '../../services/documents';
import { assertCaseAccess } from '../../services/case-access';
import { HttpError, refusalAnswer } from '../../services/http-error';
import type { UnitService } from '../units/service';
import { COMPLAINT_DESK } from '../../roles';
import type { ChannelService } from '../channels/service';
import { enqueueNotice } from './notices';
import { HIDDEN_REPORTER, type ComplaintView, type InboundBody } from './schema';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

type ComplaintRow = Prisma.ComplaintGetPayload<object>;

/** Whether the reader is the complaint desk, who alone reads a confidential or anonymous reporter. */
export const isComplaintDesk = (user: AuthUser | undefined) => !!user && user.roles.some((r) => COMPLAINT_DESK.includes(r));

/** The complaint as `reader` may see it. */
export function complaintView(row: ComplaintRow, reader: AuthUser | undefined): ComplaintView {
  const hidden = (row.confidential || row.anonymous) && !isComplaintDesk(reader);
  return {
    caseId: row.caseId,
    channel: row.channel,
    externalId: row.externalId,
    receivedAt: row.receivedAt.toISOString(),
    reporter: {
      hidden,
      name: hidden ? HIDDEN_REPORTER : row.reporterName,
      phone: hidden ? null : row.reporterPhone,
      email: hidden ? null : row.reporterEmail,
      anonymous: row.anonymous,
      confidential: row.confidential,
    },
    text: row.text,
    category: row.category,
    location: row.latitude !== null && row.longitude !== null ? { lat: row.latitude, lng: row.longitude, address: row.address } : null,
    createdAt: row.createdAt.toISOString(),
  };
}

interface CheckedAttachment {
  name: string;
  mediaType: string;
  content: Buffer;
}

export class ComplaintService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly cases: CaseService,
    private readonly channels: ChannelService,
    private readonly units: UnitService,
    /** Largest attachment (ALUR_DOCUMENT_MAX_BYTES, as for staff uploads). */
    private readonly documentMaxBytes: number,
  ) {}

  /** 201 with `created` for a new complaint, else the case the same (channel, externalId) started earlier. */
  async intake(channelName: string, body: InboundBody, user: AuthUser): Promise<{ created: boolean; caseId: string; trackingCode: string }> {
    const channel = await this.channels.get(channelName);
    const attachments = this.checkAttachments(body.attachments ?? []);
    const data = {
      channel: channelName,
      externalId: body.externalId,
      sopKey: channel.sopKey,
      receivedAt: new Date(body.receivedAt),
      reporterName: body.reporter.name ?? null,
      reporterPhone: body.reporter.phone ?? null,
      reporterEmail: body.reporter.email ?? null,
      anonymous: body.reporter.anonymous ?? false,
      confidential: body.reporter.confidential ?? false,
      text: body.text,
      category: body.category ?? null,
      latitude: body.location?.lat ?? null,
      longitude: body.location?.lng ?? null,
      address: body.location?.address ?? null,
      attachmentsStored: attachments.length === 0,
      createdBy: user.username,
    };
    let row: ComplaintRow;
    let created = true;
    try {
      row = await this.prisma.complaint.create({ data });
    } catch (err) {
      if (!(err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002')) throw err;
      created = false;
      row = await this.prisma.complaint.findUniqueOrThrow({ where: { channel_externalId: { channel: channelName, externalId: body.externalId } } });
    }
    if (!created && row.caseId) {
      const c = await this.prisma.case.findUnique({ where: { id: row.caseId }, select: { trackingCode: true } });
      if (c) {
        await this.storeAttachments(row, attachments, user);
        return { created, caseId: row.caseId, trackingCode: c.trackingCode };
      }
    }
    // The case id derives from the record's id: whoever starts it, first or again, starts the same case.
    let started: { id: string; trackingCode: string };
    try {
      started = await this.cases.start(row.sopKey, body.variables ?? {}, {}, undefined, `complaint:${row.id}`);
    } catch (err) {
      // A refused start (the SOP's form refuses the variables, a case-core refusal...) leaves no complaint behind: the corrected message is a new one.
      if (created && (refusalAnswer(err)?.status ?? 500) < 500) await this.prisma.complaint.deleteMany({ where: { id: row.id, caseId: null } });
      throw err;
    }
    await this.prisma.complaint.update({ where: { id: row.id }, data: { caseId: started.id } });
    await enqueueNotice(this.prisma, started.id, 'intake', { trackingCode: started.trackingCode });
    await this.storeAttachments({ ...row, caseId: started.id }, attachments, user);
    return { created, caseId: started.id, trackingCode: started.trackingCode };
  }

  /** Each attachment decoded and checked as an upload is (media type, first bytes, size, name); a 422 naming the attachment. */
  private checkAttachments(list: NonNullable<InboundBody['attachments']>): CheckedAttachment[] {
    return list.map((a, i) => {
      const field = (part: string, message: string) =>
        new HttpError(
          422,
          `attachments[${i}] (${a.name}): ${part} ${message}`,
          { errors: [{ field: `body.attachments.${i}.${part}`, message }] },
          'complaint.attachment_invalid',
        );
      const text = a.base64.replace(/\s+/g, '');
      if (!BASE64.test(text) || text.length % 4 === 1) throw field('base64', 'is not base64');
      // Refuse an oversize file before decoding it.
      if (Math.floor((text.length * 3) / 4) > this.documentMaxBytes + 2) throw field('base64', `must decode to at most ${this.documentMaxBytes} bytes`);
      const content = Buffer.from(text, 'base64');
      const problem = documentProblem({ name: a.name, contentType: a.contentType, content }, this.documentMaxBytes);
      if (problem) throw field(problem.part === 'content' ? 'base64' : problem.part, problem.message);
      return { name: a.name.trim(), mediaType: a.contentType.split(';')[0]!.trim().toLowerCase(), content };
    });
  }

  /** The attachments as case documents, once: the first to flip attachmentsStored writes them (a resend finishes an interrupted intake). */
  private async storeAttachments(row: ComplaintRow, attachments: CheckedAttachment[], user: AuthUser) {
    if (row.attachmentsStored || attachments.length === 0 || !row.caseId) return;
    const caseId = row.caseId;
    const exists = await this.prisma.case.findUnique({ where: { id: caseId }, select: { id: true } });
    if (!exists) throw new HttpError(503, `The case ${caseId} of this complaint is not readable yet; send the message again`);
    await this.prisma.$transaction(async (tx) => {
      const { count } = await tx.complaint.updateMany({ where: { id: row.id, attachmentsStored: false }, data: { attachmentsStored: true } });
      if (count === 0) return;
      const audit = [];
      for (const a of attachments) {
        const sha256 = createHash('sha256').update(a.content).digest('hex');
        const doc = await tx.caseDocument.create({
          data: {
            caseId,
            fileName: a.name,
            mediaType: a.mediaType,
            sizeBytes: a.content.length,
            sha256,
            content: new Uint8Array(a.content),
            uploadedBy: user.username,
          },
          select: { id: true },
        });
        audit.push({
          action: 'case.document_uploaded',
          actor: user.username,
          target: `case:${caseId}`,
          details: {
            documentId: doc.id,
            fileName: a.name,
            mediaType: a.mediaType,
            sizeBytes: a.content.length,
            sha256,
            complaint: `${row.channel}:${row.externalId}`,
          },
        });
      }
      await appendAudit(tx, audit);
    }, AUDIT_TX_OPTIONS);
  }

  /** The complaint record of a case, for those who may read the case (and the complaint desk); the reporter as the reader may see them. */
  async ofCase(caseId: string, reader: AuthUser): Promise<ComplaintView> {
    if (!isComplaintDesk(reader)) await assertCaseAccess(this.prisma, this.units, reader, caseId);
    const row = await this.prisma.complaint.findUnique({ where: { caseId } });
    if (!row) throw new HttpError(404, `Case "${caseId}" is not a complaint`, undefined, 'complaint.not_found');
    return complaintView(row, reader);
  }
}
