// Deploy-time check of the addresses an SOP calls (webhook service tasks and
// messages sent through a service) against the outbound call policy: a fixed
// URL to localhost or to an internal IP literal (loopback, private, link-local
// such as the metadata service 169.254.169.254, ...) is refused, naming the
// element, unless ALUR_OUTBOUND_ALLOW allows it. The API passes the policy in
// (the compiler reads no environment). Host names are checked when the call is
// made, after DNS (worker/src/outbound/).
import { HTTP_JSON_CONNECTOR, type SopIR } from '../ir';
import { literalUrlRefusal, type OutboundPolicy } from '../common/outbound-policy';
import type { CompileError } from './types';

interface Job {
  taskType?: string;
  headers?: Record<string, string>;
}

export function checkOutboundUrls(ir: SopIR, policy: OutboundPolicy): CompileError[] {
  const errors: CompileError[] = [];
  for (const node of Object.values(ir.nodes)) {
    for (const job of [node as Job, (node as { send?: Job }).send]) {
      const url =
        job?.taskType === 'webhook'
          ? job.headers?.url
          : job?.taskType === HTTP_JSON_CONNECTOR
            ? node.io?.inputs.flatMap((i) => (i.target === 'url' && 'value' in i && typeof i.value === 'string' ? [i.value] : []))[0]
            : undefined;
      const refusal = url && literalUrlRefusal(policy, url);
      if (refusal)
        errors.push({
          elementId: node.id,
          message:
            job?.taskType === 'webhook'
              ? `"${node.name}" (webhook) has "url" header "${url}": ${refusal}`
              : `"${node.name}" (REST connector) has the url "${url}": ${refusal}`,
        });
    }
  }
  return errors;
}
