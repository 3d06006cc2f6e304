package org.segmentdsl.internal.column;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;
import org.segmentdsl.Cancellation;
import org.segmentdsl.EvaluationCancelledException;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.condition.TagCondition;
import org.segmentdsl.internal.Budget;
import org.segmentdsl.internal.WriteScope;

/**
 * Many {@code contains} patterns matched in one walk over a dictionary ({@link
 * BitmapMap#containing}) find, pattern by pattern, exactly the keys the walk per pattern ({@link
 * BitmapMap#matching}) finds: with overlapping and repeated patterns, the empty pattern, letters
 * whose lower case is longer or depends on context (İ, Σ), surrogate pairs, and ignoreCase.
 */
class SharedContainsWalkTest {
  /** Pieces of keys and patterns: overlapping, cased, non-ASCII, a surrogate pair. */
  private static final String[] PARTS = {"a", "aa", "ab", "b", "A", "B", "-", "é", "É", "Σ", "σ",
      "ς", "İ", "i", "ı", "I", "ß", "ẞ", "ǅ", "😀", "\u0307"};

  private static String word(SplittableRandom r, int minParts, int maxParts) {
    StringBuilder sb = new StringBuilder();
    int n = minParts + r.nextInt(maxParts - minParts + 1);
    for (int i = 0; i < n; i++) {
      sb.append(PARTS[r.nextInt(PARTS.length)]);
    }
    return sb.toString();
  }

  private static BitmapMap<String> dictionary(SplittableRandom r, List<String> keys, int size) {
    WriteScope scope = new WriteScope();
    BitmapMap<String> map = BitmapMap.<String>empty().edit(scope);
    for (int row = 0; row < size; row++) {
      String key = word(r, 1, 6);
      if (map.get(key) == null) {
        keys.add(key);
      }
      map.add(scope, key, row);
      if (r.nextInt(4) == 0) {
        map.add(scope, keys.get(r.nextInt(keys.size())), row); // keys with several rows
      }
    }
    return map;
  }

  /** Patterns that overlap one another and the keys, repeat, and include the empty one. */
  private static List<String> patterns(SplittableRandom r, List<String> keys) {
    List<String> patterns = new ArrayList<>();
    int n = 4 + r.nextInt(60);
    for (int i = 0; i < n; i++) {
      String p = switch (r.nextInt(5)) {
        case 0 -> word(r, 0, 3);
        case 1 -> { // a piece of a key, which may split a surrogate pair or a combining mark
          String key = keys.get(r.nextInt(keys.size()));
          int from = r.nextInt(key.length());
          yield key.substring(from, from + 1 + r.nextInt(key.length() - from));
        }
        case 2, 3 -> patterns.isEmpty() ? "" : patterns.get(r.nextInt(patterns.size()))
            + (r.nextBoolean() ? PARTS[r.nextInt(PARTS.length)] : "");
        default -> PARTS[r.nextInt(PARTS.length)] + (patterns.isEmpty() ? ""
            : patterns.get(r.nextInt(patterns.size())));
      };
      patterns.add(r.nextInt(8) == 0 ? p.toUpperCase(Locale.ROOT) : p);
    }
    return patterns;
  }

  @Test
  void oneWalkFindsWhatAWalkPerPatternFinds() {
    for (long seed = 0; seed < 60; seed++) {
      SplittableRandom r = new SplittableRandom(seed);
      List<String> keys = new ArrayList<>();
      BitmapMap<String> map = dictionary(r, keys, 300 + r.nextInt(3_000));
      List<String> patterns = patterns(r, keys);
      for (boolean ignoreCase : new boolean[] {false, true}) {
        List<List<RoaringBitmap>> shared = BitmapMap.containing(map, patterns, ignoreCase,
            Budget.UNLIMITED);
        assertThat(shared).hasSameSizeAs(patterns);
        for (int i = 0; i < patterns.size(); i++) {
          List<RoaringBitmap> single = BitmapMap.matching(map, TagCondition.Op.CONTAINS,
              patterns.get(i), ignoreCase, Budget.UNLIMITED);
          String what = "seed " + seed + ", ignoreCase " + ignoreCase + ", pattern \""
              + patterns.get(i) + "\" of " + patterns;
          assertThat(shared.get(i)).as("%s: one entry per matching key", what)
              .hasSameSizeAs(single);
          assertThat(RoaringBitmap.or(shared.get(i).iterator())).as(what)
              .isEqualTo(RoaringBitmap.or(single.iterator()));
        }
      }
    }
  }

  @Test
  void theSharedWalkStopsWhenTheEvaluationIsCancelled() {
    SplittableRandom r = new SplittableRandom(14);
    BitmapMap<String> map = dictionary(r, new ArrayList<>(), 20_000);
    Cancellation stop = new Cancellation();
    Budget budget = Budget.start(EvaluationContext.at(Instant.parse("2026-11-28T12:00:00Z"))
        .withCancellation(stop));
    stop.cancel();
    assertThatThrownBy(() -> BitmapMap.containing(map, List.of("a", "b", "é", "Σ"), false,
        budget)).isInstanceOf(EvaluationCancelledException.class)
        .hasMessage("evaluation was cancelled");
  }
}
