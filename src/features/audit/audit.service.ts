import type { Db, Executor } from '../../db/client';
import type { Actor } from '../../domain/access';
import { findAuditEntries, insertAuditEntries } from './audit.repo';

export type AuditAction = 'read' | 'list' | 'create' | 'update' | 'delete' | 'export' | 'erase';

export interface AuditEvent {
  actor: Actor | null;
  action: AuditAction;
  /** e.g. `beneficiary`, `household`, `organisation`. */
  entityType: string;
  entityIds: string[];
  requestId?: string;
  details?: Record<string, unknown>;
}

export interface AuditService {
  /** Records an access to personal data; call it inside the transaction of the change it reports. */
  record(event: AuditEvent, executor?: Executor): Promise<void>;
  history(entityType: string, entityId: string): ReturnType<typeof findAuditEntries>;
}

export function createAuditService(deps: { db: Db }): AuditService {
  return {
    record: (event, executor = deps.db) =>
      insertAuditEntries(
        executor,
        event.entityIds.map((entityId) => ({
          actorUserId: event.actor?.userId ?? null,
          organisationId: event.actor?.organisationId ?? null,
          action: event.action,
          entityType: event.entityType,
          entityId,
          requestId: event.requestId ?? null,
          details: event.details ?? null,
        })),
      ),
    history: (entityType, entityId) => findAuditEntries(deps.db, { entityType, entityId }),
  };
}
