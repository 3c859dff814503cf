import type { FastifyInstance, FastifyReply } from 'fastify';
import { parseCompatibilityLevel } from './compatibility.ts';
import { errors, RegistryError } from './errors.ts';
import type { RegistryService, SchemaRequest } from './service.ts';
import type { SubjectVersion } from './state.ts';
import { parseVersionRef } from './version-ref.ts';

interface SubjectParams {
  subject: string;
}
interface VersionParams extends SubjectParams {
  version: string;
}
interface Flags {
  deleted?: string;
  permanent?: string;
  defaultToGlobal?: string;
  verbose?: string;
}

const on = (flag: string | undefined): boolean => flag === 'true';

/** The body of a register, lookup or compatibility request; anything else is an invalid schema. */
function schemaRequest(body: unknown): SchemaRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw errors.invalidSchema('the request body must be a JSON object with a "schema" string');
  }
  return body as SchemaRequest;
}

/** PUT /config bodies: Confluent reads `compatibility`; `compatibilityLevel` is accepted too. */
function levelFrom(body: unknown) {
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  return parseCompatibilityLevel(fields.compatibility ?? fields.compatibilityLevel);
}

function schemaId(raw: string): number {
  if (!/^[0-9]+$/.test(raw)) throw errors.schemaNotFound(`Schema ${raw} not found`);
  return Number(raw);
}

function refusePermanent(flags: Flags): void {
  if (on(flags.permanent)) {
    throw new RegistryError('unsupported', 'permanent=true is not supported; deletes here are soft deletes');
  }
}

const versionBody = (entry: SubjectVersion) => ({
  subject: entry.subject,
  version: entry.version,
  id: entry.id,
  schema: entry.schema,
});

/** Confluent's REST subset that Confluent clients (and @kafkajs/confluent-schema-registry) use. */
export function registerRoutes(app: FastifyInstance, registry: RegistryService): void {
  app.get('/', async () => ({}));

  app.get<{ Querystring: Flags }>('/subjects', async (request) =>
    registry.subjects(on(request.query.deleted)),
  );

  app.get<{ Params: SubjectParams; Querystring: Flags }>('/subjects/:subject/versions', async (request) =>
    registry.versions(request.params.subject, on(request.query.deleted)),
  );

  app.get<{ Params: VersionParams; Querystring: Flags }>(
    '/subjects/:subject/versions/:version',
    async (request) => {
      const { subject, version } = request.params;
      return versionBody(
        await registry.version(subject, parseVersionRef(version), on(request.query.deleted)),
      );
    },
  );

  app.get<{ Params: VersionParams; Querystring: Flags }>(
    '/subjects/:subject/versions/:version/schema',
    async (request, reply: FastifyReply) => {
      const { subject, version } = request.params;
      const entry = await registry.version(subject, parseVersionRef(version), on(request.query.deleted));
      return reply.send(entry.schema);
    },
  );

  app.post<{ Params: SubjectParams }>('/subjects/:subject/versions', async (request) =>
    registry.register(request.params.subject, schemaRequest(request.body)),
  );

  app.post<{ Params: SubjectParams; Querystring: Flags }>('/subjects/:subject', async (request) => {
    const { subject } = request.params;
    return versionBody(
      await registry.lookup(subject, schemaRequest(request.body), on(request.query.deleted)),
    );
  });

  app.delete<{ Params: SubjectParams; Querystring: Flags }>('/subjects/:subject', async (request) => {
    refusePermanent(request.query);
    return registry.deleteSubject(request.params.subject);
  });

  app.delete<{ Params: VersionParams; Querystring: Flags }>(
    '/subjects/:subject/versions/:version',
    async (request) => {
      refusePermanent(request.query);
      const { subject, version } = request.params;
      return registry.deleteVersion(subject, parseVersionRef(version));
    },
  );

  app.get<{ Params: { id: string } }>('/schemas/ids/:id', async (request) => ({
    schema: await registry.schemaById(schemaId(request.params.id)),
  }));

  app.get<{ Params: { id: string } }>('/schemas/ids/:id/schema', async (request, reply: FastifyReply) =>
    reply.send(await registry.schemaById(schemaId(request.params.id))),
  );

  app.get<{ Params: { id: string }; Querystring: Flags }>('/schemas/ids/:id/versions', async (request) => {
    const uses = await registry.usesOfId(schemaId(request.params.id), on(request.query.deleted));
    return uses.map(({ subject, version }) => ({ subject, version }));
  });

  app.get<{ Params: { id: string }; Querystring: Flags }>('/schemas/ids/:id/subjects', async (request) => {
    const uses = await registry.usesOfId(schemaId(request.params.id), on(request.query.deleted));
    return [...new Set(uses.map((use) => use.subject))];
  });

  app.get('/schemas/types', async () => ['AVRO']);

  app.get('/config', async () => ({ compatibilityLevel: registry.globalCompatibility() }));

  app.put('/config', async (request) => ({
    compatibility: await registry.setCompatibility(null, levelFrom(request.body)),
  }));

  app.get<{ Params: SubjectParams; Querystring: Flags }>('/config/:subject', async (request) => ({
    compatibilityLevel: registry.subjectCompatibility(
      request.params.subject,
      on(request.query.defaultToGlobal),
    ),
  }));

  app.put<{ Params: SubjectParams }>('/config/:subject', async (request) => ({
    compatibility: await registry.setCompatibility(request.params.subject, levelFrom(request.body)),
  }));

  app.delete<{ Params: SubjectParams }>('/config/:subject', async (request) => ({
    compatibilityLevel: await registry.clearSubjectCompatibility(request.params.subject),
  }));

  app.post<{ Params: VersionParams; Querystring: Flags }>(
    '/compatibility/subjects/:subject/versions/:version',
    async (request) => {
      const { subject, version } = request.params;
      const reasons = await registry.testCompatibility(
        subject,
        parseVersionRef(version),
        schemaRequest(request.body),
      );
      const verdict = { is_compatible: reasons.length === 0 };
      return on(request.query.verbose) ? { ...verdict, messages: reasons } : verdict;
    },
  );
}
