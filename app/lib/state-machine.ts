/**
 * The one shape of the portal's workflows: a table of events, each with the statuses it leaves, the status it
 * reaches, who may fire it and what it needs. A module declares its table; this decides every transition the same way.
 */

export type Transition<S extends string, A extends string, R extends string> = {
  from: readonly S[];
  to: S;
  by: A | readonly A[];
  needs?: readonly R[];
};

export type MachineResult<S extends string, R extends string> =
  | { ok: true; status: S }
  | { ok: false; problem: "notAllowed" | "forbidden" }
  | { ok: false; problem: "missing"; requirement: R };

function mayAct<A extends string>(by: A | readonly A[], actor: A): boolean {
  return typeof by === "string" ? by === actor : by.includes(actor);
}

export function stateMachine<S extends string, E extends string, A extends string, R extends string, I>(
  events: readonly E[],
  transitions: Record<E, Transition<S, A, R>>,
  missing: Record<R, (input: I) => boolean>,
) {
  return {
    /** The status after `event`, or why not: first whether the status allows it, then whether this actor may, then the inputs. */
    next(current: S, event: E, actor: A, input: I): MachineResult<S, R> {
      const transition = transitions[event];
      if (!transition.from.includes(current)) return { ok: false, problem: "notAllowed" };
      if (!mayAct(transition.by, actor)) return { ok: false, problem: "forbidden" };
      const requirement = transition.needs?.find((need) => missing[need](input));
      return requirement ? { ok: false, problem: "missing", requirement } : { ok: true, status: transition.to };
    },
    /** The events a page may offer this actor in this status. */
    allowed(current: S, actor: A): E[] {
      return events.filter(
        (event) => mayAct(transitions[event].by, actor) && transitions[event].from.includes(current),
      );
    },
  };
}
