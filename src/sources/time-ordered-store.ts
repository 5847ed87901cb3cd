import { splitByTimeOrder } from "../domain/time-order.ts";
import type { Logger } from "../logger.ts";
import type { Store } from "../store/store.ts";

// What a collector writes passes the same time-order rules as an import line (decision
// 151): an API that reports an incident resolved before it started, or a commit authored
// hours after its merge, gets that record refused — logged with the source, kind, id and
// the two times, and counted as kpi_exporter_rejected_records_total{reason="time_order"} —
// while the rest of the batch is stored.

export function timeOrderedStore(
  store: Store,
  source: string,
  logger: Logger,
  rejected: (kind: string, reason: "time_order") => void,
): Store {
  return {
    ...store,
    upsert(records, sync) {
      const { ordered, refused } = splitByTimeOrder(records);
      for (const { kind, id, why } of refused) {
        logger.warn("record refused: its times are out of order", {
          collector: source,
          kind,
          id,
          why,
        });
        rejected(kind, "time_order");
      }
      return store.upsert(ordered, sync);
    },
  };
}
