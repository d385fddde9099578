import type { WaysOfWorkingVersion, WaysOfWorkingVersions } from '../../api/ways-of-working-client';

export type VersionStatus = 'in_force' | 'scheduled' | 'replaced';

/**
 * Where a version stands today, judged against the server's version in force (so the tab needs
 * no clock of its own): dated after it, it is still to come, unless a later save took the same
 * date; otherwise it has been replaced.
 */
export function versionStatus(version: WaysOfWorkingVersion, { inForce, versions }: Pick<WaysOfWorkingVersions, 'inForce' | 'versions'>): VersionStatus {
  if (inForce && version.id === inForce.id) return 'in_force';
  const afterInForce = !inForce || version.effectiveFrom > inForce.effectiveFrom;
  const overtaken = versions.some((other) => other.effectiveFrom === version.effectiveFrom && other.version > version.version);
  return afterInForce && !overtaken ? 'scheduled' : 'replaced';
}

/** The versions still to come, soonest first. */
export function scheduledVersions(data: Pick<WaysOfWorkingVersions, 'inForce' | 'versions'>): WaysOfWorkingVersion[] {
  return data.versions.filter((version) => versionStatus(version, data) === 'scheduled').sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
}
