export function startRoleGuard(options: {
  target: string;
  deniedRoles: string[];
}): Promise<{ url: string; close: () => void }>;
