import type { Client } from '@temporalio/client';
import type { PrismaClient } from '@alur/db';
import { CaseStarter, caseSettings, ProjectionWatch, TimerSchedules, type GovernanceSettings } from '@alur/cases';
import { PUBLIC_ONLY, type OutboundPolicy } from '@alur/workflows/outbound-policy';
import { AuthService } from '../resources/auth/service';
import { CaseService } from './cases';
import { DocumentService } from './documents';
import { SopService } from './sops';
import { AuditService } from './audit';
import { TaskService } from './tasks';
import { UnitService } from '../resources/units/service';
import { UserService } from '../resources/users/service';
import { DeviationService } from './deviations';
import { CalendarService } from '../resources/calendars/service';
import { RejectedActionService } from '../resources/rejected-actions/service';
import { SlaService } from '../resources/slas/service';
import { WebhookService } from '../resources/webhooks/service';
import { ChannelService } from '../resources/channels/service';
import { ComplaintService } from '../resources/complaints/service';
import type { SopApproval } from '../resources/sop-lifecycle/in-force';
import { TriageService } from '../resources/triage/service';
import { VerdictService } from '../resources/verdicts/service';

/** What the route plugins get injected: every service, built here and nowhere else. */
export interface Services {
  prisma: PrismaClient;
  temporal: Client;
  /** Waits for a case's projection to reach an event sequence number (case starts, task Updates); fed by live events' LISTEN. */
  projection: ProjectionWatch;
  auth: AuthService;
  sops: SopService;
  /** Timer start events as Temporal Schedules (synced by SopService on every change of an SOP's versions). */
  timers: TimerSchedules;
  cases: CaseService;
  units: UnitService;
  users: UserService;
  tasks: TaskService;
  audit: AuditService;
  documents: DocumentService;
  deviations: DeviationService;
  rejectedActions: RejectedActionService;
  slas: SlaService;
  calendars: CalendarService;
  webhooks: WebhookService;
  /** Complaint channels and complaints (issue 18). */
  channels: ChannelService;
  complaints: ComplaintService;
  triage: TriageService;
  verdicts: VerdictService;
  /** What webhooks may call (ALUR_OUTBOUND_ALLOW), checked on fixed URLs at deploy and webhook registration. */
  outboundPolicy: OutboundPolicy;
}

export interface ServiceOptions {
  /** Code of the unit handling cases started without one (ALUR_DEFAULT_UNIT). */
  defaultUnit?: string;
  /** Largest case document accepted (ALUR_DOCUMENT_MAX_BYTES). */
  documentMaxBytes?: number;
  /** ALUR_OUTBOUND_ALLOW; public addresses only when omitted. */
  outboundPolicy?: OutboundPolicy;
  /** Largest size of a case's variables as JSON (ALUR_MAX_CASE_VARIABLES_BYTES). */
  maxCaseVariablesBytes?: number;
  /** A session ends after this many minutes without a request (ALUR_SESSION_IDLE_MINUTES); 60 when omitted. */
  sessionIdleMinutes?: number;
  /** ALUR_SOP_APPROVAL; `off` when omitted. */
  sopApproval?: SopApproval;
  /** ALUR_SLA_AT_RISK_SHARE, ALUR_IDLE_AFTER (read at boot); the defaults when omitted. */
  governance?: GovernanceSettings;
}

export function createServices(prisma: PrismaClient, temporal: Client, taskQueue: string, opts: ServiceOptions = {}): Services {
  const units = new UnitService(prisma, opts.defaultUnit);
  const outboundPolicy = opts.outboundPolicy ?? PUBLIC_ONLY;
  const timers = new TimerSchedules(prisma, temporal, taskQueue);
  const sops = new SopService(prisma, units, outboundPolicy, opts.sopApproval, timers);
  const projection = new ProjectionWatch(prisma);
  // Every case start (staff, citizen, message, signal) goes through it, with the settings read at boot.
  const starter = new CaseStarter(
    prisma,
    temporal,
    caseSettings({ taskQueue, defaultUnit: opts.defaultUnit, maxCaseVariablesBytes: opts.maxCaseVariablesBytes, governance: opts.governance }),
    projection,
  );
  const cases = new CaseService(prisma, temporal, starter, units);
  const documents = new DocumentService(prisma, units, opts.documentMaxBytes);
  const channels = new ChannelService(prisma, outboundPolicy);
  return {
    prisma,
    temporal,
    projection,
    auth: new AuthService(prisma, { sessionIdleMinutes: opts.sessionIdleMinutes }),
    sops,
    timers,
    cases,
    units,
    users: new UserService(prisma),
    tasks: new TaskService(prisma, temporal, units, starter),
    audit: new AuditService(prisma),
    documents,
    deviations: new DeviationService(prisma, temporal, units),
    rejectedActions: new RejectedActionService(prisma),
    slas: new SlaService(prisma, sops),
    calendars: new CalendarService(prisma),
    webhooks: new WebhookService(prisma, outboundPolicy),
    channels,
    complaints: new ComplaintService(prisma, cases, channels, units, documents.maxBytes),
    triage: new TriageService(prisma, temporal),
    verdicts: new VerdictService(prisma, cases),
    outboundPolicy,
  };
}
