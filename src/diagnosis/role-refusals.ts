/**
 * What the diagnostic role (or the organization reader role) may not call: the refusals one diagnosis noted (its
 * calls refused, and diag_role's simulation of the role), and the engine's cache of that simulation per role.
 */

/** A call the diagnostic role or the organization reader role was refused for lack of its own permission. */
export interface RoleRefusal {
  action: string;
  caller: 'role' | 'org';
  /** The policy type AWS says denies it ('implicit' when no policy allows it), when the message says. */
  deniedBy?: string;
}

export const ROLE_PERMISSION_CACHE_MS = 15 * 60_000;
const MAX_CACHED_ROLES = 1000;

/** diag_role's simulation of the role's own permissions. */
export interface RolePermissionAnswer {
  actions: number;
  denied: RoleRefusal[];
  /** Actions the simulator could not decide (missing context values in an SCP condition). */
  unconfirmed: string[];
}

/** The engine's cache of role answers, by role ARN (a role's policy rarely changes within minutes). */
export class RolePermissionCache {
  private readonly entries = new Map<string, { expiresAt: number; answer: RolePermissionAnswer }>();

  constructor(private readonly ttlMs = ROLE_PERMISSION_CACHE_MS) {}

  get(roleArn: string, now: number): RolePermissionAnswer | undefined {
    const entry = this.entries.get(roleArn);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      this.entries.delete(roleArn);
      return undefined;
    }
    return entry.answer;
  }

  set(roleArn: string, answer: RolePermissionAnswer, now: number): void {
    this.entries.delete(roleArn);
    this.entries.set(roleArn, { expiresAt: now + this.ttlMs, answer });
    while (this.entries.size > MAX_CACHED_ROLES) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}
