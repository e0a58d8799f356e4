// What an SOP deploy binds into the IR: the latest deployed forms and decisions.
import type { PrismaClient } from '@alur/db';
import type { DeployedResources } from '@alur/workflows/compiler';
import { DecisionService } from './decisions';
import { FormService } from './forms';

export function deployedResources(prisma: PrismaClient): DeployedResources {
  const forms = new FormService(prisma);
  const decisions = new DecisionService(prisma);
  return { form: (id) => forms.latest(id), decision: (id) => decisions.latest(id) };
}
