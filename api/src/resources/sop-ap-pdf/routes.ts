import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Services } from '../../services';
import { errors } from '../shared/schema';
import { VersionParams } from '../sop-lifecycle/schema';
import { SopApPdfService } from './service';

/** The SOP-AP document of an SOP version (Permenpan RB 35/2012), as a PDF. */
export const sopApPdfRoutes: FastifyPluginAsyncTypebox<Services> = async (app, { prisma }) => {
  const documents = new SopApPdfService(prisma);

  app.get(
    '/api/sops/:key/versions/:version/sop-ap.pdf',
    {
      schema: {
        tags: ['sops', 'public'],
        summary:
          'The SOP-AP document of a version (identity page and flowchart table, A4 landscape, Bahasa Indonesia); public for berlaku versions, any version for staff',
        params: VersionParams,
        produces: ['application/pdf'],
        response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), ...errors(400, 404) },
      },
    },
    async (req, reply) => {
      const pdf = await documents.pdf(req.params.key, req.params.version, req.user !== undefined);
      return reply.type('application/pdf').header('content-disposition', `inline; filename="SOP-${req.params.key}-v${req.params.version}.pdf"`).send(pdf);
    },
  );
};
