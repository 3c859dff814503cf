import Fastify, { type FastifyBodyParser, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { CompatibilityLevel } from './compatibility.ts';
import { REGISTRY_ERRORS, RegistryError } from './errors.ts';
import { registerRoutes } from './routes.ts';
import { RegistryService } from './service.ts';
import type { RegistryStore } from './store.ts';

export const REGISTRY_CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';

export interface RegistryAppOptions {
  /** Already started; the app closes it when the app closes. */
  readonly store: RegistryStore;
  /** Level in force until PUT /config sets one; BACKWARD, as in Confluent. */
  readonly defaultCompatibility?: CompatibilityLevel;
  /** Fastify's logger option; off unless given. */
  readonly logger?: FastifyServerOptions['logger'];
}

/** Builds the registry's HTTP app without listening; tests call inject(), server.ts listens. */
export function buildRegistryApp(options: RegistryAppOptions): FastifyInstance {
  const app = Fastify({ logger: options.logger ?? false });
  const service = new RegistryService({
    store: options.store,
    ...(options.defaultCompatibility ? { defaultCompatibility: options.defaultCompatibility } : {}),
  });

  // Confluent clients send their own media types (or none Fastify knows), and send a JSON content
  // type on DELETE requests that have no body: every body is JSON, and an empty one is no body.
  const json = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  const parseBody: FastifyBodyParser<string> = (request, body, done) => {
    if (typeof body === 'string' && body.trim() === '') return done(null, undefined);
    return json(request, body, done);
  };
  app.addContentTypeParser(
    [
      'application/json',
      REGISTRY_CONTENT_TYPE,
      'application/vnd.schemaregistry+json',
      'application/octet-stream',
    ],
    { parseAs: 'string' },
    parseBody,
  );
  app.addContentTypeParser('*', { parseAs: 'string' }, parseBody);

  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('content-type', REGISTRY_CONTENT_TYPE);
    return payload;
  });

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof RegistryError) {
      if (error.status >= 500) request.log.error({ err: error }, 'registry request failed');
      return reply.status(error.status).send(error.toBody());
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const message = error instanceof Error ? error.message : String(error);
      return reply.status(status).send({ error_code: status, message });
    }
    request.log.error({ err: error }, 'registry request failed');
    const { code, status: internal } = REGISTRY_ERRORS.internal;
    return reply.status(internal).send({ error_code: code, message: 'Internal server error' });
  });

  app.setNotFoundHandler((_request, reply) =>
    reply.status(404).send({ error_code: REGISTRY_ERRORS.routeNotFound.code, message: 'HTTP 404 Not Found' }),
  );

  app.addHook('onClose', async () => {
    await options.store.close();
  });

  registerRoutes(app, service);
  return app;
}
