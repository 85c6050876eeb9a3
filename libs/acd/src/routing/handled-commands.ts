import { type RoutingDomainState } from './routing-state';

/** A domain's memory of handled command ids: enough to cover any redelivery window of the log. */
export const HANDLED_COMMANDS_REMEMBERED = 50_000;

/**
 * The ids of handledCommands in the order they were handled, from `oldest` on (derived: rebuilt from a snapshot).
 * Finding a Set's first entry steps over every entry deleted before it, so forgetting the oldest id that way cost
 * more than deciding the command itself once the domain remembered its full 50,000 ids.
 */
export interface HandledOrder {
  ids: string[];
  oldest: number;
}

export function newHandledOrder(ids: Iterable<string> = []): HandledOrder {
  return { ids: [...ids], oldest: 0 };
}

/** Remembers a command id, forgetting the oldest beyond HANDLED_COMMANDS_REMEMBERED. */
export function rememberCommand(state: RoutingDomainState, commandId: string): void {
  const handled = state.handledCommands;
  if (handled.has(commandId)) return;
  handled.add(commandId);
  const order = state.handledOrder;
  order.ids.push(commandId);
  if (handled.size <= HANDLED_COMMANDS_REMEMBERED) return;
  handled.delete(order.ids[order.oldest]);
  order.oldest += 1;
  // Drop the forgotten ids now and then rather than shifting the array on every command.
  if (order.oldest >= HANDLED_COMMANDS_REMEMBERED) {
    order.ids.splice(0, order.oldest);
    order.oldest = 0;
  }
}
