import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../app.js';
import { actorName } from '../../services/access.js';

// Accounts, managed by admins; every change is audited (services/user.service.ts).
export const userRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  app.get('/v1/users', { config: { permission: 'users:manage' } }, async () => ({ users: await services.users.list() }));
  app.post('/v1/users', { config: { permission: 'users:manage' } }, async (req, reply) => reply.code(201).send(await services.users.create(req.body, actorName(req.principal))));
  app.patch<{ Params: { id: string } }>('/v1/users/:id', { config: { permission: 'users:manage' } }, async (req) => services.users.update(req.params.id, req.body, actorName(req.principal)));
};
