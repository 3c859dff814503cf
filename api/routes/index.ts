/** Every HTTP route of the API (the WebSocket is api/ws/alerts-route.ts). */
import type { FastifyInstance } from 'fastify';
import type { AckPublisher } from '../acks/ack-publisher.ts';
import type { ApiConfig } from '../config.ts';
import type { ReadinessChecks } from '../health/readiness.ts';
import type { LearningCommands } from '../learning/command-gateway.ts';
import type { MetricsRegistry } from '../metrics/registry.ts';
import { alertRoutes } from './alerts.ts';
import type { QueryRouteDeps } from './deps.ts';
import { dipRoutes } from './dip-detection.ts';
import { healthRoutes } from './health.ts';
import { learningCycleRoutes } from './learning-cycles.ts';
import { learningParameterRoutes } from './learning-parameters.ts';
import { metricsRoute } from './metrics.ts';
import { missedOpportunityRoutes } from './missed-opportunities.ts';
import { monitoringRoutes } from './monitoring.ts';
import { performanceRoutes } from './performance.ts';
import { recommendationRoutes } from './recommendations.ts';

export interface RoutesOptions extends QueryRouteDeps {
  readonly config: ApiConfig;
  readonly readiness: ReadinessChecks;
  readonly acks: AckPublisher;
  readonly commands: LearningCommands;
  readonly metrics: MetricsRegistry;
}

export async function registerRoutes(app: FastifyInstance, options: RoutesOptions): Promise<void> {
  await app.register(healthRoutes, { readiness: options.readiness });
  await app.register(metricsRoute, { metrics: options.metrics });
  await app.register(monitoringRoutes, options);
  await app.register(missedOpportunityRoutes, options);
  await app.register(recommendationRoutes, options);
  await app.register(performanceRoutes, options);
  await app.register(dipRoutes, options);
  await app.register(alertRoutes, { ...options, token: options.config.token });
  await app.register(learningCycleRoutes, { ...options, token: options.config.token });
  await app.register(learningParameterRoutes, { ...options, token: options.config.token });
}
