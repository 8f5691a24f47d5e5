/** The demo company's staff: their memberships and roles, and the employees who do the visits. */
import type { Transaction } from "@ordinavo/db";
import { addMembership } from "../factories";
import { DEMO_STAFF, type StaffSeed } from "./data/accounts";
import { DEPOT } from "./data/places";
import type { Employee, Story, Team } from "./story";

/**
 * Adds the memberships (the staff users themselves are global rows, made before the tenant's
 * transaction scope). `staffUserIds` are the ids of DEMO_STAFF, in order.
 */
export async function addTeam(tx: Transaction, story: Story, staffUserIds: string[]): Promise<Team> {
  const { tenantId } = story;
  const idByKey: Record<string, string> = {};
  const employees: Employee[] = [];
  for (const [index, member] of DEMO_STAFF.entries()) {
    const userId = staffUserIds[index]!;
    await addMembership(tx, { tenantId, userId, role: member.role });
    idByKey[member.key] = userId;
    if (member.role === "employee") employees.push(employeeOf(member, userId));
  }
  return {
    adminId: idByKey.admin!,
    managerId: idByKey.manager!,
    dispatcherId: idByKey.dispatcher!,
    employees,
    employeeByKey: new Map(employees.map((e) => [e.key, e])),
  };
}

function employeeOf(member: StaffSeed, id: string): Employee {
  return { key: member.key, id, name: member.name, base: member.base ?? DEPOT };
}
