/**
 * Builds the HTTP API without listening: tests call inject() on it, and
 * api/server.ts is the only place that binds a port. Every dependency comes
 * in through `ApiDeps`, so a test can watch the SQL sent or stand in for Kafka.
 */
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { AckPublisher } from './acks/ack-publisher.ts';
import type { QueryRunner } from './clickhouse/query-runner.ts';
import type { ApiConfig } from './config.ts';
import { ApiError } from './errors.ts';
import type { ReadinessChecks } from './health/readiness.ts';
import { AnswerCache } from './http/answer-cache.ts';
import { errorHandler } from './http/error-handler.ts';
import { responseChecker } from './http/response-check.ts';
import { strictQuery } from './http/strict-query.ts';
import { requestValidators } from './http/validators.ts';
import type { LearningCommands } from './learning/command-gateway.ts';
import type { MetricsRegistry } from './metrics/registry.ts';
import { registerRoutes } from './routes/index.ts';
import type { AlertFeed } from './ws/alert-feed.ts';
import { AlertHub } from './ws/alert-hub.ts';
import { alertSocketRoute } from './ws/alerts-route.ts';

export interface ApiDeps {
  readonly config: ApiConfig;
  readonly queries: QueryRunner;
  readonly readiness: ReadinessChecks;
  readonly acks: AckPublisher;
  /** Operators' commands to the learning coordinator (run a cycle, approve, roll back). */
  readonly commands: LearningCommands;
  readonly alertFeed: AlertFeed;
  readonly metrics: MetricsRegistry;
  /** Epoch-ms wall clock: "the last N days" and acknowledgement times are read from it. */
  readonly clock?: () => number;
  readonly logger?: FastifyServerOptions['logger'];
}

const BODY_LIMIT_BYTES = 16 * 1024;

export async function buildApp(deps: ApiDeps): Promise<FastifyInstance> {
  const { config, metrics } = deps;
  const clock = deps.clock ?? Date.now;
  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: BODY_LIMIT_BYTES,
    // Long path values reach validation (and a 400) instead of missing the route (a 404).
    routerOptions: { maxParamLength: 8192 },
  });
  app.setValidatorCompiler(requestValidators());
  // Bodies are JSON only: fastify's default text/plain parser would let text reach the body schema.
  app.removeContentTypeParser('text/plain');
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(() => {
    throw new ApiError('NOT_FOUND');
  });

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'amc-learning API',
        version: '1',
        description:
          'What the learning system knows: tracked recommendations, pipeline health, dip analyses, alerts, ' +
          'learning cycles and parameters; operators run cycles and approve or roll back parameters. ' +
          'Every answer is { success, ...payload }; errors carry a stable code (see ErrorResponse). ' +
          'Live alerts: WebSocket GET /ws/alerts?min_severity=INFO|WARNING|HIGH|CRITICAL|EMERGENCY with ' +
          'Authorization: Bearer <AMC_API_TOKEN>; each message is {"type":"alert","alert":{...}} shaped as GET /alerts items.',
      },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'AMC_API_TOKEN' } },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  if (config.corsOrigins.length > 0) await app.register(cors, { origin: [...config.corsOrigins] });
  await app.register(rateLimit, {
    global: false,
    keyGenerator: (request) => request.ip,
    errorResponseBuilder: (_request, context) =>
      new ApiError('RATE_LIMITED', `at most ${context.max} of these queries per minute per client`),
  });
  await app.register(websocket, { options: { maxPayload: 1024 } });

  app.addHook('preValidation', strictQuery);
  app.addHook('preSerialization', responseChecker());
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.httpDuration.observe(
      { method: request.method, route, status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  const hub = new AlertHub({
    maxBufferedBytes: config.wsMaxBufferedBytes,
    observer: {
      sent: (count) => metrics.wsMessages.inc(count),
      dropped: (reason) => metrics.wsDropped.inc({ reason }),
      clients: (count) => metrics.wsClients.set(count),
    },
  });
  await app.register(alertSocketRoute, { token: config.token, hub, feed: deps.alertFeed });
  await app.register(registerRoutes, {
    config,
    queries: deps.queries,
    readiness: deps.readiness,
    acks: deps.acks,
    commands: deps.commands,
    metrics,
    clock,
    expensive: { rateLimit: { max: config.rateLimitPerMinute, timeWindow: 60_000 } },
    answers: new AnswerCache(config.answerCacheMs),
  });
  return app;
}
