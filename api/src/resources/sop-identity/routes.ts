import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '../../services';
import { DESIGNERS } from '../../roles';
import { errors, security } from '../shared/schema';
import { VersionParams } from '../sop-lifecycle/schema';
import { SopIdentityAnswer, SopIdentityBody } from './schema';
import { SopIdentityService } from './service';

/** The SOP-AP identity of an SOP version (nomor, tanggal, disahkan oleh, dasar hukum...). */
export const sopIdentityRoutes: FastifyPluginAsyncTypebox<Services> = async (app, { auth, prisma, sops }) => {
  const identities = new SopIdentityService(prisma, sops);

  app.get(
    '/api/sops/:key/versions/:version/identity',
    {
      preHandler: auth.authenticate(),
      schema: {
        tags: ['sops'],
        summary: "An SOP version's SOP-AP identity, with the fields still missing before submission and the linked SOPs",
        security,
        params: VersionParams,
        response: { 200: SopIdentityAnswer, ...errors(400, 401, 404) },
      },
    },
    async (req) => identities.get(req.params.key, req.params.version),
  );

  app.put(
    '/api/sops/:key/versions/:version/identity',
    {
      preHandler: auth.authenticate(DESIGNERS),
      schema: {
        tags: ['sops'],
        summary: "Set an SOP version's SOP-AP identity (replaces it; dates YYYY-MM-DD); while it is a draft (with ALUR_SOP_APPROVAL=off: until dicabut)",
        security,
        params: VersionParams,
        body: SopIdentityBody,
        response: { 200: SopIdentityAnswer, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => identities.put(req.params.key, req.params.version, req.body),
  );
};
