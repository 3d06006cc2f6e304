package org.segmentdsl.benchmarks;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks, before anything is measured, that every engine finds the same number of contacts for
 * every workload: a benchmark of engines that disagree measures nothing.
 */
public final class CrossCheck {
  private CrossCheck() {}

  /**
   * Each workload's count, the same in every engine.
   *
   * @throws IllegalStateException naming the workload and every engine's count when they differ
   */
  public static Map<Workload, Long> agreedCounts(List<? extends Engine> engines) {
    Map<Workload, Long> agreed = new EnumMap<>(Workload.class);
    for (Workload w : Workload.values()) {
      Map<String, String> byEngine = new LinkedHashMap<>();
      List<Long> counts = new ArrayList<>();
      for (Engine e : engines) {
        long n = e.count(w);
        counts.add(n);
        byEngine.put(e.name(), String.valueOf(n));
      }
      if (counts.isEmpty() || counts.stream().distinct().count() != 1) {
        throw new IllegalStateException(w.label() + " (" + w.description()
            + "): the engines disagree, so nothing is measured: " + byEngine);
      }
      agreed.put(w, counts.get(0));
    }
    return agreed;
  }
}
