// Jobs for external job workers (issue 15; workflows/src/interpreter/job.ts):
// runJob stores the step's job with its activity's task token and leaves the
// activity open (asynchronous completion); the API completes it when a worker
// is done (api/src/resources/jobs). A retried attempt (the first one timed out
// or its worker died) finds its job by case and step and renews the token; the
// job's state, retries and activation stay as they were.
import { CompleteAsyncError, Context } from '@temporalio/activity';
import type { PrismaClient } from '@alur/db';
import type { JobOutcome, JobRequest, JobStepRef } from '@alur/workflows';

export function jobActivities(prisma: PrismaClient) {
  return {
    async runJob(request: JobRequest): Promise<JobOutcome> {
      const taskToken = Buffer.from(Context.current().info.taskToken);
      const { caseId, stepId, variables, customHeaders, ...rest } = request;
      await prisma.job.upsert({
        where: { caseId_stepId: { caseId, stepId } },
        create: { caseId, stepId, ...rest, customHeaders, variables: variables as object, taskToken, state: 'activatable' },
        update: { taskToken },
      });
      throw new CompleteAsyncError();
    },
    async cancelJob({ caseId, stepId }: JobStepRef): Promise<void> {
      await prisma.job.updateMany({
        where: { caseId, stepId, state: { in: ['activatable', 'activated'] } },
        data: { state: 'cancelled', deadline: null, activationKey: null },
      });
    },
  };
}
