// A status machine is data (which status may follow which) plus three small questions asked of it.
// Moving to the status you are already in is not a transition; no machine allows it.

export const machineEntities = [
  "target",
  "appointment",
  "visit_report",
  "portal_request",
  "import_job",
  "webhook_delivery",
] as const;
export type MachineEntity = (typeof machineEntities)[number];

const subjects: Record<MachineEntity, string> = {
  target: "A target",
  appointment: "An appointment",
  visit_report: "A visit report",
  portal_request: "A portal request",
  import_job: "An import job",
  webhook_delivery: "A webhook delivery",
};

/** Thrown when a record is asked to move to a status its machine does not allow from where it is. */
export class TransitionError extends Error {
  override readonly name = "TransitionError";
  readonly entity: MachineEntity;
  readonly from: string;
  readonly to: string;

  constructor(entity: MachineEntity, from: string, to: string) {
    const words = (status: string) => status.replaceAll("_", " ");
    super(`${subjects[entity]} cannot go from ${words(from)} to ${words(to)}`);
    this.entity = entity;
    this.from = from;
    this.to = to;
  }
}

/** For each status, the statuses that may follow it. Every status is a key, final ones map to []. */
export type TransitionTable<S extends string> = Readonly<Record<S, readonly S[]>>;

export type StatusMachine<S extends string> = {
  readonly entity: MachineEntity;
  readonly statuses: readonly S[];
  readonly allowed: TransitionTable<S>;
  canTransition(from: S, to: S): boolean;
  /** Throws a `TransitionError` unless `canTransition(from, to)`. */
  assertTransition(from: S, to: S): void;
  nextStatuses(from: S): readonly S[];
  /** True when nothing may follow the status. */
  isFinal(status: S): boolean;
};

export function defineMachine<S extends string>(
  entity: MachineEntity,
  statuses: readonly S[],
  allowed: TransitionTable<S>,
): StatusMachine<S> {
  // A status read from storage may not be one we know; it has no next statuses.
  const nextStatuses = (from: S): readonly S[] => (Object.hasOwn(allowed, from) ? allowed[from] : []);
  const canTransition = (from: S, to: S) => nextStatuses(from).includes(to);
  return {
    entity,
    statuses,
    allowed,
    canTransition,
    assertTransition(from, to) {
      if (!canTransition(from, to)) throw new TransitionError(entity, from, to);
    },
    nextStatuses,
    isFinal: (status) => nextStatuses(status).length === 0,
  };
}
