/** GET /metrics: the project's Prometheus registry, in the text format. */
import type { FastifyInstance } from 'fastify';
import type { MetricsRegistry } from '../metrics/registry.ts';

export async function metricsRoute(
  app: FastifyInstance,
  deps: { readonly metrics: MetricsRegistry },
): Promise<void> {
  app.get(
    '/metrics',
    {
      schema: {
        summary: 'Prometheus metrics (text exposition format)',
        tags: ['operations'],
        produces: ['text/plain'],
      },
    },
    async (_request, reply) => {
      const { registry } = deps.metrics;
      const text = await registry.metrics();
      return reply.type(registry.contentType).send(text);
    },
  );
}
