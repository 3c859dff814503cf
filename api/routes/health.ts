/** GET /health: the process answers (liveness), and how Kafka, ClickHouse and the registry answer it. */
import type { FastifyInstance } from 'fastify';
import { errorResponses } from '../errors.ts';
import { checkReadiness, DEPENDENCIES, type ReadinessChecks } from '../health/readiness.ts';
import { successSchema } from '../schemas.ts';

const dependencyStatus = {
  type: 'object',
  additionalProperties: false,
  required: ['ready', 'latency_ms'],
  properties: {
    ready: { type: 'boolean' },
    latency_ms: { type: 'number', minimum: 0 },
    error: { type: 'string' },
  },
} as const;

export async function healthRoutes(
  app: FastifyInstance,
  deps: { readonly readiness: ReadinessChecks },
): Promise<void> {
  app.get(
    '/health',
    {
      schema: {
        summary: 'Liveness, and readiness of Kafka, ClickHouse and the registry with their latency',
        description:
          'Always 200 while the process runs; status is "ready" only when every dependency answered.',
        tags: ['operations'],
        response: {
          200: successSchema({
            status: { type: 'string', enum: ['ready', 'degraded'] },
            uptime_s: { type: 'number', minimum: 0 },
            dependencies: {
              type: 'object',
              additionalProperties: false,
              required: [...DEPENDENCIES],
              properties: Object.fromEntries(DEPENDENCIES.map((name) => [name, dependencyStatus])),
            },
          }),
          ...errorResponses([]),
        },
      },
    },
    async () => {
      const dependencies = await checkReadiness(deps.readiness);
      const ready = Object.values(dependencies).every((d) => d.ready);
      return {
        success: true,
        status: ready ? 'ready' : 'degraded',
        uptime_s: process.uptime(),
        dependencies,
      };
    },
  );
}
